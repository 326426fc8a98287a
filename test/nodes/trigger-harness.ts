/** Shared set-up of the Asterisk Trigger tests: activation against the simulator, event builders. */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import { AsteriskTrigger } from '../../nodes/Asterisk/AsteriskTrigger.node';
import type { AmiSimulator, Headers } from '../simulator/ami';
import { activateTrigger, listenForTestEvent, type ActiveTrigger } from '../support/trigger-context';
import type { Parameters } from '../support/n8n-context';
import { credentialsFor, startSimulator } from './harness';
import { AmiClient } from '../../nodes/Asterisk/core/ami';
import { triggerClientOptions } from '../../nodes/Asterisk/trigger/connection';
import { AsteriskEventListener, type ListenerSettings } from '../../nodes/Asterisk/trigger/listener';
import { readCredentials } from '../../nodes/Asterisk/transport/connect';

export const triggerNode = new AsteriskTrigger();

/** One simulator for a test file, and every trigger closed after each test. */
export const env: { simulator: AmiSimulator } = { simulator: undefined as unknown as AmiSimulator };

export function useSimulator(): void {
	beforeAll(async () => {
		env.simulator = await startSimulator();
	});
	afterEach(async () => {
		await closeAll();
	});
	afterAll(async () => {
		await env.simulator.close();
	});
}

const open = new Set<ActiveTrigger>();

export async function activate(
	simulator: AmiSimulator,
	parameters: Parameters,
	credentials: ICredentialDataDecryptedObject = credentialsFor(simulator),
): Promise<ActiveTrigger> {
	const active = await activateTrigger({ node: triggerNode, parameters, credentials });
	open.add(active);
	return active;
}

export async function listenOnce(simulator: AmiSimulator, parameters: Parameters): Promise<Awaited<ReturnType<typeof listenForTestEvent>>> {
	const active = await listenForTestEvent({ node: triggerNode, parameters, credentials: credentialsFor(simulator) });
	open.add(active);
	return active;
}

/** Close every trigger a test left active. */
export async function closeAll(): Promise<void> {
	for (const active of [...open]) await active.close();
	open.clear();
}

let sequence = 0;

/** An event with a `Seq` marker header, so a test can tell which ones came through. */
export function event(name: string, headers: Record<string, string> = {}, privilege = 'call,all'): Headers {
	return [['Event', name], ['Privilege', privilege], ['Seq', String(++sequence)], ...Object.entries(headers)];
}

export function seqOf(headers: Headers): string {
	return headers.find(([name]) => name === 'Seq')?.[1] ?? '';
}

export function seqs(items: INodeExecutionData[]): string[] {
	return items.map((item) => String(item.json.Seq));
}

/** The end marker: an event every test's filter lets through. */
export const SENTINEL = 'UserEvent';

export function sentinel(): Headers {
	return event(SENTINEL, { UserEvent: 'end' }, 'user,all');
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait until `probe` is true (polling), or fail after timeoutMs. */
export async function until(probe: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!probe()) {
		if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
		await delay(10);
	}
}

/** The listener alone (no n8n context), with what it emits, logs and reports as fatal. */
export function listenerSettings(overrides: Partial<ListenerSettings> = {}): ListenerSettings {
	return {
		mode: 'events',
		filter: { events: ['Hangup'] },
		serverFilter: true,
		eventClasses: [],
		batch: { maxItems: 1, maxWaitMs: 0 },
		summary: { graceMs: 0, maxCalls: 100 },
		...overrides,
	};
}

export function startListener(simulator: AmiSimulator, settings: ListenerSettings, user: 'admin' | 'limited' = 'admin') {
	const emitted: object[] = [];
	const logs: string[] = [];
	const fatal: unknown[] = [];
	const log = (message: string) => logs.push(message);
	const client = new AmiClient(triggerClientOptions(readCredentials(credentialsFor(simulator, user))));
	const listener = new AsteriskEventListener(client, settings, {
		emit: (items) => emitted.push(...items),
		log: { debug: log, info: log, warn: log, error: log },
		fatal: (error) => fatal.push(error),
	});
	return { listener, emitted, logs, fatal };
}
