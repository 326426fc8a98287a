/**
 * What every contender of the socket benchmark shares: how a run ends and what it reports.
 *
 * A run ends when the expected number of events arrived, when the END_EVENT marker arrived
 * (for clients known to lose events), after `idleMs` without a new event, or after `maxMs`.
 */
import { performance } from 'node:perf_hooks';

export interface RunOutcome {
	/** Events handed to the consumer, the END_EVENT marker included. */
	received: number;
	/** performance.now() at the last event received. */
	endedAt: number;
	/** 'complete' (all expected or the marker), 'idle' (events stopped), 'timeout', 'error'. */
	ending: 'complete' | 'idle' | 'timeout' | 'error';
	error?: string;
}

export interface Contender {
	readonly name: string;
	run(port: number, expected: number): Promise<RunOutcome>;
}

export interface CompletionLimits {
	/** Stop after this long without a new event (default 1 500 ms). */
	idleMs?: number;
	/** Stop after this long in all (default 120 s). */
	maxMs?: number;
}

const TICK_MS = 50;

/** Counts what a contender receives and settles once, whichever way the run ends. */
export class Completion {
	received = 0;
	readonly done: Promise<RunOutcome>;

	private readonly expected: number;
	private settle: (outcome: RunOutcome) => void = () => undefined;
	private settled = false;
	private readonly watchdog: NodeJS.Timeout;

	constructor(expected: number, limits: CompletionLimits = {}) {
		this.expected = expected;
		this.done = new Promise<RunOutcome>((resolve) => {
			this.settle = resolve;
		});
		const idleMs = limits.idleMs ?? 1_500;
		const maxMs = limits.maxMs ?? 120_000;
		const startedAt = performance.now();
		let seen = -1;
		let movedAt = startedAt;
		this.watchdog = setInterval(() => {
			const now = performance.now();
			if (this.received !== seen) {
				seen = this.received;
				movedAt = now;
			} else if (this.received > 0 && now - movedAt > idleMs) {
				this.end('idle', movedAt);
			}
			if (now - startedAt > maxMs) this.end('timeout', movedAt);
		}, TICK_MS);
	}

	/** One event arrived. */
	hit(): void {
		if (++this.received === this.expected) this.end('complete', performance.now());
	}

	/** `count` events arrived at once. */
	add(count: number): void {
		this.received += count;
		if (this.received >= this.expected) this.end('complete', performance.now());
	}

	/** The END_EVENT marker arrived: nothing more will come. */
	sawEnd(): void {
		this.end('complete', performance.now());
	}

	fail(error: unknown): void {
		this.end('error', performance.now(), error instanceof Error ? error.message : String(error));
	}

	private end(ending: RunOutcome['ending'], endedAt: number, error?: string): void {
		if (this.settled) return;
		this.settled = true;
		clearInterval(this.watchdog);
		this.settle({ received: this.received, endedAt, ending, error });
	}
}
