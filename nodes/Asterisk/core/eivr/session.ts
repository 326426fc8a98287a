/**
 * One call: the ExternalIVR socket Asterisk opened to us, as promises and typed events.
 *
 * The session owns the socket, the paced writer, the reply queue, the playlist picture and the
 * digit collection, and every timer among them. A call ends in one of four ways, and all of them
 * reject what is still waiting and leave no timer behind: our `E` (Asterisk answers `E` and
 * closes; the dialplan continues), our `H` (answered `H`; the channel hangs up), the far end
 * hanging up (`H` then close; or, with option `i`, `I,<ts>,HANGUP` after which Asterisk waits for
 * our `E` or `H`, sent by us after `hangupGraceMs` if nobody does), or the socket closing.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { formatCommand, parseEvent, serializeCommand } from './codec';
import type { DtmfDigit, IvrCommand, IvrCommandType, IvrEvent, IvrOption } from './codec';
import { collectSettings, DigitCollection } from './digit-collection';
import type { CollectDigitsOptions, CollectDigitsResult } from './digit-collection';
import { IvrClosedError, IvrHangupError } from './errors';
import { LineReader } from './line-reader';
import { PacedWriter } from './paced-writer';
import { Playlist } from './playlist';
import type { PlaybackResult } from './playlist';
import { ReplyQueue } from './reply-queue';
import type { IvrCloseInfo, IvrCloseReason, IvrSessionEvents, IvrSessionOptions, IvrSessionState, PlayOptions } from './session-types';
import { TypedEmitter } from './typed-emitter';
import { readVariables, setCommands } from './variables';

// With option `i` the channel is gone but still readable and writable: variables for the `h`
// extension, a log line, and the final `E`/`H` are what makes sense then.
const ALLOWED_AFTER_HANGUP = new Set<IvrCommandType>(['getVariables', 'setVariables', 'getParams', 'log', 'exit', 'hangup']);

export class IvrSession extends TypedEmitter<IvrSessionEvents> {
	readonly id = randomUUID();
	readonly remoteAddress: string;
	readonly remotePort: number;
	/** Resolves once the socket is closed, with why. Never rejects. */
	readonly closed: Promise<IvrCloseInfo>;

	private status: IvrSessionState = 'open';
	private closeReason: IvrCloseReason | undefined;
	private socketError: Error | undefined;
	private readonly reader: LineReader;
	private readonly writer: PacedWriter;
	private readonly replies: ReplyQueue;
	private readonly playlist = new Playlist();
	private collection: DigitCollection | undefined;
	private typeAhead: DtmfDigit[] = [];
	private closeTimer: NodeJS.Timeout | undefined;
	private graceTimer: NodeJS.Timeout | undefined;
	private resolveClosed!: (info: IvrCloseInfo) => void;
	private readonly options: Required<IvrSessionOptions>;

	constructor(
		private readonly socket: Socket,
		options: IvrSessionOptions = {},
	) {
		super();
		this.options = {
			writeGapMs: options.writeGapMs ?? 20,
			requestTimeoutMs: options.requestTimeoutMs ?? 5000,
			hangupGraceMs: options.hangupGraceMs ?? 10_000,
			closeTimeoutMs: options.closeTimeoutMs ?? 2000,
			idleTimeoutMs: options.idleTimeoutMs ?? 0,
			maxLineBytes: options.maxLineBytes ?? 8192,
			maxTypeAheadDigits: options.maxTypeAheadDigits ?? 32,
		};
		this.remoteAddress = socket.remoteAddress ?? '';
		this.remotePort = socket.remotePort ?? 0;
		this.closed = new Promise<IvrCloseInfo>((resolve) => (this.resolveClosed = resolve));
		this.reader = new LineReader({ maxLineBytes: this.options.maxLineBytes });
		this.writer = new PacedWriter(socket, this.options.writeGapMs);
		this.replies = new ReplyQueue(this.options.requestTimeoutMs);

		socket.setNoDelay(true);
		if (this.options.idleTimeoutMs > 0) {
			socket.setTimeout(this.options.idleTimeoutMs);
			socket.on('timeout', () => this.onIdle());
		}
		socket.on('data', (chunk: Buffer) => this.onData(chunk));
		socket.on('error', (error: Error) => (this.socketError ??= error));
		socket.on('close', () => this.finalize());
		if (socket.destroyed) queueMicrotask(() => this.finalize());
	}

	get state(): IvrSessionState {
		return this.status;
	}

	/** `P`: the ExternalIVR arguments. `url` is `ivr://host:port`; `args` what followed it. */
	async getParams(): Promise<{ url: string; args: string[] }> {
		const event = await this.request({ type: 'getParams' }, 'params');
		return event.type === 'params' ? { url: event.url, args: [...event.args] } : { url: '', args: [] };
	}

	/**
	 * `G`: channel (or global) variables; unset ones come back as `''`, and so do functions such
	 * as `CALLERID(num)`. Any number of names: see readVariables.
	 */
	async getVariables(names: readonly string[]): Promise<Record<string, string>> {
		return readVariables(names, async (group) => {
			const event = await this.request({ type: 'getVariables', names: group }, 'variables');
			return event.type === 'variables' ? event.data : '';
		});
	}

	/** `V`: set channel variables. Asterisk answers nothing; resolves once written. */
	async setVariables(variables: Readonly<Record<string, string>>): Promise<void> {
		const commands = setCommands(variables);
		await Promise.all(commands.map((command) => this.write(command)));
	}

	/**
	 * Play files: replace the playlist (`S` then `A`), or append (`A`), or stop first (`I` then `A`).
	 * Resolves when every file has ended, with how; rejects if the call ends first. Do not await
	 * it before `collectDigits` if keys should stop the prompt: start both, await the digits.
	 * Left un-awaited, its rejection is not reported as unhandled: fire and forget is a normal use.
	 */
	play(files: readonly string[], options: PlayOptions = {}): Promise<PlaybackResult[]> {
		const playing = this.startPlayback(files, options);
		playing.catch(() => undefined);
		return playing;
	}

	private async startPlayback(files: readonly string[], options: PlayOptions): Promise<PlaybackResult[]> {
		for (const file of files) formatCommand({ type: 'append', file });
		this.assertCanSend('play');
		const commands: IvrCommand[] = files.map((file, i) =>
			i === 0 && !options.append && !options.interrupt ? { type: 'play', file } : { type: 'append', file },
		);
		if (options.interrupt) commands.unshift({ type: 'interrupt' });
		const done = this.playlist.track(files);
		const [results] = await Promise.all([done, ...commands.map((command) => this.write(command))]);
		return results;
	}

	/** `I`: stop the current file and clear the playlist. */
	async stop(): Promise<void> {
		await this.write({ type: 'interrupt' });
	}

	/** Collect keys: see CollectDigitsOptions. One collection at a time. */
	async collectDigits(options: CollectDigitsOptions = {}): Promise<CollectDigitsResult> {
		const settings = collectSettings(options);
		this.assertCanSend('interrupt');
		if (this.collection !== undefined) throw new Error('a digit collection is already running on this session');
		if (options.flush) this.typeAhead = [];
		const collection = new DigitCollection(settings, {
			isPlaying: () => this.playlist.active,
			interrupt: () => void this.write({ type: 'interrupt' }).catch(() => undefined),
		});
		this.collection = collection;
		this.typeAhead = collection.start(this.typeAhead);
		try {
			return await collection.promise;
		} finally {
			if (this.collection === collection) this.collection = undefined;
		}
	}

	/** `O`: with autoclear, Asterisk itself stops the playlist on any key. */
	async setOption(option: IvrOption): Promise<void> {
		await this.write({ type: 'option', option });
	}

	/** `T`: answer the channel (needed only with option `n`). */
	async answer(): Promise<void> {
		await this.write({ type: 'answer' });
	}

	/** `L`: a NOTICE line in the Asterisk log. */
	async log(message: string): Promise<void> {
		await this.write({ type: 'log', message });
	}

	/** `D`: send DTMF on the channel. */
	async sendDtmf(digits: string, options: { intervalMs?: number; durationMs?: number } = {}): Promise<void> {
		await this.write({ type: 'sendDtmf', digits, ...options });
	}

	/** `E`: leave ExternalIVR; the dialplan continues. Resolves when the socket is closed. */
	exit(message?: string): Promise<IvrCloseInfo> {
		return this.end({ type: 'exit', message }, 'exit');
	}

	/** `H`: hang the call up. Resolves when the socket is closed. */
	hangup(message?: string): Promise<IvrCloseInfo> {
		return this.end({ type: 'hangup', message }, 'hangup');
	}

	/** Close the socket now, without a word. Asterisk hangs the call up ("Child process went away"). */
	destroy(reason: IvrCloseReason = 'destroyed'): void {
		this.closeReason ??= reason;
		this.socket.destroy();
	}

	private async end(command: IvrCommand, reason: IvrCloseReason): Promise<IvrCloseInfo> {
		if (this.status === 'ending' || this.status === 'closed') return this.closed;
		const data = serializeCommand(command);
		if (this.graceTimer !== undefined) clearTimeout(this.graceTimer);
		this.graceTimer = undefined;
		this.closeReason ??= reason;
		this.status = 'ending';
		this.failWaiting(new IvrClosedError(`the ExternalIVR session is ending (${reason})`));
		try {
			await this.writer.send(data);
			this.emit('command', data.toString('utf8', 0, data.length - 1));
			this.armCloseTimer();
		} catch {
			this.socket.destroy();
		}
		return this.closed;
	}

	private async request(command: IvrCommand, tag: 'params' | 'variables'): Promise<IvrEvent> {
		const data = serializeCommand(command);
		this.assertCanSend(command.type);
		const reply = this.replies.expect(tag, data.toString('utf8', 0, 1));
		const [event] = await Promise.all([reply, this.send(data)]);
		return event;
	}

	private async write(command: IvrCommand): Promise<void> {
		const data = serializeCommand(command);
		this.assertCanSend(command.type);
		await this.send(data);
	}

	private async send(data: Buffer): Promise<void> {
		await this.writer.send(data);
		this.emit('command', data.toString('utf8', 0, data.length - 1));
	}

	private assertCanSend(type: IvrCommandType): void {
		if (this.status === 'open') return;
		if (this.status === 'hungUp' && ALLOWED_AFTER_HANGUP.has(type)) return;
		if (this.status === 'hungUp' || this.closeReason === 'farHangup') throw new IvrHangupError();
		throw new IvrClosedError(`the ExternalIVR session is ${this.status === 'closed' ? 'closed' : 'ending'} (${this.closeReason ?? 'closed'})`);
	}

	private onData(chunk: Buffer): void {
		for (const item of this.reader.push(chunk)) {
			if (item.kind === 'overflow') {
				this.emit('warning', new Error(`dropped an event line of ${item.bytes} bytes (limit ${this.options.maxLineBytes})`));
				continue;
			}
			if (item.line === '') continue;
			this.onEvent(parseEvent(item.line));
		}
	}

	private onEvent(event: IvrEvent): void {
		this.emit('event', event);
		switch (event.type) {
			case 'dtmf':
				this.emit('dtmf', event.digit);
				if (this.collection?.accept(event.digit)) return;
				this.typeAhead.push(event.digit);
				if (this.typeAhead.length > this.options.maxTypeAheadDigits) this.typeAhead.shift();
				return;
			case 'finished':
			case 'stopped':
			case 'dropped':
			case 'failed': {
				const result = this.playlist.apply(event);
				if (result !== undefined) this.emit('playback', result);
				if (!this.playlist.active) this.collection?.playbackIdle();
				return;
			}
			case 'params':
			case 'variables':
				this.replies.deliver(event);
				return;
			case 'exit':
			case 'hangup':
				if (this.status === 'ending') this.socket.end();
				else if (event.type === 'hangup') this.onFarHangup(false);
				return;
			case 'inform':
				if (event.message === 'HANGUP') this.onFarHangup(true);
				return;
		}
	}

	private onFarHangup(informOnly: boolean): void {
		if (this.status !== 'open') return;
		this.closeReason = 'farHangup';
		const error = new IvrHangupError();
		this.failWaiting(error);
		if (informOnly) {
			// Option `i`: Asterisk keeps the channel and waits for our `E` or `H`.
			this.status = 'hungUp';
			this.graceTimer = setTimeout(() => {
				this.graceTimer = undefined;
				void this.end({ type: 'hangup', message: 'caller hung up' }, 'farHangup');
			}, this.options.hangupGraceMs);
		} else {
			// Asterisk has left its loop: nothing more will be read or answered.
			this.status = 'ending';
			this.replies.rejectAll(error);
			this.writer.close(error);
			this.armCloseTimer();
		}
		this.emit('hangup');
	}

	private onIdle(): void {
		if (this.status === 'open' || this.status === 'hungUp') {
			this.closeReason ??= 'idle';
			void this.end({ type: 'exit', message: 'idle timeout' }, 'idle');
		} else {
			this.socket.destroy();
		}
	}

	/** Reject what waits on the call itself (playback, digits); answers to `P`/`G` may still come. */
	private failWaiting(error: Error): void {
		this.collection?.cancel(error);
		this.collection = undefined;
		this.playlist.fail(error);
	}

	private armCloseTimer(): void {
		if (this.closeTimer !== undefined || this.status === 'closed') return;
		this.closeTimer = setTimeout(() => this.socket.destroy(), this.options.closeTimeoutMs);
	}

	private finalize(): void {
		if (this.status === 'closed') return;
		this.status = 'closed';
		for (const timer of [this.closeTimer, this.graceTimer]) if (timer !== undefined) clearTimeout(timer);
		this.closeTimer = this.graceTimer = undefined;
		const reason = this.closeReason ?? (this.socketError ? 'error' : 'socketClosed');
		this.closeReason = reason;
		const error = reason === 'farHangup' ? new IvrHangupError() : new IvrClosedError(`the ExternalIVR session is closed (${reason})`);
		this.failWaiting(error);
		this.replies.rejectAll(error);
		this.writer.close(error);
		this.reader.reset();
		const info: IvrCloseInfo = this.socketError ? { reason, error: this.socketError } : { reason };
		this.resolveClosed(info);
		this.emit('close', info);
	}
}
