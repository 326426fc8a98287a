/**
 * The Asterisk node's action throughput: 1 000 Setvar items through the node's execute against
 * the AMI simulator, with our pipelining and pooling (all items in flight on one pooled, logged-in
 * connection) against one connection-and-login per item (the pool closing every connection at
 * once, one item per execution), in the same run. Target: 1 000 items in under 300 ms.
 *
 * Writes the `actions` section of bench-results.json. Runs alone:
 *   node -r ts-node/register/transpile-only test/bench/actions.ts
 * Knobs: BENCH_ACTION_ITEMS (default 1 000), BENCH_ACTION_ROUNDS (default 5).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';

import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import { amiPool, DEFAULT_IDLE_MS } from '../../nodes/Asterisk/transport/pool';
import { startAmiSimulator, type AmiSimulator } from '../simulator/ami';
import { runNode } from '../support/n8n-context';
import { writeSection } from './results';

const RESULTS_FILE = path.resolve(__dirname, '..', '..', 'bench-results.json');
const TARGET_MS = 300;

function boundedInt(text: string | undefined, fallback: number, min: number, max: number): number {
	const value = Number(text);
	return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

// Node's require tries `.json` before ts-node's `.ts`, and would load the codex file
// Asterisk.node.json: name the source file itself.
const load = createRequire(__filename);
const { Asterisk } = load(path.join(__dirname, '..', '..', 'nodes', 'Asterisk', 'Asterisk.node.ts')) as typeof import('../../nodes/Asterisk/Asterisk.node');
const node = new Asterisk();

async function setvars(credentials: ICredentialDataDecryptedObject, count: number, round: number): Promise<INodeExecutionData[]> {
	return await runNode({
		node,
		parameters: { resource: 'variable', operation: 'set' },
		itemParameters: (i) => ({ variable: `BENCH_${i}`, value: `r${round}-${i}` }),
		items: Array.from({ length: count }, (_, index) => ({ json: { index } })),
		credentials,
	});
}

function check(output: INodeExecutionData[], count: number): void {
	if (output.length !== count || output.some((item) => item.json.Response !== 'Success')) {
		throw new Error(`bench: expected ${count} successful Setvar items, got ${output.length}`);
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

export async function runActionsBench(log: (line: string) => void = (line) => console.log(line)): Promise<Record<string, number>> {
	const items = boundedInt(process.env.BENCH_ACTION_ITEMS, 1_000, 10, 100_000);
	const rounds = boundedInt(process.env.BENCH_ACTION_ROUNDS, 5, 1, 20);
	const simulator: AmiSimulator = await startAmiSimulator({ failedLoginDelayMs: 0 });
	const credentials: ICredentialDataDecryptedObject = {
		host: '127.0.0.1',
		port: simulator.port,
		username: 'admin',
		secret: 'adminpw',
		authType: 'plain',
		tls: false,
		connectTimeout: 5_000,
	};
	const pipelined: number[] = [];
	const perItem: number[] = [];
	let cold = 0;
	try {
		log(`Asterisk node: ${items.toLocaleString('en-US')} Setvar items through execute() against the AMI simulator, ${rounds} rounds`);

		// Cold: the first execution dials and logs in, then sends everything.
		amiPool.idleMs = DEFAULT_IDLE_MS;
		await amiPool.closeAll();
		let started = performance.now();
		check(await setvars(credentials, items, 0), items);
		cold = performance.now() - started;

		for (let round = 1; round <= rounds; round++) {
			// Pipelined and pooled: a warm connection, every item in flight at once.
			amiPool.idleMs = DEFAULT_IDLE_MS;
			started = performance.now();
			check(await setvars(credentials, items, round), items);
			pipelined.push(performance.now() - started);

			// Baseline: one execution per item, each with its own connection and login.
			amiPool.idleMs = 0;
			await amiPool.closeAll();
			started = performance.now();
			for (let i = 0; i < items; i++) check(await setvars(credentials, 1, round), 1);
			perItem.push(performance.now() - started);
			await amiPool.closeAll();
		}
	} finally {
		amiPool.idleMs = DEFAULT_IDLE_MS;
		await amiPool.closeAll();
		await simulator.close();
	}

	const pipelinedMs = median(pipelined);
	const perItemMs = median(perItem);
	const result = {
		items,
		rounds,
		pipelinedMs: round1(pipelinedMs),
		pipelinedColdMs: round1(cold),
		perItemLoginMs: round1(perItemMs),
		speedup: round1(perItemMs / pipelinedMs),
		itemsPerSecond: Math.round((items / pipelinedMs) * 1000),
		targetMs: TARGET_MS,
		targetMet: pipelinedMs < TARGET_MS ? 1 : 0,
	};
	log(`  pipelined + pooled (warm):     ${result.pipelinedMs.toFixed(1).padStart(9)} ms  (median; ${result.itemsPerSecond.toLocaleString('en-US')} items/s)`);
	log(`  pipelined, first run (login):  ${result.pipelinedColdMs.toFixed(1).padStart(9)} ms`);
	log(`  one connection + login / item: ${result.perItemLoginMs.toFixed(1).padStart(9)} ms  (median)`);
	log(`  ratio:                         ${result.speedup.toFixed(1).padStart(9)}×`);
	log(`  ${result.targetMet === 1 ? 'met   ' : 'MISSED'}  ${items} items in under ${TARGET_MS} ms`);
	writeSection(RESULTS_FILE, 'actions', result);
	return result;
}

if (require.main === module) {
	runActionsBench().then(
		() => undefined,
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
