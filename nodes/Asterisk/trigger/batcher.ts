/**
 * Batcher: collect items and hand them on together, when `maxItems` are waiting or `maxWaitMs`
 * after the first of them arrived, whichever comes first. A busy PBX sends hundreds of events a
 * second; one workflow execution per event would not keep up, one per batch does.
 *
 * Timers are injectable (tests pass fake ones; the node passes nothing and gets the global
 * setTimeout). `close()` flushes what is left and stops the timer: call it from closeFunction.
 */

export interface BatcherTimers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface BatcherOptions<T> {
	/** Flush as soon as this many items wait (≥ 1). */
	maxItems: number;
	/** Flush this long after the first item of a batch arrived; 0 or less: only by count. */
	maxWaitMs: number;
	/** Receives each non-empty batch, in order. */
	onFlush(batch: T[]): void;
	/** Called when onFlush throws (from a timer there is no caller to throw to). Default: rethrow. */
	onError?(error: unknown, batch: T[]): void;
	timers?: BatcherTimers;
}

const GLOBAL_TIMERS: BatcherTimers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Batcher<T> {
	private readonly options: BatcherOptions<T>;
	private readonly timers: BatcherTimers;
	private items: T[] = [];
	private timer: unknown = undefined;
	private closed = false;

	constructor(options: BatcherOptions<T>) {
		if (!Number.isInteger(options.maxItems) || options.maxItems < 1) {
			throw new RangeError(`Batcher maxItems must be an integer ≥ 1, got ${options.maxItems}`);
		}
		if (!Number.isFinite(options.maxWaitMs)) throw new RangeError(`Batcher maxWaitMs must be finite, got ${options.maxWaitMs}`);
		this.options = options;
		this.timers = options.timers ?? GLOBAL_TIMERS;
	}

	/** Items waiting for the next flush. */
	get size(): number {
		return this.items.length;
	}

	get isClosed(): boolean {
		return this.closed;
	}

	/** Add one item; may flush synchronously (count reached). Ignored after close(). */
	push(item: T): void {
		if (this.closed) return;
		this.items.push(item);
		if (this.items.length >= this.options.maxItems) {
			this.flush();
			return;
		}
		if (this.items.length === 1 && this.options.maxWaitMs > 0) {
			this.timer = this.timers.setTimeout(() => {
				this.timer = undefined;
				this.flush();
			}, this.options.maxWaitMs);
		}
	}

	/** Hand on whatever waits now (nothing happens when empty). */
	flush(): void {
		this.stopTimer();
		if (this.items.length === 0) return;
		const batch = this.items;
		this.items = [];
		let failure: { error: unknown } | undefined;
		try {
			this.options.onFlush(batch);
		} catch (error) {
			failure = { error };
		}
		if (failure === undefined) return;
		if (this.options.onError === undefined) throw failure.error;
		this.options.onError(failure.error, batch);
	}

	/** Flush the rest and stop: later pushes are ignored. Safe to call twice. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.flush();
	}

	private stopTimer(): void {
		if (this.timer === undefined) return;
		this.timers.clearTimeout(this.timer);
		this.timer = undefined;
	}
}
