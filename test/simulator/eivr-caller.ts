/**
 * Asterisk's side of ExternalIVR, for tests and the demo: one call connecting to our server.
 *
 * Built from the captures (shared/asterisk/transcripts/f*_eivr_*.ivr.txt) and app_externalivr.c:
 * connects and says nothing; answers `P`, `G`; takes `V`, `L`, `O`, `T`, `D`; plays files from a
 * table of durations (`F` when one ends, `Z` for an unknown one, `T`/`D` when the playlist is
 * replaced or interrupted, and on a key with autoclear); `E`/`H` are answered and the socket is
 * closed. It reads commands exactly as Asterisk does (see StdioReader): two commands in one
 * segment stall the second, so a test that passes here paced its writes for real.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { astStrip, StdioReader } from './eivr/stdio-reader';

export interface EivrCallerOptions {
	readonly port: number;
	readonly host?: string;
	/** Source address to connect from (e.g. 127.0.0.2 to test the allowlist). */
	readonly localAddress?: string;
	/** First field of the `P` answer. Default `ivr://<host>:<port>`. */
	readonly url?: string;
	/** ExternalIVR arguments. Default `['arg1', 'arg2']`, as in the captures. */
	readonly args?: readonly string[];
	/** Channel variables `G` can read. */
	readonly variables?: Readonly<Record<string, string>>;
	/** Playable files and how long each plays, in ms. Others get `Z`. */
	readonly files?: Readonly<Record<string, number>>;
	/** Option `i`: a far-end hangup sends `I,<ts>,HANGUP` and waits for `E` or `H`. */
	readonly ignoreHangup?: boolean;
	/** Option `n` without an answered channel: `S`/`A`/`I`/`O` get a bare `Z` until `T`. */
	readonly unanswered?: boolean;
}

export const DEFAULT_FILES: Readonly<Record<string, number>> = {
	'hello-world': 60,
	beep: 20,
	'demo-congrats': 400,
	'vm-goodbye': 40,
};

type Matcher = string | RegExp | ((line: string) => boolean);

export class EivrCaller {
	/** Every chunk the socket delivered, as received: one command per chunk if pacing works. */
	readonly chunks: Buffer[] = [];
	/** Every command Asterisk ran: each line its reader returned (after ast_strip) of 3 characters or more. */
	readonly received: string[] = [];
	/** Lines Asterisk read and ignored for being under 3 characters (the writer's wake-up nudges among them). */
	readonly ignored: string[] = [];
	/** Every event line we sent, without its LF. */
	readonly sent: string[] = [];
	/** Digits asked for with `D` (send DTMF), as given. */
	readonly dtmfOut: string[] = [];
	/** `L` messages. */
	readonly logged: string[] = [];
	readonly variables: Map<string, string>;
	autoclear = false;
	/** How the call ended, once it has. */
	endedBy: 'exit' | 'hangup' | 'farHangup' | 'serverClosed' | undefined;
	readonly ended: Promise<void>;

	private readonly reader = new StdioReader();
	private readonly files: Readonly<Record<string, number>>;
	private socket: Socket | undefined;
	private playlist: string[] = [];
	private playTimer: NodeJS.Timeout | undefined;
	private answered: boolean;
	private done = false;
	private hungUp = false;
	private resolveEnded!: () => void;
	private readonly waiters = new Set<() => void>();

	constructor(private readonly options: EivrCallerOptions) {
		this.variables = new Map(Object.entries(options.variables ?? {}));
		this.files = options.files ?? DEFAULT_FILES;
		this.answered = !options.unanswered;
		this.ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));
	}

	/** Connect like Asterisk: open the socket and say nothing. */
	connect(): Promise<void> {
		const host = this.options.host ?? '127.0.0.1';
		return new Promise<void>((resolve, reject) => {
			const socket = connect({ port: this.options.port, host, localAddress: this.options.localAddress });
			this.socket = socket;
			socket.once('connect', () => {
				socket.off('error', reject);
				resolve();
			});
			socket.once('error', reject);
			socket.on('error', () => undefined);
			socket.on('data', (chunk: Buffer) => this.onData(chunk));
			socket.on('close', () => this.onClose());
		});
	}

	/** Lines the reader holds that no wake-up will run until more bytes arrive. */
	get stalls(): number {
		return this.reader.stalls;
	}

	/** Files queued or playing right now (the head is playing). */
	get queue(): readonly string[] {
		return this.playlist;
	}

	/** The caller presses keys: one DTMF event each (and autoclear's T/D). */
	press(digits: string): void {
		for (const digit of digits) {
			if (this.done || this.hungUp) return;
			this.send(digit);
			if (this.autoclear) this.interrupt();
		}
	}

	/** The far end hangs up: `H` and close, or with option `i` `I,<ts>,HANGUP` and wait. */
	hangup(): void {
		if (this.done || this.hungUp) return;
		this.stopPlayback();
		if (this.options.ignoreHangup) {
			this.hungUp = true;
			this.send('I', 'HANGUP');
			return;
		}
		this.send('H');
		this.finish('farHangup');
	}

	/** Drop the connection without a word. */
	destroy(): void {
		this.socket?.destroy();
	}

	/** Resolves with the first received line that matches (already received ones count). */
	waitForCommand(match: Matcher, timeoutMs = 3000): Promise<string> {
		return this.waitUntil(() => this.received.find((line) => matches(line, match)), `a command matching ${String(match)}`, timeoutMs);
	}

	/** Resolves once `count` lines were received. */
	waitForCount(count: number, timeoutMs = 3000): Promise<string> {
		return this.waitUntil(() => (this.received.length >= count ? this.received[count - 1] : undefined), `${count} commands`, timeoutMs);
	}

	private waitUntil<T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const check = (): void => {
				const found = probe();
				if (found === undefined) return;
				clearTimeout(timer);
				this.waiters.delete(check);
				resolve(found);
			};
			const timer = setTimeout(() => {
				this.waiters.delete(check);
				reject(new Error(`eivr-caller: no ${what} within ${timeoutMs} ms; received ${JSON.stringify(this.received)}`));
			}, timeoutMs);
			this.waiters.add(check);
			check();
		});
	}

	private onData(chunk: Buffer): void {
		this.chunks.push(Buffer.from(chunk));
		for (const line of this.reader.push(chunk)) {
			if (this.done) break;
			this.run(astStrip(line.toString('utf8')));
		}
		for (const waiter of [...this.waiters]) waiter();
	}

	/** One command, as eivr_comm handles it. */
	private run(input: string): void {
		if (input.length < 3) {
			this.ignored.push(input);
			return;
		}
		this.received.push(input);
		const data = input.slice(2);
		const needsUp = 'SAIO'.includes(input[0]);
		if (needsUp && (!this.answered || this.hungUp)) return this.send('Z');
		switch (input[0]) {
			case 'P':
				return this.send('P', [this.options.url ?? `ivr://${this.options.host ?? '127.0.0.1'}:${this.options.port}`, ...(this.options.args ?? ['arg1', 'arg2'])].join(','));
			case 'G':
				return this.send('G', this.getVariables(data));
			case 'V':
				for (const assignment of data.split(',')) {
					const eq = assignment.indexOf('=');
					if (eq === -1) this.variables.set(assignment, '');
					else this.variables.set(assignment.slice(0, eq), assignment.slice(eq + 1));
				}
				return;
			case 'S':
				if (!(data in this.files)) return this.send('Z', data);
				this.interrupt();
				this.playlist.push(data);
				return this.startPlayback();
			case 'A':
				if (!(data in this.files)) return this.send('Z', data);
				this.playlist.push(data);
				return this.startPlayback();
			case 'I':
				return this.interrupt();
			case 'O':
				if (data.toLowerCase() === 'autoclear') this.autoclear = true;
				else if (data.toLowerCase() === 'noautoclear') this.autoclear = false;
				return;
			case 'T':
				this.answered = true;
				return;
			case 'D':
				this.dtmfOut.push(data);
				return;
			case 'L':
				this.logged.push(data);
				return;
			case 'E':
				this.send('E');
				return this.finish('exit');
			case 'H':
				this.send('H');
				return this.finish('hangup');
		}
	}

	private getVariables(data: string): string {
		// ast_eivr_getvariable: `name=value,` for each, last comma removed, cut at 2047 bytes.
		const text = data
			.split(',')
			.map((name) => `${name}=${this.variables.get(name) ?? ''}`)
			.join(',');
		return Buffer.from(text).subarray(0, 2047).toString('utf8');
	}

	private startPlayback(): void {
		if (this.playTimer !== undefined || this.playlist.length === 0) return;
		const file = this.playlist[0];
		this.playTimer = setTimeout(() => {
			this.playTimer = undefined;
			this.playlist.shift();
			this.send('F', file);
			this.startPlayback();
		}, this.files[file] ?? 0);
	}

	/** `T` for the file playing, `D` for each queued one, playlist empty. */
	private interrupt(): void {
		if (this.playTimer !== undefined) {
			clearTimeout(this.playTimer);
			this.playTimer = undefined;
			const current = this.playlist.shift();
			if (current !== undefined) this.send('T', current);
		}
		for (const file of this.playlist.splice(0)) this.send('D', file);
	}

	private stopPlayback(): void {
		if (this.playTimer !== undefined) clearTimeout(this.playTimer);
		this.playTimer = undefined;
		this.playlist = [];
	}

	private send(tag: string, data?: string): void {
		if (this.done || this.socket === undefined || this.socket.destroyed) return;
		const timestamp = String(Math.floor(Date.now() / 1000)).padStart(10, ' ');
		const line = data === undefined ? `${tag},${timestamp}` : `${tag},${timestamp},${data}`;
		this.sent.push(line);
		this.socket.write(`${line}\n`);
	}

	/** Asterisk left its loop: it writes nothing more and closes the socket. */
	private finish(how: 'exit' | 'hangup' | 'farHangup'): void {
		this.endedBy ??= how;
		this.done = true;
		this.stopPlayback();
		this.socket?.end();
	}

	private onClose(): void {
		this.endedBy ??= 'serverClosed';
		this.done = true;
		this.stopPlayback();
		for (const waiter of [...this.waiters]) waiter();
		this.resolveEnded();
	}
}

function matches(line: string, match: Matcher): boolean {
	if (typeof match === 'string') return line === match || line.startsWith(match);
	if (match instanceof RegExp) return match.test(line);
	return match(line);
}
