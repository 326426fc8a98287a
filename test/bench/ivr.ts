/**
 * The Asterisk IVR Trigger under load: 500 simulated calls at once (EivrCaller, reading like
 * Asterisk, in a child process as Asterisk would be: ivr-callers.ts), each a 3-turn menu
 * (start → "9", invalid → "1" → back to the dialplan with IVR_CHOICE=1), against one trigger
 * activated as n8n does (trigger() with the IVR test context), whose workflow answers at once
 * through the Asterisk IVR node's execute and sendResponse.
 *
 * Turn latency, what is measured: from the moment the answer is handed to sendResponse (the
 * trigger's response promise resolves) to the moment the simulated Asterisk receives the first
 * command of that answer (wall clock, both processes): our side (exchange, answer check, runner,
 * session, paced writer, socket write) plus loopback and the callers' event-loop turn. The core
 * paces writes 20 ms apart: an answer that arrives less than 20 ms after the previous command
 * waits out the gap. Turn 0 always does (its answer follows the P command within a millisecond),
 * so it is reported apart; in turns 1–2 the caller presses after its prompt has played, so no gap
 * is pending and the figure is our own latency.
 *
 * `runIvrBench()` returns the figures and writes the `ivr` section of bench-results.json.
 * Run alone: `node --expose-gc -r ts-node/register/transpile-only test/bench/ivr.ts`.
 * Knob: BENCH_IVR_CALLS (default 500).
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';

import type { IDataObject, INodeType } from 'n8n-workflow';

import type { TurnData } from '../../nodes/Asterisk/ivr/turn';
import { activateIvrTrigger, listeningPort, runIvrNode, TEST_TOKEN, type ActiveIvrTrigger } from '../support/ivr-context';
import type { Parameters } from '../support/n8n-context';
import { wallClock, type CallersReply, type CallersRequest } from './ivr-callers';
import { writeSection } from './results';

const RESULTS_FILE = path.resolve(__dirname, '..', '..', 'bench-results.json');
const TARGET_P99_MS = 20;

function boundedInt(text: string | undefined, fallback: number, min: number, max: number): number {
	const value = Number(text);
	return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

/**
 * The node classes. Outside jest, `require('…/AsteriskIvr.node')` finds AsteriskIvr.node.json
 * first (Node tries .json before ts-node's .ts): import the source files by their full name.
 */
async function loadNodes(): Promise<{ trigger: INodeType; ivr: INodeType }> {
	const dir = path.join(__dirname, '..', '..', 'nodes', 'Asterisk');
	const triggerModule = (await import(path.join(dir, 'AsteriskIvrTrigger.node.ts'))) as typeof import('../../nodes/Asterisk/AsteriskIvrTrigger.node');
	const ivrModule = (await import(path.join(dir, 'AsteriskIvr.node.ts'))) as typeof import('../../nodes/Asterisk/AsteriskIvr.node');
	return { trigger: new triggerModule.AsteriskIvrTrigger(), ivr: new ivrModule.AsteriskIvr() };
}

/** The menu, as the workflow's Switch would route it. */
function decide(turn: TurnData): Parameters | undefined {
	const collect = (file: string): Parameters => ({ steps: { step: [{ action: 'play', file }] }, ending: 'collectDigits', maxDigits: 1, firstDigitTimeout: 5 });
	if (turn.event === 'start') return collect('bench-menu');
	if (turn.event === 'input' && turn.digits === '1') {
		return { steps: {}, ending: 'returnToDialplan', dialplanVariables: { variable: [{ name: 'IVR_CHOICE', value: turn.digits }] } };
	}
	if (turn.event === 'hangup') return undefined;
	return collect('bench-invalid');
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function round(value: number, digits = 2): number {
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

/** Open handles of a kind, from Node's own list. */
function handles(kind: string): number {
	return process.getActiveResourcesInfo().filter((name) => name === kind).length;
}

/** The most intervals open at one time. */
function peakOverlap(intervals: ReadonlyArray<readonly [number, number]>): number {
	const edges = intervals.flatMap(([from, to]): Array<[number, number]> => [
		[from, 1],
		[to, -1],
	]);
	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let open = 0;
	let peak = 0;
	for (const [, step] of edges) {
		open += step;
		peak = Math.max(peak, open);
	}
	return peak;
}

/** Run the simulated Asterisk in a child process; resolves with its report. */
function runCallers(request: CallersRequest): Promise<CallersReply> {
	return new Promise<CallersReply>((resolve, reject) => {
		const child = fork(path.join(__dirname, 'ivr-callers.ts'), [], {
			execArgv: ['-r', 'ts-node/register/transpile-only'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let reply: CallersReply | undefined;
		child.once('message', (message: CallersReply) => (reply = message));
		child.once('error', reject);
		child.once('exit', (code) => (reply !== undefined ? resolve(reply) : reject(new Error(`the callers process exited with ${code}`))));
		child.send(request);
	});
}

export async function runIvrBench(log: (line: string) => void = console.log): Promise<Record<string, number>> {
	const calls = boundedInt(process.env.BENCH_IVR_CALLS, 500, 1, 5000);
	const nodes = await loadNodes();
	/** When each turn's answer was handed to sendResponse, by `${uniqueId}:${turn}`. */
	const answeredAt = new Map<string, number>();
	const socketsBefore = handles('TCPSocketWrap');
	const timersBefore = handles('Timeout');

	const trigger: ActiveIvrTrigger = await activateIvrTrigger({
		node: nodes.trigger,
		parameters: { turnTimeout: 10, options: { maxSessions: calls + 10 } },
		workflow: async (turn, sendResponse) => {
			const parameters = decide(turn);
			if (parameters === undefined) return;
			await runIvrNode(nodes.ivr, parameters, turn as unknown as IDataObject, async (payload) => {
				answeredAt.set(`${turn.uniqueId}:${turn.turn}`, wallClock());
				await sendResponse(payload);
			});
		},
	});
	const port = listeningPort(trigger);

	log(`Asterisk IVR Trigger: ${calls} simulated calls at once (another process), 3 turns each, instant responder`);
	const { results, elapsedMs } = await runCallers({ port, calls, token: TEST_TOKEN });
	await delay(100); // let the server side of the last sockets close

	const socketsAfterCalls = handles('TCPSocketWrap') - socketsBefore;
	const timersAfterCalls = handles('Timeout') - timersBefore;
	await trigger.close();
	await delay(20);
	const serversAfterClose = handles('TCPServerWrap');
	const socketsAfterClose = handles('TCPSocketWrap') - socketsBefore;
	const timersAfterClose = handles('Timeout') - timersBefore;

	const turn0: number[] = [];
	const later: number[] = [];
	for (const result of results) {
		result.received.forEach((at, turn) => {
			const answered = answeredAt.get(`${result.uniqueId}:${turn}`);
			if (answered === undefined) return;
			(turn === 0 ? turn0 : later).push(at - answered);
		});
	}
	const sort = (values: number[]): number[] => [...values].sort((a, b) => a - b);
	const laterSorted = sort(later);
	const turn0Sorted = sort(turn0);
	const allSorted = sort([...turn0, ...later]);
	const completed = results.filter((result) => result.completed).length;
	const stalls = results.reduce((sum, result) => sum + result.stalls, 0);
	const peakConcurrentCalls = peakOverlap(results.map((result) => [result.connectedAt, result.endedAt]));
	const turns = trigger.turns.length;
	const failures = results.filter((result) => !result.completed).slice(0, 3);
	for (const failure of failures) log(`  not completed: call ${failure.uniqueId} ended by ${failure.endedBy}, ${failure.stalls} stalled command(s)`);

	const figures = {
		calls,
		sessionsCompleted: completed,
		turnsEmitted: turns,
		p50TurnLatencyMs: round(percentile(laterSorted, 50)),
		p99TurnLatencyMs: round(percentile(laterSorted, 99)),
		maxTurnLatencyMs: round(laterSorted[laterSorted.length - 1] ?? NaN),
		turn0P50LatencyMs: round(percentile(turn0Sorted, 50)),
		turn0P99LatencyMs: round(percentile(turn0Sorted, 99)),
		allTurnsP50LatencyMs: round(percentile(allSorted, 50)),
		allTurnsP99LatencyMs: round(percentile(allSorted, 99)),
		elapsedMs: Math.round(elapsedMs),
		stalledCommands: stalls,
		peakConcurrentCalls,
		socketsLeftAfterLastHangup: socketsAfterCalls,
		timersLeftAfterLastHangup: timersAfterCalls,
		socketsLeftAfterClose: socketsAfterClose,
		timersLeftAfterClose: timersAfterClose,
		serversLeftAfterClose: serversAfterClose,
	};
	const met = {
		p99: figures.p99TurnLatencyMs < TARGET_P99_MS,
		completed: completed === calls,
		clean: socketsAfterCalls === 0 && timersAfterCalls === 0 && socketsAfterClose === 0 && timersAfterClose === 0,
	};

	log(`  sessions completed      ${completed} / ${calls} (${turns} turns emitted) in ${figures.elapsedMs} ms, ${peakConcurrentCalls} at once at the peak; ${stalls} command(s) stalled in Asterisk's reader`);
	log(`  turn latency, turns 1-2 p50 ${figures.p50TurnLatencyMs} ms, p99 ${figures.p99TurnLatencyMs} ms, max ${figures.maxTurnLatencyMs} ms`);
	log(`  turn 0 (waits out the 20 ms gap after P) p50 ${figures.turn0P50LatencyMs} ms, p99 ${figures.turn0P99LatencyMs} ms`);
	log(`  left after the last hangup: ${socketsAfterCalls} sockets, ${timersAfterCalls} timers; after close: ${socketsAfterClose} sockets, ${timersAfterClose} timers`);
	log(`  ${met.p99 ? 'met   ' : 'MISSED'}  p99 turn latency < ${TARGET_P99_MS} ms`);
	log(`  ${met.completed ? 'met   ' : 'MISSED'}  every session completed`);
	log(`  ${met.clean ? 'met   ' : 'MISSED'}  no socket or timer left`);

	writeSection(RESULTS_FILE, 'ivr', {
		...figures,
		measured:
			'turn latency = from the answer handed to sendResponse to the first command of that answer received by the simulated Asterisk (another process, wall clock, loopback); turns 1-2, where no 20 ms write gap is pending; turn 0 apart',
		targets: {
			p99TurnLatencyMs: { value: figures.p99TurnLatencyMs, target: `< ${TARGET_P99_MS}`, met: met.p99 },
			sessionsCompleted: { value: completed, target: `${calls}`, met: met.completed },
			nothingLeftOpen: { value: socketsAfterCalls + timersAfterCalls + socketsAfterClose + timersAfterClose, target: '0', met: met.clean },
		},
		node: process.version,
		date: new Date().toISOString(),
	});
	log(`  wrote the "ivr" section of ${RESULTS_FILE}`);
	return figures;
}

if (require.main === module) {
	runIvrBench().then(
		() => undefined,
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
