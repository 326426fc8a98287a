/**
 * The Asterisk Trigger under load, as n8n runs it (trigger() with a context whose emit only
 * counts), fed by an AMI simulator in a child process (trigger-feeder.ts) so that the CPU figure
 * is the trigger's own.
 *
 * 1. Events: 20 000 VarSet events/s for `seconds` (default 60, after a 2 s warm-up), one
 *    execution per event (the costliest setting), a header filter on. Lost = sent − emitted; out of order = a Value that
 *    is not the next one. RSS growth between the start and the end (after a GC), CPU share of one core.
 * 2. Call summary: 10 000 answered calls (6 events each, at 20 000 events/s): summaries emitted,
 *    incomplete ones, time, RSS growth, CPU.
 *
 * `runTriggerBench({ seconds })` returns the figures; run alone: `BENCH_SECONDS=10 node --expose-gc
 * -r ts-node/register/transpile-only test/bench/trigger.ts`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { ICredentialDataDecryptedObject, INode, INodeExecutionData, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';

import type { AsteriskTrigger } from '../../nodes/Asterisk/AsteriskTrigger.node';
import { resolveParameter, type Parameters } from '../support/n8n-context';
import { EVENTS_PER_CALL, type FeederReply, type FeederRequest } from './trigger-feeder';

const RATE = 20_000;
const CALLS = 10_000;
const WARMUP_SECONDS = 2;
const MB = 1024 * 1024;

export interface TriggerBenchOptions {
	/** Seconds of the 20 000 events/s flood (default 60). */
	seconds?: number;
	/** Progress lines (default console.log). */
	log?: (line: string) => void;
}

class Feeder {
	private readonly child: ChildProcess;
	private readonly replies: FeederReply[] = [];
	private waiting: ((reply: FeederReply) => void) | undefined;

	constructor() {
		this.child = fork(path.join(__dirname, 'trigger-feeder.ts'), [], {
			execArgv: ['-r', 'ts-node/register/transpile-only'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		this.child.on('message', (reply: FeederReply) => {
			if (this.waiting !== undefined) {
				const resolve = this.waiting;
				this.waiting = undefined;
				resolve(reply);
			} else this.replies.push(reply);
		});
	}

	next(): Promise<FeederReply> {
		const queued = this.replies.shift();
		if (queued !== undefined) return Promise.resolve(queued);
		return new Promise((resolve) => (this.waiting = resolve));
	}

	send(request: FeederRequest): void {
		this.child.send(request);
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		this.send({ type: 'stop' });
		const timer = setTimeout(() => this.child.kill(), 5_000);
		await exited;
		clearTimeout(timer);
	}
}

interface Counting {
	context: ITriggerFunctions;
	items: number;
	executions: number;
	onItem: ((json: INodeExecutionData['json']) => void) | undefined;
	errors: Error[];
}

/** A trigger context whose emit counts (and hands each item to onItem), keeping nothing. */
function countingContext(parameters: Parameters, credentials: ICredentialDataDecryptedObject, node: AsteriskTrigger): Counting {
	const state: Counting = { context: undefined as unknown as ITriggerFunctions, items: 0, executions: 0, onItem: undefined, errors: [] };
	const info: INode = { id: 'bench', name: 'Asterisk Trigger', type: 'n8n-nodes-asterisk.asteriskTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const quiet = (): void => undefined;
	const context = {
		getNode: () => info,
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getNodeParameter: (name: string, fallback?: unknown) => resolveParameter(node.description.properties, parameters, name) ?? fallback,
		getCredentials: async () => credentials,
		emit: (data: INodeExecutionData[][]) => {
			state.executions++;
			for (const item of data[0] ?? []) {
				state.items++;
				state.onItem?.(item.json);
			}
		},
		emitError: (error: Error) => state.errors.push(error),
		logger: { debug: quiet, info: quiet, warn: console.warn, error: console.error },
		helpers: {},
	};
	state.context = context as unknown as ITriggerFunctions;
	return state;
}

function settle(): number {
	globalThis.gc?.();
	globalThis.gc?.();
	return process.memoryUsage().rss;
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait until `done()` or until nothing changed for `idleMs`. */
async function drain(done: () => boolean, progress: () => number, idleMs = 5_000): Promise<void> {
	let last = progress();
	let lastChange = Date.now();
	while (!done()) {
		await delay(20);
		const now = progress();
		if (now !== last) {
			last = now;
			lastChange = Date.now();
		} else if (Date.now() - lastChange > idleMs) return;
	}
}

interface Run {
	counting: Counting;
	response: ITriggerResponse;
	rssBefore: number;
	heapBefore: number;
	peakRss: number;
	sampler: NodeJS.Timeout;
}

async function start(node: AsteriskTrigger, port: number, parameters: Parameters): Promise<Run> {
	const credentials = { host: '127.0.0.1', port, username: 'admin', secret: 'adminpw', authType: 'plain', tls: false };
	const counting = countingContext(parameters, credentials, node);
	const response = (await node.trigger.call(counting.context)) ?? {};
	const rssBefore = settle();
	const heapBefore = process.memoryUsage().heapUsed;
	const run: Run = { counting, response, rssBefore, heapBefore, peakRss: 0, sampler: undefined as unknown as NodeJS.Timeout };
	run.peakRss = run.rssBefore;
	run.sampler = setInterval(() => (run.peakRss = Math.max(run.peakRss, process.memoryUsage().rss)), 250);
	return run;
}

async function finish(run: Run): Promise<{ rssGrowthMB: number; heapGrowthMB: number; peakRssMB: number }> {
	const rssAfter = settle();
	const heapAfter = process.memoryUsage().heapUsed;
	clearInterval(run.sampler);
	await run.response.closeFunction?.();
	return { rssGrowthMB: (rssAfter - run.rssBefore) / MB, heapGrowthMB: (heapAfter - run.heapBefore) / MB, peakRssMB: run.peakRss / MB };
}

function cpuPercent(since: NodeJS.CpuUsage, wallMs: number): number {
	const used = process.cpuUsage(since);
	return wallMs > 0 ? ((used.user + used.system) / 1000 / wallMs) * 100 : 0;
}

/**
 * The node class. Outside jest, `require('…/AsteriskTrigger.node')` finds AsteriskTrigger.node.json
 * (the codex) before the .ts file, so the file is named in full.
 */
async function loadNode(): Promise<typeof AsteriskTrigger> {
	const file = path.join(__dirname, '..', '..', 'nodes', 'Asterisk', 'AsteriskTrigger.node.ts');
	const loaded = (await import(file)) as typeof import('../../nodes/Asterisk/AsteriskTrigger.node');
	return loaded.AsteriskTrigger;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export async function runTriggerBench(options: TriggerBenchOptions = {}): Promise<Record<string, number>> {
	const seconds = options.seconds ?? 60;
	const log = options.log ?? ((line: string) => console.log(line));
	const node = new (await loadNode())();
	const feeder = new Feeder();
	try {
		const ready = await feeder.next();
		if (ready.type !== 'ready') throw new Error('the feeder did not start');

		// 1. Events.
		log(`trigger bench: ${RATE.toLocaleString('en-US')} events/s for ${seconds} s, one execution per event`);
		const events = await start(node, ready.port, {
			events: ['VarSet'],
			headerFilters: { rules: [{ field: 'Variable', comparison: 'equals', value: 'FLOOD_SEQ' }] },
		});
		// Warm up (JIT, buffers, the first GC cycles) before the RSS baseline.
		feeder.send({ type: 'events', seconds: WARMUP_SECONDS, rate: RATE });
		const warm = await feeder.next();
		const warmSent = warm.type === 'done' ? warm.sent : 0;
		await drain(() => events.counting.items >= warmSent, () => events.counting.items);
		events.counting.items = 0;
		events.rssBefore = settle();
		events.heapBefore = process.memoryUsage().heapUsed;
		events.peakRss = events.rssBefore;
		let expectedValue = 0;
		let outOfOrder = 0;
		events.counting.onItem = (json) => {
			if (Number(json.Value) !== expectedValue) outOfOrder++;
			expectedValue = Number(json.Value) + 1;
		};
		const cpuStart = process.cpuUsage();
		const wallStart = Date.now();
		feeder.send({ type: 'events', seconds, rate: RATE });
		const done = await feeder.next();
		const sent = done.type === 'done' ? done.sent : 0;
		const feedMs = Date.now() - wallStart;
		await drain(() => events.counting.items >= sent, () => events.counting.items);
		const eventsCpu = cpuPercent(cpuStart, Date.now() - wallStart);
		const eventsMemory = await finish(events);
		const received = events.counting.items;
		log(
			`  sent ${sent.toLocaleString('en-US')} in ${(feedMs / 1000).toFixed(1)} s, emitted ${received.toLocaleString('en-US')}, lost ${sent - received}, ` +
				`out of order ${outOfOrder}; RSS growth ${eventsMemory.rssGrowthMB.toFixed(1)} MB (heap ${eventsMemory.heapGrowthMB.toFixed(1)} MB, peak ${eventsMemory.peakRssMB.toFixed(0)} MB); CPU ${eventsCpu.toFixed(1)} % of one core`,
		);

		// 2. Call summaries.
		log(`trigger bench: call summary of ${CALLS.toLocaleString('en-US')} calls (${EVENTS_PER_CALL} events each at ${RATE.toLocaleString('en-US')}/s)`);
		const calls = await start(node, ready.port, { mode: 'callSummary' });
		let answered = 0;
		let incomplete = 0;
		calls.counting.onItem = (json) => {
			if (json.disposition === 'answered') answered++;
			if (json.complete !== true) incomplete++;
		};
		const callCpuStart = process.cpuUsage();
		const callStart = Date.now();
		feeder.send({ type: 'calls', count: CALLS, rate: RATE });
		await feeder.next();
		await drain(() => calls.counting.items >= CALLS, () => calls.counting.items);
		const callMs = Date.now() - callStart;
		const callCpu = cpuPercent(callCpuStart, callMs);
		const callMemory = await finish(calls);
		log(
			`  ${calls.counting.items.toLocaleString('en-US')} summaries (${answered} answered, ${incomplete} incomplete) in ${(callMs / 1000).toFixed(1)} s; ` +
				`RSS growth ${callMemory.rssGrowthMB.toFixed(1)} MB (heap ${callMemory.heapGrowthMB.toFixed(1)} MB); CPU ${callCpu.toFixed(1)} % of one core`,
		);
		const errors = events.counting.errors.length + calls.counting.errors.length;
		if (errors > 0) log(`  ${errors} error(s) reported through emitError`);
		if (globalThis.gc === undefined) log('  note: without --expose-gc the RSS figures include garbage');

		return {
			eventsPerSecondTarget: RATE,
			eventsSeconds: seconds,
			eventsSent: sent,
			eventsEmitted: received,
			eventsLost: sent - received,
			eventsOutOfOrder: outOfOrder,
			eventsAchievedPerSecond: round(sent / (feedMs / 1000), 0),
			eventsRssGrowthMB: round(eventsMemory.rssGrowthMB),
			eventsHeapGrowthMB: round(eventsMemory.heapGrowthMB),
			eventsPeakRssMB: round(eventsMemory.peakRssMB),
			eventsCpuPercent: round(eventsCpu, 1),
			summaryCalls: CALLS,
			summaryEmitted: calls.counting.items,
			summaryAnswered: answered,
			summaryIncomplete: incomplete,
			summarySeconds: round(callMs / 1000),
			summaryRssGrowthMB: round(callMemory.rssGrowthMB),
			summaryHeapGrowthMB: round(callMemory.heapGrowthMB),
			summaryCpuPercent: round(callCpu, 1),
			emitErrors: errors,
		};
	} finally {
		await feeder.stop();
	}
}

if (require.main === module) {
	const seconds = Number(process.env.BENCH_SECONDS ?? '60');
	runTriggerBench({ seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60 }).then(
		(results) => console.log(JSON.stringify(results, null, '\t')),
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
