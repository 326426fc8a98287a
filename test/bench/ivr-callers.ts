/**
 * The simulated Asterisk of the IVR benchmark, in its own process (as Asterisk is): `calls`
 * EivrCallers at once, each doing the 3-turn menu of ivr.ts, reporting when each turn's first
 * command arrived (wall-clock ms, comparable across processes) and how the call ended.
 * Forked by ivr.ts; talks over IPC.
 */
import { performance } from 'node:perf_hooks';

import { EivrCaller } from '../simulator/eivr-caller';

export const MENU_MS = 800;
export const INVALID_MS = 600;
/** Calls arrive over this long (index × spread / calls), as real calls do; each lasts longer, so all are up at once. */
export const ARRIVAL_SPREAD_MS = 1000;
/** After the prompt's F the caller presses this much later (more than the 20 ms write gap). */
export const PRESS_AFTER_MS = 25;
const FILES: Readonly<Record<string, number>> = { 'bench-menu': MENU_MS, 'bench-invalid': INVALID_MS };

export interface CallersRequest {
	readonly port: number;
	readonly calls: number;
	readonly token: string;
}

export interface CallResult {
	readonly uniqueId: string;
	readonly completed: boolean;
	readonly endedBy: string;
	/** Commands Asterisk's reader held back (two lines in one read). */
	readonly stalls: number;
	/** Wall-clock ms at which each turn's first command arrived. */
	readonly received: number[];
	/** Wall-clock ms of the connection and of the end of the call. */
	readonly connectedAt: number;
	readonly endedAt: number;
}

export interface CallersReply {
	readonly results: CallResult[];
	readonly elapsedMs: number;
}

export function wallClock(): number {
	return performance.timeOrigin + performance.now();
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function nextCommand(caller: EivrCaller, prefix: string): Promise<number> {
	const count = (): number => caller.received.filter((line) => line.startsWith(prefix)).length;
	const seen = count();
	await caller.waitForCommand(() => count() > seen, 30_000);
	return wallClock();
}

async function runCall(request: CallersRequest, index: number): Promise<CallResult> {
	const uniqueId = `1700000000.${index}`;
	const caller = new EivrCaller({ port: request.port, files: FILES, args: [request.token, uniqueId, '0612345678'] });
	const received: number[] = [];
	await delay(Math.floor((index * ARRIVAL_SPREAD_MS) / request.calls));
	let connectedAt = wallClock();
	try {
		await caller.connect();
		connectedAt = wallClock();
		received.push(await nextCommand(caller, 'S,bench-menu'));
		await delay(MENU_MS + PRESS_AFTER_MS);
		caller.press('9');
		received.push(await nextCommand(caller, 'S,bench-invalid'));
		await delay(INVALID_MS + PRESS_AFTER_MS);
		caller.press('1');
		received.push(await nextCommand(caller, 'V,IVR_CHOICE=1'));
		await caller.ended;
	} catch {
		caller.destroy();
		await caller.ended;
	}
	const completed = caller.endedBy === 'exit' && caller.variables.get('IVR_CHOICE') === '1';
	return { uniqueId, completed, endedBy: caller.endedBy ?? 'unknown', stalls: caller.stalls, received, connectedAt, endedAt: wallClock() };
}

async function run(request: CallersRequest): Promise<CallersReply> {
	const started = performance.now();
	const results = await Promise.all(Array.from({ length: request.calls }, (_, index) => runCall(request, index)));
	return { results, elapsedMs: performance.now() - started };
}

if (require.main === module) {
	process.once('message', (request: CallersRequest) => {
		void run(request).then((reply) => {
			process.send?.(reply, () => process.disconnect());
		});
	});
}
