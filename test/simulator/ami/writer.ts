/**
 * Everything a session sends goes through here, in order. Two test knobs live here:
 * split writes (each message leaves in small pieces with a turn of the event loop between them,
 * so clients meet every possible TCP segmentation) and Asterisk's writetimeout (a client whose
 * socket stays unwritable too long is dropped, as manager.c does after 100 ms).
 */
import type { Socket } from 'node:net';
import type { SplitWrites } from './types';

export class SessionWriter {
	private readonly pending: Buffer[] = [];
	private pumping: NodeJS.Immediate | undefined;
	private endRequested = false;
	private stallTimer: NodeJS.Timeout | undefined;

	constructor(
		private readonly socket: Socket,
		private readonly split: () => SplitWrites,
		private readonly writeTimeoutMs: number | undefined,
	) {
		socket.on('drain', () => this.clearStall());
	}

	write(data: string | Buffer): void {
		if (this.endRequested || this.socket.destroyed) return;
		const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
		const mode = this.split();
		if (mode === false && this.pending.length === 0) {
			this.send(bytes);
			return;
		}
		if (mode === false) this.pending.push(bytes);
		else this.pending.push(...pieces(bytes, mode));
		this.pump();
	}

	/** Close after everything queued has gone out. */
	end(): void {
		this.endRequested = true;
		if (this.pending.length === 0) this.socket.end();
	}

	/** Forget queued bytes and timers (the socket is gone). */
	dispose(): void {
		this.pending.length = 0;
		if (this.pumping !== undefined) clearImmediate(this.pumping);
		this.pumping = undefined;
		this.clearStall();
	}

	private pump(): void {
		if (this.pumping !== undefined) return;
		this.pumping = setImmediate(() => {
			this.pumping = undefined;
			const next = this.pending.shift();
			if (next !== undefined && !this.socket.destroyed) this.send(next);
			if (this.pending.length > 0) this.pump();
			else if (this.endRequested) this.socket.end();
		});
	}

	private send(bytes: Buffer): void {
		const flushed = this.socket.write(bytes);
		if (!flushed && this.writeTimeoutMs !== undefined && this.stallTimer === undefined) {
			this.stallTimer = setTimeout(() => {
				this.stallTimer = undefined;
				this.socket.destroy();
			}, this.writeTimeoutMs);
		}
	}

	private clearStall(): void {
		if (this.stallTimer !== undefined) clearTimeout(this.stallTimer);
		this.stallTimer = undefined;
	}
}

/** Cut `bytes` into pieces of `mode` bytes, or of random sizes (1 to 16 bytes). */
export function pieces(bytes: Buffer, mode: number | 'random'): Buffer[] {
	const out: Buffer[] = [];
	let offset = 0;
	while (offset < bytes.length) {
		const size = mode === 'random' ? 1 + Math.floor(Math.random() * 16) : Math.max(1, mode);
		out.push(bytes.subarray(offset, offset + size));
		offset += size;
	}
	return out;
}
