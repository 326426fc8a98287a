/**
 * Heap growth through our client: `repeat` passes of the stream (1 000 000 events by default)
 * over loopback, every event decoded into an object and dropped, with a full GC before the
 * connection and after the last event (the client still connected, so anything it kept counts).
 */
import { runOurs } from './contender-ours';
import { startStreamServer } from './server';
import type { BenchStream } from './stream';

export interface HeapResult {
	events: number;
	received: number;
	lost: number;
	heapGrowthMB: number;
	messagesPerSecond: number;
	/** False when the process was started without --expose-gc: the figure is then unreliable. */
	gcExposed: boolean;
}

export async function measureHeapGrowth(stream: BenchStream, repeat: number): Promise<HeapResult> {
	const gc = globalThis.gc;
	const expected = stream.events * repeat;
	const server = await startStreamServer(stream.bytes, { repeat });
	try {
		gc?.();
		const before = process.memoryUsage().heapUsed;
		let after = before;
		const outcome = await runOurs('object', server.port, expected, { maxMs: 120_000 }, () => {
			gc?.();
			after = process.memoryUsage().heapUsed;
		});
		const seconds = (outcome.endedAt - server.streamStartedAt) / 1000;
		return {
			events: expected,
			received: outcome.received,
			lost: expected - outcome.received,
			heapGrowthMB: (after - before) / (1024 * 1024),
			messagesPerSecond: seconds > 0 ? outcome.received / seconds : 0,
			gcExposed: gc !== undefined,
		};
	} finally {
		server.dropConnections();
		await server.close();
	}
}
