/**
 * AmiClient: one AMI session. It owns the socket, the status, the ActionID table and every timer.
 *
 * - Reads without pause: Asterisk disconnects a client that stops reading, so slow consumers get
 *   bounded queues of their own (AmiSubscription), never backpressure on the socket.
 * - Any number of actions in flight, correlated by ActionID, each with its own timeout.
 * - A lost connection rejects every action in flight and never re-sends one: a re-sent
 *   Originate dials twice. Reconnecting is a policy (RetryStrategy); it stops on a refused login.
 */
import { EventEmitter } from 'node:events';
import type * as net from 'node:net';

import { ActionIdAllocator } from './action-id';
import { RESPONSE, type AmiCompletion } from './completion';
import { AmiError, AmiUnsafeActionError, type AmiProtocolError } from './errors';
import { AmiSubscription, type AmiEventHandler, type AmiSubscriptionOptions } from './event-queue';
import { login } from './login';
import type { AmiMessage } from './message';
import { Keepalive } from './keepalive';
import type { AmiClientOptions } from './options';
import { AmiParser } from './parser';
import { PendingActions, type AmiActionResult } from './pending';
import { exponentialBackoff, type RetryStrategy } from './retry';
import { headerPairs, serializeAction, type AmiHeaders } from './serializer';
import { openSocket, portOf, usesTls } from './socket';
import { describeSocketError } from './socket-errors';

export type AmiClientStatus = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'closed';

export interface AmiClientEvents {
	/** Every event not consumed by an action in flight (list items, OriginateResponse). */
	event: [event: AmiMessage];
	status: [status: AmiClientStatus];
	/** Logged in: after connect() and after each reconnect. */
	ready: [];
	/** The connection was lost; every action in flight was rejected. */
	disconnect: [error: AmiError];
	reconnecting: [attempt: number, delayMs: number];
	/** Reconnecting stopped: the policy gave up or the login was refused. */
	reconnectFailed: [error: AmiError];
	/** The peer sent something the parser would not hold; the connection goes on. */
	protocolError: [error: AmiProtocolError];
}

export interface AmiActionOptions {
	/** Overrides the client's actionTimeoutMs for this action. */
	timeoutMs?: number;
	/** How the action ends (default: at its response, or its event list's end). */
	completion?: AmiCompletion;
}

export interface AmiClientStats {
	events: number;
	protocolErrors: number;
	reconnects: number;
}

interface Handshake {
	fail(error: AmiError): void;
	onBanner(): void;
}

export class AmiClient extends EventEmitter<AmiClientEvents> {
	/** The banner of the current connection (`Asterisk Call Manager/11.0.0`). */
	banner: string | undefined;
	readonly stats: AmiClientStats = { events: 0, protocolErrors: 0, reconnects: 0 };

	private readonly options: AmiClientOptions;
	private readonly retryStrategy: RetryStrategy | undefined;
	private readonly ids = new ActionIdAllocator();
	private readonly pending = new PendingActions();
	private readonly subscriptions = new Set<AmiSubscription>();
	private readonly parser: AmiParser;
	private currentStatus: AmiClientStatus = 'idle';
	private socket: net.Socket | undefined;
	private handshake: Handshake | undefined;
	private corked = false;
	private readonly keepalive: Keepalive;
	private reconnectTimer: NodeJS.Timeout | undefined;
	private attempt = 0;
	/** When bytes last arrived: a busy line needs no keepalive Ping. */
	private lastDataAt = 0;
	private closing: Promise<void> | undefined;

	constructor(options: AmiClientOptions) {
		super();
		this.options = options;
		this.retryStrategy =
			options.reconnect === true ? exponentialBackoff() : options.reconnect === false ? undefined : options.reconnect;
		this.keepalive = new Keepalive(
			{
				lastDataAt: () => this.lastDataAt,
				actionsInFlight: () => this.pending.size,
				ping: (timeoutMs) => this.send('Ping', undefined, { timeoutMs }),
				dead: (timeoutMs) =>
					this.socket?.destroy(new AmiError('KEEPALIVE', `Asterisk at ${this.address} did not answer a keepalive Ping within ${timeoutMs} ms`)),
			},
			options.keepaliveIntervalMs ?? 30_000,
			options.keepaliveTimeoutMs ?? 10_000,
		);
		this.parser = new AmiParser(
			{
				onBanner: (banner) => this.onBanner(banner),
				onMessage: (message) => this.onMessage(message),
				onError: (error) => this.onProtocolError(error),
			},
			{ expectBanner: true, maxLineBytes: options.maxLineBytes, maxMessageBytes: options.maxMessageBytes },
		);
	}

	get status(): AmiClientStatus {
		return this.currentStatus;
	}

	/** Actions sent and not yet completed. */
	get pendingCount(): number {
		return this.pending.size;
	}

	/** Where this client connects, for messages: `host:port` (never the credentials). */
	get address(): string {
		return `${this.options.host}:${portOf(this.options)}`;
	}

	/** Connect and log in. Subscribe first to see the events that come with the login. */
	async connect(): Promise<void> {
		if (this.currentStatus !== 'idle' && this.currentStatus !== 'closed') {
			throw new AmiError('CONNECTION', `connect() called while the client is ${this.currentStatus}`);
		}
		this.closing = undefined;
		this.setStatus('connecting');
		try {
			await this.openConnection();
		} catch (error) {
			if (this.status === 'connecting') this.setStatus('closed');
			throw error;
		}
		this.becomeReady();
	}

	/**
	 * Send an action and wait for it to complete. Rejects with AmiUnsafeActionError before
	 * anything is written if a header cannot be sent safely, AmiActionError when Asterisk says
	 * `Response: Error`, and AmiError (`ACTION_TIMEOUT`, `DISCONNECTED`, `NOT_CONNECTED`).
	 */
	action(action: string, headers?: AmiHeaders, options: AmiActionOptions = {}): Promise<AmiActionResult> {
		if (this.currentStatus !== 'ready') {
			return Promise.reject(
				new AmiError('NOT_CONNECTED', `cannot send ${action}: the connection to ${this.address} is ${this.currentStatus}`),
			);
		}
		return this.send(action, headers, options);
	}

	/**
	 * Receive events through a queue of the consumer's own: an async handler gets one event at a
	 * time; while it is busy, at most `maxQueued` wait and older ones are dropped and counted.
	 */
	subscribe(handler: AmiEventHandler, options: AmiSubscriptionOptions = {}): AmiSubscription {
		const subscription = new AmiSubscription(handler, options, (closed) => this.subscriptions.delete(closed));
		this.subscriptions.add(subscription);
		return subscription;
	}

	/** Log off (waiting briefly for Goodbye), close the socket, and leave no timer behind. */
	close(): Promise<void> {
		if (this.closing !== undefined) return this.closing;
		this.closing = this.shutDown();
		return this.closing;
	}

	private async shutDown(): Promise<void> {
		this.clearTimers();
		const wasReady = this.currentStatus === 'ready';
		if (this.currentStatus === 'idle' || this.currentStatus === 'closed') {
			this.setStatus('closed');
			return;
		}
		this.setStatus('closing');
		this.handshake?.fail(new AmiError('CLOSED', 'the client was closed while connecting'));
		if (wasReady) {
			await this.send('Logoff', undefined, { timeoutMs: this.options.logoffTimeoutMs ?? 1_000 }).catch(() => undefined);
		}
		await this.endSocket();
		this.pending.rejectAll((action) => new AmiError('CLOSED', `the client was closed before ${action} completed`));
		this.setStatus('closed');
	}

	private send(action: string, headers: AmiHeaders | undefined, options: AmiActionOptions): Promise<AmiActionResult> {
		const socket = this.socket;
		if (socket === undefined || socket.destroyed) {
			return Promise.reject(new AmiError('NOT_CONNECTED', `cannot send ${action}: not connected to ${this.address}`));
		}
		const actionId = this.ids.next();
		let bytes: Buffer;
		try {
			if (headerPairs(headers).some(([name]) => name.toLowerCase() === 'actionid')) {
				throw new AmiUnsafeActionError('ActionID', 'the client sets ActionID itself, to match the response');
			}
			bytes = serializeAction(action, headers, actionId);
		} catch (error) {
			return Promise.reject(error);
		}
		const timeoutMs = options.timeoutMs ?? this.options.actionTimeoutMs ?? 10_000;
		const result = this.pending.add(action, actionId, options.completion ?? RESPONSE, timeoutMs);
		this.write(socket, bytes);
		return result;
	}

	/** Coalesce the actions of one tick into as few segments as possible. */
	private write(socket: net.Socket, bytes: Buffer): void {
		if (!this.corked) {
			this.corked = true;
			socket.cork();
			process.nextTick(() => {
				this.corked = false;
				socket.uncork();
			});
		}
		socket.write(bytes);
	}

	private openConnection(): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const socket = openSocket(this.options);
			this.socket = socket;
			this.banner = undefined;
			this.parser.reset(true);
			let settled = false;
			const timeoutMs = this.options.connectTimeoutMs ?? 10_000;
			const timer = setTimeout(() => {
				handshake.fail(
					new AmiError('CONNECT_TIMEOUT', `no AMI login at ${this.address} within ${timeoutMs} ms (is the host reachable and the port AMI's?)`),
				);
			}, timeoutMs);
			const handshake: Handshake = {
				fail: (error) => {
					if (settled) return;
					settled = true;
					clearTimeout(timer);
					this.handshake = undefined;
					socket.destroy();
					reject(error);
				},
				onBanner: () => {
					login((action, headers) => this.send(action, headers, { timeoutMs: 0 }), {
						username: this.options.username,
						secret: this.options.secret,
						authType: this.options.authType ?? 'plain',
						events: this.options.events ?? 'on',
					}).then(
						() => {
							if (settled) return;
							settled = true;
							clearTimeout(timer);
							this.handshake = undefined;
							resolve();
						},
						(error: unknown) => handshake.fail(error instanceof AmiError ? error : new AmiError('PROTOCOL', String(error))),
					);
				},
			};
			this.handshake = handshake;
			let socketError: unknown;
			socket.on('data', (chunk: Buffer) => {
				if (this.socket !== socket) return;
				this.lastDataAt = Date.now();
				this.parser.parse(chunk);
			});
			socket.on('error', (error) => {
				socketError = error;
			});
			socket.on('close', () => {
				if (this.socket !== socket) return;
				const error =
					socketError instanceof AmiError
						? socketError
						: socketError !== undefined
							? describeSocketError(socketError, `Asterisk at ${this.address}`, usesTls(this.options))
							: new AmiError('DISCONNECTED', `Asterisk at ${this.address} closed the connection`);
				this.onSocketClosed(error);
			});
		});
	}

	private onBanner(banner: string): void {
		this.banner = banner;
		this.handshake?.onBanner();
	}

	private onMessage(message: AmiMessage): void {
		const type = message.type;
		if (type === 'event') {
			if (this.pending.isCollecting && this.pending.handleEvent(message)) return;
			this.deliver(message);
			return;
		}
		if (type === 'response') this.pending.handleResponse(message);
	}

	private deliver(event: AmiMessage): void {
		this.stats.events++;
		this.emit('event', event);
		for (const subscription of this.subscriptions) subscription.push(event);
	}

	private onProtocolError(error: AmiProtocolError): void {
		this.stats.protocolErrors++;
		if (error.violation === 'NOT_AMI' && this.handshake !== undefined) {
			this.handshake.fail(error);
			return;
		}
		this.emit('protocolError', error);
	}

	private onSocketClosed(error: AmiError): void {
		this.socket = undefined;
		this.keepalive.stop();
		this.handshake?.fail(error);
		this.pending.rejectAll(
			(action) => new AmiError('DISCONNECTED', `the connection to ${this.address} was lost before ${action} completed; it was not re-sent`, { cause: error }),
		);
		if (this.currentStatus !== 'ready') return;
		this.emit('disconnect', error);
		if (this.retryStrategy === undefined) {
			this.setStatus('closed');
			return;
		}
		this.attempt = 0;
		this.scheduleReconnect();
	}

	private scheduleReconnect(): void {
		const delay = this.retryStrategy?.(this.attempt) ?? null;
		if (delay === null) {
			this.setStatus('closed');
			this.emit('reconnectFailed', new AmiError('DISCONNECTED', `gave up reconnecting to ${this.address} after ${this.attempt} attempts`));
			return;
		}
		this.setStatus('reconnecting');
		this.emit('reconnecting', this.attempt + 1, delay);
		this.reconnectTimer = setTimeout(() => {
			this.reconnectTimer = undefined;
			this.openConnection().then(
				() => {
					this.stats.reconnects++;
					this.becomeReady();
				},
				(error: AmiError) => {
					if (this.currentStatus !== 'reconnecting') return;
					if (error.code === 'AUTHENTICATION') {
						this.setStatus('closed');
						this.emit('reconnectFailed', error);
						return;
					}
					this.attempt++;
					this.scheduleReconnect();
				},
			);
		}, delay);
	}

	private becomeReady(): void {
		if (this.currentStatus !== 'connecting' && this.currentStatus !== 'reconnecting') return;
		this.attempt = 0;
		this.setStatus('ready');
		this.keepalive.start();
		this.emit('ready');
	}

	private clearTimers(): void {
		this.keepalive.stop();
		if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
		this.reconnectTimer = undefined;
	}

	private endSocket(): Promise<void> {
		const socket = this.socket;
		if (socket === undefined || socket.destroyed) return Promise.resolve();
		return new Promise<void>((resolve) => {
			const force = setTimeout(() => socket.destroy(), 1_000);
			socket.once('close', () => {
				clearTimeout(force);
				resolve();
			});
			socket.end();
		});
	}

	private setStatus(status: AmiClientStatus): void {
		if (this.currentStatus === status) return;
		this.currentStatus = status;
		this.emit('status', status);
	}
}
