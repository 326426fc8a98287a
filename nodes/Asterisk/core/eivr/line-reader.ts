/**
 * Bytes in, LF-terminated lines out, whatever the chunking.
 *
 * Pure: no socket, no timer. Bytes are kept as bytes until a whole line is there, so a UTF-8
 * character split across two TCP segments is decoded whole. A trailing CR is removed (Asterisk
 * sends LF only; tolerating CRLF costs nothing). A line longer than `maxLineBytes` is never held
 * in memory: its bytes are counted and dropped up to its LF, then reported as an overflow.
 */

/** Asterisk's longest event is a `G` answer cut at 2047 bytes plus its head: 8 KiB is ample. */
export const DEFAULT_MAX_LINE_BYTES = 8192;

export type LineReaderItem =
	| { readonly kind: 'line'; readonly line: string }
	/** A line that was too long and was dropped; `bytes` counts it without its LF. */
	| { readonly kind: 'overflow'; readonly bytes: number };

const LF = 0x0a;
const CR = 0x0d;

export class LineReader {
	private readonly maxLineBytes: number;
	private parts: Buffer[] = [];
	private held = 0;
	/** Bytes of the current line already dropped because it is too long; -1 when not dropping. */
	private dropped = -1;

	constructor(options: { maxLineBytes?: number } = {}) {
		this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
		if (!Number.isInteger(this.maxLineBytes) || this.maxLineBytes < 1) {
			throw new RangeError('maxLineBytes must be a positive integer');
		}
	}

	/** Feed one chunk; returns the lines (and overflows) it completed, in order. */
	push(chunk: Buffer): LineReaderItem[] {
		const items: LineReaderItem[] = [];
		let start = 0;
		while (start < chunk.length) {
			const lf = chunk.indexOf(LF, start);
			const end = lf === -1 ? chunk.length : lf;
			this.take(chunk.subarray(start, end));
			if (lf === -1) break;
			items.push(this.finishLine());
			start = lf + 1;
		}
		return items;
	}

	/** Bytes of an unfinished line held (or being dropped) right now. */
	get pendingBytes(): number {
		return this.dropped === -1 ? this.held : this.dropped;
	}

	/** Forget an unfinished line (the socket closed); returns how many bytes were lost. */
	reset(): number {
		const lost = this.pendingBytes;
		this.parts = [];
		this.held = 0;
		this.dropped = -1;
		return lost;
	}

	private take(piece: Buffer): void {
		if (piece.length === 0) return;
		if (this.dropped !== -1) {
			this.dropped += piece.length;
			return;
		}
		// One byte of slack: a CR just before the LF does not count against the limit.
		if (this.held + piece.length > this.maxLineBytes + 1) {
			this.dropped = this.held + piece.length;
			this.parts = [];
			this.held = 0;
			return;
		}
		// Copy: the socket may reuse the chunk's memory once we return.
		this.parts.push(Buffer.from(piece));
		this.held += piece.length;
	}

	private finishLine(): LineReaderItem {
		if (this.dropped !== -1) {
			const bytes = this.dropped;
			this.dropped = -1;
			return { kind: 'overflow', bytes };
		}
		let bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.held);
		this.parts = [];
		this.held = 0;
		if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
		if (bytes.length > this.maxLineBytes) return { kind: 'overflow', bytes: bytes.length };
		return { kind: 'line', line: bytes.toString('utf8') };
	}
}
