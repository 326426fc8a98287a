/**
 * IVR workflows run turn by turn against the simulated caller: the trigger emits through the
 * IVR test context, each turn's "workflow" is a function deciding the Asterisk IVR node's
 * parameters (what Switch/If nodes and expressions do in n8n), and the node answers the turn
 * through sendResponse. Everything started here is closed by closeIvr() (afterEach).
 */
import type { IDataObject } from 'n8n-workflow';

import { AsteriskIvr } from '../../nodes/Asterisk/AsteriskIvr.node';
import { AsteriskIvrTrigger } from '../../nodes/Asterisk/AsteriskIvrTrigger.node';
import type { TurnData } from '../../nodes/Asterisk/ivr/turn';
import { EivrCaller, type EivrCallerOptions } from '../simulator/eivr-caller';
import { activateIvrTrigger, listeningPort, runIvrNode, TEST_TOKEN, type ActiveIvrTrigger, type IvrWorkflow } from '../support/ivr-context';
import type { Parameters } from '../support/n8n-context';

/** The Wazo example's sounds, with how long each plays here (ms). */
export const WAZO_FILES: Readonly<Record<string, number>> = {
	'ivr-example-welcome-sound': 60,
	'ivr-example-choices': 80,
	'ivr-example-invalid-choice': 30,
	'ivr-example-error': 30,
	'ivr-example-submenu-choices': 70,
	'ivr-example-closed': 40,
	'vm-goodbye': 20,
	beep: 10,
};

export const IVR_NODE = new AsteriskIvr();

/** A turn's decision: the Asterisk IVR node's parameters, or nothing (the execution ends without answering). */
export type Decide = (turn: TurnData) => Parameters | undefined | Promise<Parameters | undefined>;

/** The workflow: decide, then run the Asterisk IVR node on the turn's item. */
export function workflowOf(decide: Decide): IvrWorkflow {
	return async (turn, sendResponse) => {
		const parameters = await decide(turn);
		if (parameters === undefined) return;
		await runIvrNode(IVR_NODE, parameters, turn as unknown as IDataObject, sendResponse);
	};
}

// Asterisk IVR node parameters, as the editor would store them.
type Step = Record<string, string>;
export const play = (file: string): Step => ({ action: 'play', file });
export const append = (file: string): Step => ({ action: 'append', file });
export const setVariable = (name: string, value: string): Step => ({ action: 'setVariable', variableName: name, variableValue: value });
export const log = (message: string): Step => ({ action: 'log', message });

export function collect(steps: Step[], state: IDataObject, options: Parameters = {}): Parameters {
	return {
		steps: { step: steps },
		ending: 'collectDigits',
		maxDigits: 1,
		firstDigitTimeout: 0.2,
		interDigitTimeout: 0.2,
		state: JSON.stringify(state),
		...options,
	};
}

export function returnToDialplan(variables: Record<string, string>, steps: Step[] = [], options: Parameters = {}): Parameters {
	return {
		steps: { step: steps },
		ending: 'returnToDialplan',
		dialplanVariables: { variable: Object.entries(variables).map(([name, value]) => ({ name, value })) },
		...options,
	};
}

export function hangUp(steps: Step[] = [], options: Parameters = {}): Parameters {
	return { steps: { step: steps }, ending: 'hangup', ...options };
}

const open: Array<{ trigger: ActiveIvrTrigger; callers: EivrCaller[] }> = [];

export interface Ivr {
	readonly trigger: ActiveIvrTrigger;
	readonly port: number;
	/** A call from the simulated Asterisk, with the right token unless args say otherwise. */
	call(options?: Partial<Omit<EivrCallerOptions, 'port'>>): Promise<EivrCaller>;
}

let uniqueIds = 0;

export async function startIvr(workflow: IvrWorkflow, parameters: Parameters = {}): Promise<Ivr> {
	const trigger = await activateIvrTrigger({ node: new AsteriskIvrTrigger(), workflow, parameters: { turnTimeout: 2, ...parameters } });
	const port = listeningPort(trigger);
	const entry = { trigger, callers: [] as EivrCaller[] };
	open.push(entry);
	return {
		trigger,
		port,
		call: async (options = {}) => {
			const uniqueId = `1700000000.${++uniqueIds}`;
			const caller = new EivrCaller({ port, files: WAZO_FILES, args: [TEST_TOKEN, uniqueId, '0612345678'], ...options });
			entry.callers.push(caller);
			await caller.connect();
			return caller;
		},
	};
}

/**
 * Close every trigger and caller the test opened. Executions are not awaited: some tests' workflows
 * never end on purpose (they hold no socket or timer).
 */
export async function closeIvr(): Promise<void> {
	for (const { trigger, callers } of open.splice(0)) {
		await trigger.close();
		for (const caller of callers) caller.destroy();
		await Promise.all(callers.map((caller) => caller.ended));
	}
}

/** The events of the emitted turns, e.g. ['start', 'input:9', 'timeout']. */
export function eventsOf(turns: readonly TurnData[], sessionId?: string): string[] {
	return turns
		.filter((turn) => sessionId === undefined || turn.sessionId === sessionId)
		.map((turn) => (turn.event === 'input' ? `input:${turn.digits}` : turn.event));
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
