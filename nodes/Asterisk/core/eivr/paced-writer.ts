/**
 * One command per socket write, and a pause after each.
 *
 * Asterisk reads one line per wake-up of its channel loop (app_externalivr.c: poll, then one
 * `fgets` on a stdio stream). When two lines arrive in one TCP segment, the first `fgets` pulls
 * both into stdio's buffer; the socket then looks empty, so the second line waits until some
 * other byte arrives (a 3 s stall was captured, f5_eivr_batching). So every command gets its own
 * `write`, the next one is not handed to the kernel before the previous write has completed, and
 * a small gap follows each write so that Asterisk's loop has read the line before the next lands.
 * The socket also needs `setNoDelay(true)`: with Nagle, queued small writes would be coalesced.
 */

/** What the writer needs of a socket (net.Socket fits). */
export interface CommandSink {
	write(data: Buffer, callback: (error?: Error | null) => void): boolean;
}

interface QueuedWrite {
	readonly data: Buffer;
	readonly resolve: () => void;
	readonly reject: (error: Error) => void;
}

export class PacedWriter {
	private readonly queue: QueuedWrite[] = [];
	private busy = false;
	private gapTimer: NodeJS.Timeout | undefined;
	private closedWith: Error | undefined;

	constructor(
		private readonly sink: CommandSink,
		private readonly gapMs: number,
	) {
		if (!Number.isFinite(gapMs) || gapMs < 0) throw new RangeError('the write gap must be a number of milliseconds >= 0');
	}

	/** Queue one command's bytes; resolves once they are written (handed to the kernel). */
	send(data: Buffer): Promise<void> {
		if (this.closedWith !== undefined) return Promise.reject(this.closedWith);
		return new Promise<void>((resolve, reject) => {
			this.queue.push({ data, resolve, reject });
			this.pump();
		});
	}

	/** True when nothing is queued, being written, or inside its gap. */
	get idle(): boolean {
		return !this.busy && this.queue.length === 0;
	}

	/** Reject everything still queued and stop the gap timer. Later sends reject at once. */
	close(error: Error): void {
		if (this.closedWith !== undefined) return;
		this.closedWith = error;
		if (this.gapTimer !== undefined) clearTimeout(this.gapTimer);
		this.gapTimer = undefined;
		for (const item of this.queue.splice(0)) item.reject(error);
	}

	private pump(): void {
		if (this.busy || this.closedWith !== undefined) return;
		const item = this.queue.shift();
		if (item === undefined) return;
		this.busy = true;
		this.sink.write(item.data, (error) => {
			if (error) {
				item.reject(error);
			} else {
				item.resolve();
			}
			if (this.closedWith !== undefined) return;
			this.gapTimer = setTimeout(() => {
				this.gapTimer = undefined;
				this.busy = false;
				this.pump();
			}, this.gapMs);
		});
	}
}
