/**
 * How app_externalivr.c reads our commands, byte for byte: one `fgets` per wake-up of its
 * channel loop, on a stdio stream over the socket.
 *
 * `fgets` pulls everything the kernel holds into stdio's buffer and returns one line. The loop
 * wakes only when the socket is readable, i.e. when the kernel holds bytes; lines already in
 * stdio's buffer do not wake it. So two commands in one segment: the first runs, the second
 * waits until any later byte arrives (captured: f5_eivr_batching, 3 s with nothing back). Then
 * each wake-up runs one buffered line, and the last wake-up reads the new bytes.
 * `fgets(input, 1024)` also cuts a line at 1023 bytes; the rest is read as the next line.
 */

const LF = 0x0a;
/** fgets(input, sizeof input) with a 1024-byte buffer returns at most 1023 bytes. */
export const FGETS_MAX = 1023;

export class StdioReader {
	/** Bytes that reached the socket and were not yet read by Asterisk ("in the kernel"). */
	private kernel: Buffer[] = [];
	/** Bytes stdio read from the socket and has not yet returned. */
	private stdio: Buffer = Buffer.alloc(0);
	/** Wake-ups that ended with a whole line left behind in stdio's buffer. */
	stalls = 0;

	/** Bytes arrived; returns the lines Asterisk runs because of them, one per wake-up. */
	push(chunk: Buffer): Buffer[] {
		this.kernel.push(chunk);
		const lines: Buffer[] = [];
		while (this.kernel.length > 0) {
			// One wake-up: the socket is readable.
			let line = this.takeLine();
			if (line === undefined) {
				this.stdio = Buffer.concat([this.stdio, ...this.kernel]);
				this.kernel = [];
				line = this.takeLine();
			}
			if (line !== undefined) lines.push(line);
		}
		if (this.stdio.includes(LF)) this.stalls++;
		return lines;
	}

	/** A whole line is waiting in stdio's buffer that no wake-up will run until more bytes come. */
	get stalled(): boolean {
		return this.stdio.includes(LF);
	}

	private takeLine(): Buffer | undefined {
		const lf = this.stdio.indexOf(LF);
		let length: number;
		if (lf !== -1 && lf < FGETS_MAX) length = lf + 1;
		else if (this.stdio.length >= FGETS_MAX) length = FGETS_MAX;
		else return undefined;
		const line = this.stdio.subarray(0, length);
		this.stdio = this.stdio.subarray(length);
		return line;
	}
}

/** ast_strip: white space off both ends (the LF included). */
export function astStrip(text: string): string {
	return text.replace(/^[\s\v]+|[\s\v]+$/g, '');
}
