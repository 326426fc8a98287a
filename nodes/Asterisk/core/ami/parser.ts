/**
 * AmiParser: bytes from an AMI socket in, messages out.
 *
 * Pure and incremental: no sockets, timers or logging. Chunks may be split anywhere, down to one
 * byte and through the middle of a UTF-8 character; the same bytes give the same messages.
 *
 * Framing is a byte search for the blank line that ends a message (`\r\n\r\n`, and the `\n\n` and
 * `\r\n\n` that real servers also send); headers are split later, only when asked for (see
 * AmiMessage). That keeps the parser near the speed of framing alone.
 *
 * Bounded: a line over `maxLineBytes` or a message over `maxMessageBytes` is reported and skipped
 * up to the next blank line, so a hostile peer cannot make the buffer grow without limit.
 */
import { AmiProtocolError } from './errors';
import { AmiMessage } from './message';

export interface AmiParserOptions {
	/** Read the one-line banner (`Asterisk Call Manager/11.0.0`) first. True for a client. */
	expectBanner?: boolean;
	/** Longest line accepted, in bytes (default 64 KiB). */
	maxLineBytes?: number;
	/** Largest message accepted, in bytes (default 1 MiB). */
	maxMessageBytes?: number;
}

export interface AmiParserHandlers {
	onMessage(message: AmiMessage): void;
	onBanner?(banner: string): void;
	onError?(error: AmiProtocolError): void;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

const LF = 10;
const CR = 13;
const LF_CRLF = Buffer.from('\n\r\n');
const LF_LF = Buffer.from('\n\n');
const FOLLOWS = Buffer.from('Response: Follows');
const END_COMMAND = Buffer.from('--END COMMAND--');
const BANNER_PATTERN = /^Asterisk Call Manager\b/;
const EMPTY = Buffer.alloc(0);

/** A found message end: `lineEnd` is the LF that ends the last line, `next` the first byte after. */
interface Terminator {
	lineEnd: number;
	next: number;
}

type ParserState = 'banner' | 'message' | 'skipping';

export class AmiParser {
	private readonly handlers: AmiParserHandlers;
	private readonly maxLineBytes: number;
	private readonly maxMessageBytes: number;

	private state: ParserState;
	private buffer: Buffer = EMPTY;
	/** True when `buffer` is our own allocation and may be written past `end`. */
	private ownsBuffer = false;
	private start = 0;
	private end = 0;
	/** Bytes at the start of the pending message already known to hold no terminator. */
	private scanned = 0;
	private skippedBytes = 0;
	/** Where `--END COMMAND--` was found in a pending `Response: Follows`, from its start. */
	private commandMarker: number | undefined;
	// Positions of the next `\n\r\n` and `\n\n` in the current buffer, so that a chunk holding
	// many messages is searched once, not once per message: undefined = not searched yet.
	private nextLfCrlf: number | undefined;
	private nextLfLf: number | undefined;

	constructor(handlers: AmiParserHandlers, options: AmiParserOptions = {}) {
		this.handlers = handlers;
		this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
		this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
		this.state = options.expectBanner === true ? 'banner' : 'message';
	}

	/** Bytes held waiting for the rest of a message. */
	get bufferedBytes(): number {
		return this.end - this.start;
	}

	parse(chunk: Buffer): void {
		if (chunk.length === 0) return;
		// A socket cuts a message across nearly every chunk. Rather than copy the whole new chunk
		// behind the pending part, copy only up to the first message end in it; the rest is then
		// parsed where it lies. (Any split of the bytes gives the same messages.)
		if (this.end > this.start && this.state === 'message') {
			const split = firstMessageEnd(chunk);
			if (split > 0 && split < chunk.length) {
				this.parseChunk(chunk.subarray(0, split));
				this.parseChunk(chunk.subarray(split));
				return;
			}
		}
		this.parseChunk(chunk);
	}

	private parseChunk(chunk: Buffer): void {
		this.append(chunk);
		this.nextLfCrlf = undefined;
		this.nextLfLf = undefined;
		while (this.start < this.end) {
			if (this.state === 'banner') {
				if (!this.readBanner()) break;
			} else if (this.state === 'skipping') {
				if (!this.skipToMessageEnd()) break;
			} else if (!this.readMessage()) {
				break;
			}
		}
		this.compact();
	}

	/** Forget any partial message (after a reconnect, say). */
	reset(expectBanner: boolean): void {
		this.buffer = EMPTY;
		this.ownsBuffer = false;
		this.start = 0;
		this.end = 0;
		this.scanned = 0;
		this.skippedBytes = 0;
		this.commandMarker = undefined;
		this.state = expectBanner ? 'banner' : 'message';
	}

	private append(chunk: Buffer): void {
		const pending = this.end - this.start;
		if (pending === 0) {
			this.buffer = chunk;
			this.ownsBuffer = false;
			this.start = 0;
			this.end = chunk.length;
			return;
		}
		if (this.ownsBuffer && this.buffer.length - this.end >= chunk.length) {
			chunk.copy(this.buffer, this.end);
			this.end += chunk.length;
			return;
		}
		const size = Math.max(pending + chunk.length, Math.min(2 * (pending + chunk.length), this.maxMessageBytes * 2));
		const grown = Buffer.allocUnsafe(size);
		this.buffer.copy(grown, 0, this.start, this.end);
		chunk.copy(grown, pending);
		this.buffer = grown;
		this.ownsBuffer = true;
		this.start = 0;
		this.end = pending + chunk.length;
	}

	/** Drop consumed bytes; keep a partial message at the front of an owned buffer. */
	private compact(): void {
		if (this.start === this.end) {
			this.buffer = EMPTY;
			this.ownsBuffer = false;
			this.start = 0;
			this.end = 0;
			return;
		}
		if (!this.ownsBuffer || this.start > this.buffer.length / 2) {
			const pending = this.end - this.start;
			const kept = Buffer.allocUnsafe(Math.max(pending * 2, 4096));
			this.buffer.copy(kept, 0, this.start, this.end);
			this.buffer = kept;
			this.ownsBuffer = true;
			this.start = 0;
			this.end = pending;
		}
	}

	private readBanner(): boolean {
		const lineEnd = this.buffer.indexOf(LF, this.start);
		if (lineEnd < 0 || lineEnd >= this.end) {
			if (this.end - this.start > this.maxLineBytes) {
				this.report('NOT_AMI', `no AMI banner in the first ${this.maxLineBytes} bytes`);
				this.startSkipping();
			}
			return false;
		}
		const banner = this.decode(this.start, lineEnd);
		this.start = lineEnd + 1;
		this.state = 'message';
		if (BANNER_PATTERN.test(banner)) this.handlers.onBanner?.(banner);
		else this.report('NOT_AMI', `not an AMI server: it greeted with ${JSON.stringify(banner.slice(0, 80))}`);
		return true;
	}

	private readMessage(): boolean {
		const buffer = this.buffer;
		// Blank lines between messages carry nothing.
		if (buffer[this.start] === LF) {
			this.start++;
			return true;
		}
		if (buffer[this.start] === CR) {
			if (this.start + 1 >= this.end) return false;
			if (buffer[this.start + 1] === LF) {
				this.start += 2;
				return true;
			}
		}
		// Only Asterisk ≤ 13's Command answer is framed differently; one byte rules most out.
		const follows = buffer[this.start] === FOLLOWS[0] ? this.startsWith(FOLLOWS) : false;
		if (follows === undefined) return false;
		const terminator = follows ? this.findCommandEnd() : this.findTerminator(this.start + this.scanned);
		if (terminator === undefined) {
			this.checkPendingLimits();
			return false;
		}
		const messageStart = this.start;
		this.start = terminator.next;
		this.scanned = 0;
		this.commandMarker = undefined;
		const size = terminator.lineEnd - messageStart;
		if (size > this.maxMessageBytes) {
			this.report('MESSAGE_TOO_LARGE', `message of ${size} bytes is over the ${this.maxMessageBytes}-byte limit; skipped`, size);
			return true;
		}
		if (size > this.maxLineBytes && this.longestLine(messageStart, terminator.lineEnd) > this.maxLineBytes) {
			this.report('LINE_TOO_LONG', `a line is over the ${this.maxLineBytes}-byte limit; message skipped`, size);
			return true;
		}
		const text = this.decode(messageStart, terminator.lineEnd);
		this.handlers.onMessage(follows ? parseFollows(text) : new AmiMessage(text));
		return true;
	}

	/** Whether the pending message starts with `prefix`; undefined while too few bytes are here. */
	private startsWith(prefix: Buffer): boolean | undefined {
		const available = Math.min(prefix.length, this.end - this.start);
		if (this.buffer.compare(prefix, 0, available, this.start, this.start + available) !== 0) return false;
		return available === prefix.length ? true : undefined;
	}

	private findTerminator(from: number): Terminator | undefined {
		if (this.nextLfCrlf === undefined || (this.nextLfCrlf >= 0 && this.nextLfCrlf < from)) {
			this.nextLfCrlf = this.search(LF_CRLF, from);
		}
		if (this.nextLfLf === undefined || (this.nextLfLf >= 0 && this.nextLfLf < from)) {
			this.nextLfLf = this.search(LF_LF, from);
		}
		const crlf = this.nextLfCrlf;
		const lflf = this.nextLfLf;
		if (crlf < 0 && lflf < 0) return undefined;
		if (lflf < 0 || (crlf >= 0 && crlf < lflf)) return { lineEnd: crlf, next: crlf + 3 };
		return { lineEnd: lflf, next: lflf + 2 };
	}

	/**
	 * Asterisk ≤ 13 answers Command with `Response: Follows`, raw CLI text (blank lines
	 * included) and `--END COMMAND--`: only that marker tells where the message ends.
	 */
	private findCommandEnd(): Terminator | undefined {
		if (this.commandMarker === undefined) {
			const from = Math.max(this.start, this.start + this.scanned - END_COMMAND.length);
			const marker = this.search(END_COMMAND, from);
			if (marker < 0) return undefined;
			this.commandMarker = marker - this.start;
		}
		return this.findTerminator(this.start + this.commandMarker);
	}

	private search(needle: Buffer, from: number): number {
		const found = this.buffer.indexOf(needle, from);
		return found >= 0 && found + needle.length <= this.end ? found : -1;
	}

	/** No terminator yet: remember how far we looked, and refuse to hold more than the limits. */
	private checkPendingLimits(): void {
		const pending = this.end - this.start;
		this.scanned = Math.max(0, pending - 2);
		if (pending > this.maxMessageBytes) {
			this.report('MESSAGE_TOO_LARGE', `message over the ${this.maxMessageBytes}-byte limit; skipping to its end`, pending);
			this.startSkipping();
			return;
		}
		if (pending > this.maxLineBytes) {
			const lastLf = this.buffer.lastIndexOf(LF, this.end - 1);
			const lineStart = lastLf >= this.start ? lastLf + 1 : this.start;
			if (this.end - lineStart > this.maxLineBytes) {
				this.report('LINE_TOO_LONG', `a line over the ${this.maxLineBytes}-byte limit; skipping to the end of its message`, pending);
				this.startSkipping();
			}
		}
	}

	/** Discard what is pending except the last two bytes, which may begin a terminator. */
	private startSkipping(): void {
		const keep = Math.min(2, this.end - this.start);
		this.skippedBytes = this.end - this.start - keep;
		this.start = this.end - keep;
		this.scanned = 0;
		this.commandMarker = undefined;
		this.state = 'skipping';
	}

	private skipToMessageEnd(): boolean {
		const terminator = this.findTerminator(this.start);
		if (terminator === undefined) {
			const keep = Math.min(2, this.end - this.start);
			this.skippedBytes += this.end - this.start - keep;
			this.start = this.end - keep;
			return false;
		}
		this.skippedBytes += terminator.next - this.start;
		this.start = terminator.next;
		this.skippedBytes = 0;
		this.state = 'message';
		return true;
	}

	private longestLine(from: number, to: number): number {
		let longest = 0;
		let lineStart = from;
		while (lineStart < to) {
			let lineEnd = this.buffer.indexOf(LF, lineStart);
			if (lineEnd < 0 || lineEnd > to) lineEnd = to;
			longest = Math.max(longest, lineEnd - lineStart);
			lineStart = lineEnd + 1;
		}
		return longest;
	}

	/** Text of [from, lineEnd), without the CR of a CRLF. */
	private decode(from: number, lineEnd: number): string {
		const to = lineEnd > from && this.buffer[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
		return this.buffer.toString('utf8', from, to);
	}

	private report(violation: 'LINE_TOO_LONG' | 'MESSAGE_TOO_LARGE' | 'NOT_AMI', message: string, bytes = 0): void {
		this.handlers.onError?.(new AmiProtocolError(violation, message, bytes));
	}
}

/** How far into a chunk to look for a message end before giving up on the split. */
const SPLIT_WINDOW = 8 * 1024;

/** The offset just past the first blank line in the start of `chunk`, or -1. */
function firstMessageEnd(chunk: Buffer): number {
	const window = chunk.length > SPLIT_WINDOW ? chunk.subarray(0, SPLIT_WINDOW) : chunk;
	const crlf = window.indexOf(LF_CRLF);
	const lflf = window.indexOf(LF_LF);
	if (crlf < 0) return lflf < 0 ? -1 : lflf + 2;
	return lflf >= 0 && lflf < crlf ? lflf + 2 : crlf + 3;
}

/** Headers Asterisk ≤ 13 writes before the raw output of a `Response: Follows`. */
const FOLLOWS_HEADERS = new Set(['response', 'privilege', 'actionid']);

/**
 * Turn a `Response: Follows` message into the shape Asterisk ≥ 14 uses: its headers, then one
 * `Output` header per CLI line, so callers read command output the same way from both.
 */
function parseFollows(text: string): AmiMessage {
	const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
	const headers: Array<[string, string]> = [];
	let index = 0;
	for (; index < lines.length; index++) {
		const line = lines[index];
		const colon = line.indexOf(':');
		if (colon < 0 || !FOLLOWS_HEADERS.has(line.slice(0, colon).toLowerCase())) break;
		headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]);
	}
	let output = lines.slice(index).join('\n');
	const marker = output.lastIndexOf('--END COMMAND--');
	if (marker >= 0) output = output.slice(0, marker);
	const outputLines = output.split('\n');
	if (outputLines.length > 0 && outputLines[outputLines.length - 1] === '') outputLines.pop();
	for (const line of outputLines) headers.push(['Output', line]);
	return new AmiMessage(text, headers);
}
