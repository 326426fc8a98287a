/**
 * A minimal n8n trigger context for running a node's `trigger()` in a test: parameters with the
 * description's defaults (resolveParameter of n8n-context.ts), credentials, getMode, a logger
 * that records, and `emit` / `emitError` that record what the node sends. Anything else throws.
 *
 * `activateTrigger` runs trigger() as n8n's active workflow does; `listenForTestEvent` as the
 * editor's "listen for test event" does (n8n's TriggersAndPollers.runTrigger): trigger() in
 * manual mode, then `emit` replaced by a promise of the first data, then manualTriggerFunction().
 */
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	INodeType,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

import { declaredCredentials, resolveParameter, type Parameters } from './n8n-context';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface TriggerContextOptions {
	node: INodeType;
	parameters: Parameters;
	credentials?: ICredentialDataDecryptedObject;
	mode?: 'trigger' | 'manual';
}

export interface TestTriggerContext {
	context: ITriggerFunctions;
	/** Every emit: one entry per execution, its items. */
	readonly executions: INodeExecutionData[][];
	readonly errors: Error[];
	readonly logs: Array<{ level: LogLevel; message: string }>;
	/** Every item of every execution, in order. */
	items(): INodeExecutionData[];
	/** Resolves once `count` items were emitted in all (rejects after timeoutMs). */
	waitForItems(count: number, timeoutMs?: number): Promise<INodeExecutionData[]>;
	/** Resolves once an error was reported through emitError. */
	waitForError(timeoutMs?: number): Promise<Error>;
	/** Resolves once a log line matches. */
	waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

export function createTriggerContext(options: TriggerContextOptions): TestTriggerContext {
	const properties = options.node.description.properties;
	const executions: INodeExecutionData[][] = [];
	const errors: Error[] = [];
	const logs: TestTriggerContext['logs'] = [];
	const watchers = new Set<() => void>();
	const changed = (): void => {
		for (const watcher of [...watchers]) watcher();
	};
	const node: INode = {
		id: 'test-trigger',
		name: options.node.description.defaults.name ?? options.node.description.displayName,
		type: `n8n-nodes-asterisk.${options.node.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
	};
	const log =
		(level: LogLevel) =>
		(message: string): void => {
			logs.push({ level, message });
			changed();
		};

	const implemented = {
		getNode: (): INode => node,
		getMode: (): string => options.mode ?? 'trigger',
		getActivationMode: (): string => 'activate',
		getNodeParameter: (name: string, fallback?: unknown): unknown => {
			const value = resolveParameter(properties, options.parameters, name);
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return value;
		},
		getCredentials: async (type: string) => declaredCredentials(options.node, type, options.credentials),
		emit: (data: INodeExecutionData[][]): void => {
			executions.push(data[0] ?? []);
			changed();
		},
		emitError: (error: Error): void => {
			errors.push(error);
			changed();
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {},
	};

	const context = new Proxy(implemented, {
		get(target, property, receiver) {
			if (Reflect.has(target, property)) return Reflect.get(target, property, receiver);
			if (typeof property === 'symbol' || property === 'then') return undefined;
			throw new Error(`the test context does not implement ${String(property)}()`);
		},
	}) as unknown as ITriggerFunctions;

	const items = (): INodeExecutionData[] => executions.flat();
	const waitFor = <T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			const check = (): void => {
				const found = probe();
				if (found === undefined) return;
				done();
				resolve(found);
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`${what} within ${timeoutMs} ms`));
			}, timeoutMs);
			const done = (): void => {
				clearTimeout(timer);
				watchers.delete(check);
			};
			watchers.add(check);
			check();
		});

	return {
		context,
		executions,
		errors,
		logs,
		items,
		waitForItems: (count, timeoutMs = 5000) =>
			waitFor(() => (items().length >= count ? items() : undefined), timeoutMs, `no ${count} items (got ${items().length})`),
		waitForError: (timeoutMs = 5000) => waitFor(() => errors[0], timeoutMs, 'no emitError'),
		waitForLog: (pattern, timeoutMs = 5000) =>
			waitFor(() => logs.find((line) => pattern.test(line.message))?.message, timeoutMs, `no log line like ${pattern}`),
	};
}

export interface ActiveTrigger extends TestTriggerContext {
	response: ITriggerResponse;
	close(): Promise<void>;
}

/** Activate the trigger as an active workflow does. */
export async function activateTrigger(options: TriggerContextOptions): Promise<ActiveTrigger> {
	const test = createTriggerContext({ ...options, mode: options.mode ?? 'trigger' });
	const trigger = options.node.trigger;
	if (trigger === undefined) throw new Error('the node has no trigger()');
	const response = (await trigger.call(test.context)) ?? {};
	return { ...test, response, close: async () => await response.closeFunction?.() };
}

/**
 * "Listen for test event": resolves with the first data emitted after manualTriggerFunction, as
 * n8n does (it swaps `emit` for the promise once trigger() has returned). `close()` is the
 * editor's stop; n8n calls it once the test event arrived.
 */
export async function listenForTestEvent(
	options: TriggerContextOptions,
): Promise<ActiveTrigger & { firstEmit: Promise<INodeExecutionData[][]> }> {
	const active = await activateTrigger({ ...options, mode: 'manual' });
	const context = active.context as unknown as { emit: (data: INodeExecutionData[][]) => void };
	const recordEmit = context.emit;
	const firstEmit = new Promise<INodeExecutionData[][]>((resolve) => {
		context.emit = (data) => {
			recordEmit(data);
			resolve(data);
		};
	});
	await active.response.manualTriggerFunction?.();
	return { ...active, firstEmit };
}
