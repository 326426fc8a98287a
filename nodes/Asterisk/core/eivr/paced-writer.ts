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
 *
 * Pacing makes a held line unlikely, not impossible: an Asterisk whose loop runs late still finds
 * two lines in the kernel. So when a burst of commands has been written and the queue runs dry,
 * the writer follows it with a few bare line feeds at doubling intervals (1, 2, 4, 8 gaps), so
 * that one of them lands after even a late read. Asterisk ignores a line under 3 characters
 * (app_externalivr.c), but the bytes wake its loop, which then runs a held line. Without them, a
 * held `E` would never run and the call would hang up instead of going back to the dialplan.
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

/** A line Asterisk ignores (shorter than 3 characters) whose only job is to wake its loop. */
const NUDGE = Buffer.from('\n');
/** Nudges after a burst: each can release one held line; more for a longer burst. */
const MIN_NUDGES = 4;
const MAX_NUDGES = 8;

export class PacedWriter {
	private readonly queue: QueuedWrite[] = [];
	private busy = false;
	private gapTimer: NodeJS.Timeout | undefined;
	private closedWith: Error | undefined;
	/** Commands written since the queue last ran dry: all but one may be held by Asterisk. */
	private burst = 0;
	private nudgesDue = 0;
	/** The pause after the next nudge, in gaps: it doubles, to reach past a late read. */
	private nudgeSpacing = 1;

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

	/** True when nothing is queued, being written, or inside its gap (nudges aside). */
	get idle(): boolean {
		return !this.busy && this.queue.length === 0;
	}

	/** Bare line feeds written so far to wake a late Asterisk. */
	nudgesSent = 0;

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
		if (item !== undefined) {
			this.burst++;
			this.writeThenPause(item.data, this.gapMs, (error) => (error ? item.reject(error) : item.resolve()));
			return;
		}
		if (this.burst > 1) {
			this.nudgesDue = Math.min(Math.max(this.burst - 1, MIN_NUDGES), MAX_NUDGES);
			this.nudgeSpacing = 1;
		}
		this.burst = 0;
		if (this.nudgesDue === 0) return;
		this.nudgesDue--;
		this.nudgesSent++;
		const pause = this.gapMs * this.nudgeSpacing;
		this.nudgeSpacing = Math.min(this.nudgeSpacing * 2, 16);
		// A nudge that fails (the call is over) is nobody's concern: the socket reports its close.
		this.writeThenPause(NUDGE, pause, () => undefined);
	}

	private writeThenPause(data: Buffer, pauseMs: number, done: (error?: Error | null) => void): void {
		this.busy = true;
		this.sink.write(data, (error) => {
			done(error);
			if (this.closedWith !== undefined) return;
			this.gapTimer = setTimeout(() => {
				this.gapTimer = undefined;
				this.busy = false;
				this.pump();
			}, pauseMs);
		});
	}
}
