/**
 * n8n as the IVR nodes see it, for tests and the benchmark: a trigger context whose `emit` takes
 * a response and a done promise and runs a "workflow" (a function) for each turn, and an execute
 * context for the Asterisk IVR node whose `sendResponse` delivers to that turn's response promise.
 *
 * It behaves as DESIGN.md records n8n does (regular mode): only the first sendResponse of an
 * execution is delivered; an execution that ends without answering resolves the response promise
 * with `{}`; the done promise resolves with the run's status once the execution is over.
 * trigger-context.ts (the AMI trigger's) records emits but drops the promises, hence this file.
 *
 * The node instances are passed in, not imported: outside jest (the benchmark, under ts-node)
 * `require('…/AsteriskIvr.node')` would find the codex file AsteriskIvr.node.json first.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecuteResponsePromiseData,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

import type { TurnData } from '../../nodes/Asterisk/ivr/turn';
import { createExecuteContext, resolveParameter, type Parameters } from './n8n-context';

export type SendResponse = (payload: IExecuteResponsePromiseData) => Promise<void>;

/**
 * One execution of the workflow for one turn. It answers by calling `sendResponse` (usually
 * through runIvrNode); returning without it is "the execution ended without answering";
 * throwing is a failed execution.
 */
export type IvrWorkflow = (turn: TurnData, sendResponse: SendResponse) => Promise<void> | void;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface IvrTriggerOptions {
	/** An AsteriskIvrTrigger. */
	node: INodeType;
	parameters?: Parameters;
	/** The credential's data; default a valid token (TEST_TOKEN). */
	credentials?: ICredentialDataDecryptedObject;
	workflow: IvrWorkflow;
	mode?: 'trigger' | 'manual';
}

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface ActiveIvrTrigger {
	readonly context: ITriggerFunctions;
	readonly response: ITriggerResponse;
	/** Every emitted turn, in order. */
	readonly turns: TurnData[];
	/** Every execution started, settled when it is over. */
	readonly executions: Array<Promise<void>>;
	readonly logs: Array<{ level: LogLevel; message: string }>;
	readonly errors: Error[];
	/** Resolves once `count` turns were emitted in all (rejects after timeoutMs). */
	waitForTurns(count: number, timeoutMs?: number): Promise<TurnData[]>;
	close(): Promise<void>;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (error: Error) => void } {
	let resolve!: (value: T | PromiseLike<T>) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

export async function activateIvrTrigger(options: IvrTriggerOptions): Promise<ActiveIvrTrigger> {
	const nodeType = options.node;
	const properties = nodeType.description.properties;
	const parameters = { port: 0, ...(options.parameters ?? {}) };
	const turns: TurnData[] = [];
	const executions: Array<Promise<void>> = [];
	const logs: ActiveIvrTrigger['logs'] = [];
	const errors: Error[] = [];
	const watchers = new Set<() => void>();
	const changed = (): void => {
		for (const watcher of [...watchers]) watcher();
	};
	const node: INode = {
		id: 'ivr-trigger',
		name: 'Asterisk IVR Trigger',
		type: 'n8n-nodes-asterisk.asteriskIvrTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
	const log =
		(level: LogLevel) =>
		(message: string): void => {
			logs.push({ level, message });
		};

	const runExecution = async (
		turn: TurnData,
		response: { resolve: (value: IExecuteResponsePromiseData) => void } | undefined,
		done: { resolve: (value: IRun) => void } | undefined,
	): Promise<void> => {
		let answered = false;
		const sendResponse: SendResponse = async (payload) => {
			if (answered) return; // n8n delivers only the first answer of an execution
			answered = true;
			response?.resolve(payload);
		};
		let status: IRun['status'] = 'success';
		try {
			await options.workflow(turn, sendResponse);
		} catch {
			status = 'error';
		}
		if (!answered) response?.resolve({});
		done?.resolve({ status } as IRun);
	};

	const implemented = {
		getNode: (): INode => node,
		getMode: (): string => options.mode ?? 'trigger',
		getActivationMode: (): string => 'activate',
		getNodeParameter: (name: string, fallback?: unknown): unknown => {
			const value = resolveParameter(properties, parameters, name);
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return value;
		},
		getCredentials: async (type: string): Promise<ICredentialDataDecryptedObject> => {
			if (type !== 'asteriskExternalIvrApi') throw new Error(`unexpected credential type ${type}`);
			return options.credentials ?? { token: TEST_TOKEN };
		},
		emit: (
			data: INodeExecutionData[][],
			response?: { resolve: (value: IExecuteResponsePromiseData) => void },
			done?: { resolve: (value: IRun) => void },
		): void => {
			const turn = data[0]?.[0]?.json as TurnData | undefined;
			if (turn === undefined) throw new Error('emit without an item');
			turns.push(turn);
			changed();
			executions.push(runExecution(turn, response, done));
		},
		emitError: (error: Error): void => {
			errors.push(error);
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: { createDeferredPromise: deferred },
	};
	const context = new Proxy(implemented, {
		get(target, property, receiver) {
			if (Reflect.has(target, property)) return Reflect.get(target, property, receiver);
			if (typeof property === 'symbol' || property === 'then') return undefined;
			throw new Error(`the IVR trigger context does not implement ${String(property)}()`);
		},
	}) as unknown as ITriggerFunctions;

	const trigger = nodeType.trigger;
	if (trigger === undefined) throw new Error('no trigger()');
	const response = (await trigger.call(context)) ?? {};
	let closing: Promise<void> | undefined;

	return {
		context,
		response,
		turns,
		executions,
		logs,
		errors,
		waitForTurns: (count, timeoutMs = 5000) =>
			new Promise<TurnData[]>((resolve, reject) => {
				const check = (): void => {
					if (turns.length < count) return;
					stop();
					resolve(turns);
				};
				const timer = setTimeout(() => {
					stop();
					reject(new Error(`no ${count} turns within ${timeoutMs} ms (got ${turns.length}: ${turns.map((t) => t.event).join(', ')})`));
				}, timeoutMs);
				const stop = (): void => {
					clearTimeout(timer);
					watchers.delete(check);
				};
				watchers.add(check);
				check();
			}),
		close: () => (closing ??= (async () => await response.closeFunction?.())()),
	};
}

/** The port the trigger listens on, from its "listening on" log line. */
export function listeningPort(trigger: ActiveIvrTrigger): number {
	for (const { message } of trigger.logs) {
		const match = /listening on \S+:(\d+);/.exec(message);
		if (match !== null) return Number(match[1]);
	}
	throw new Error('the trigger logged no port');
}

/**
 * Run the Asterisk IVR node on one item, its sendResponse delivering where the test says (a
 * turn's response promise). Returns the node's output.
 */
export async function runIvrNode(
	node: INodeType,
	parameters: Parameters,
	item: IDataObject,
	sendResponse: SendResponse,
	options: { continueOnFail?: boolean; items?: INodeExecutionData[] } = {},
): Promise<INodeExecutionData[]> {
	const { context: base } = createExecuteContext({
		node,
		parameters,
		items: options.items ?? [{ json: item }],
		continueOnFail: options.continueOnFail,
	});
	const context = new Proxy(base, {
		get(target, property, receiver) {
			if (property === 'sendResponse') return sendResponse;
			return Reflect.get(target, property, receiver);
		},
	}) as IExecuteFunctions;
	if (node.execute === undefined) throw new Error('the node has no execute()');
	const output = await node.execute.call(context);
	if (output === null || !Array.isArray(output)) throw new Error('execute() returned no output');
	return output[0] ?? [];
}
