/**
 * The socket benchmark: the contenders, one at a time, in an order that rotates every round,
 * each reading the whole stream from the loopback server. A run is timed from the first stream
 * byte written to the last event received.
 */
import type { Contender } from './contender';
import { startStreamServer } from './server';
import type { BenchStream } from './stream';

export interface ContenderRun {
	messagesPerSecond: number;
	received: number;
	seconds: number;
	ending: string;
	error?: string;
}

export interface ContenderSummary {
	name: string;
	runs: ContenderRun[];
	/** Median messages/s over the rounds (messages received, not sent). */
	medianMessagesPerSecond: number;
	/** Most events lost in one round: sent − received. */
	lost: number;
}

export async function runSocketBench(
	stream: BenchStream,
	contenders: readonly Contender[],
	rounds: number,
	log: (line: string) => void,
): Promise<ContenderSummary[]> {
	const runs = new Map<string, ContenderRun[]>(contenders.map((c) => [c.name, []]));
	const server = await startStreamServer(stream.bytes);
	try {
		for (let round = 0; round < rounds; round++) {
			const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
			for (const contender of order) {
				collectGarbage();
				const outcome = await contender.run(server.port, stream.events);
				server.dropConnections();
				const seconds = (outcome.endedAt - server.streamStartedAt) / 1000;
				const ok = outcome.ending !== 'error' && seconds > 0;
				const run: ContenderRun = {
					messagesPerSecond: ok ? outcome.received / seconds : 0,
					received: outcome.received,
					seconds: ok ? seconds : 0,
					ending: outcome.ending,
					error: outcome.error,
				};
				runs.get(contender.name)!.push(run);
				log(
					`  round ${round + 1}/${rounds}  ${contender.name.padEnd(22)} ${formatRate(run.messagesPerSecond).padStart(12)} msg/s  ` +
						`${run.received} received in ${run.seconds.toFixed(3)} s (${run.ending}${run.error === undefined ? '' : `: ${run.error}`})`,
				);
				await pause(50);
			}
		}
	} finally {
		await server.close();
	}
	return contenders.map((contender) => {
		const list = runs.get(contender.name)!;
		return {
			name: contender.name,
			runs: list,
			medianMessagesPerSecond: median(list.map((r) => r.messagesPerSecond)),
			lost: Math.max(...list.map((r) => stream.events - r.received)),
		};
	});
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function formatRate(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

export function collectGarbage(): void {
	globalThis.gc?.();
}

function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
