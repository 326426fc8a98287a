/**
 * The TCP listener that Asterisk's `ExternalIVR(ivr://host:port(...))` connects to.
 *
 * Asterisk is the client and speaks first of nothing, so the listener decides on the peer
 * address alone: a peer outside the allowlist is closed at once (Asterisk hangs that call up),
 * and a peer over `maxSessions` gets `E,too many sessions` so that its dialplan can go on to a
 * fallback. Every accepted connection becomes an IvrSession, announced by a `session` event.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { Allowlist, LOOPBACK_ONLY, unmapIpv4 } from './allowlist';
import { serializeCommand } from './codec';
import { IvrError } from './errors';
import { IvrSession } from './session';
import type { IvrSessionOptions } from './session-types';
import { TypedEmitter } from './typed-emitter';

export const DEFAULT_EIVR_PORT = 2949;

export interface IvrServerOptions {
	/** Address to listen on. Default `127.0.0.1`; `0.0.0.0` or `::` when Asterisk is elsewhere. */
	readonly host?: string;
	/** Default 2949, ExternalIVR's own default; 0 picks a free port. */
	readonly port?: number;
	/** Exact addresses or CIDR ranges allowed to connect (`*` = everyone). Default: loopback only. */
	readonly allow?: readonly string[];
	/** Calls served at once. Default 100. */
	readonly maxSessions?: number;
	/** A session with no traffic either way for this long is sent `E`. Default 300000 ms; 0 = never. */
	readonly idleTimeoutMs?: number;
	/** How long `close()` lets live calls take their `E` before their sockets are destroyed. Default 3000 ms. */
	readonly closeTimeoutMs?: number;
	/** Options of every session (pacing, timeouts). */
	readonly session?: Omit<IvrSessionOptions, 'idleTimeoutMs'>;
}

export type IvrRefusalReason = 'notAllowed' | 'tooManySessions' | 'closing';

export type IvrServerEvents = {
	session: [IvrSession];
	refused: [{ remoteAddress: string; reason: IvrRefusalReason }];
	/** A problem that does not stop the listener. */
	warning: [Error];
};

export class IvrServer extends TypedEmitter<IvrServerEvents> {
	private readonly server: Server;
	private readonly allowlist: Allowlist;
	private readonly liveSessions = new Set<IvrSession>();
	private readonly sockets = new Set<Socket>();
	private closing: Promise<void> | undefined;
	private readonly settings: {
		host: string;
		port: number;
		maxSessions: number;
		idleTimeoutMs: number;
		closeTimeoutMs: number;
		session: IvrSessionOptions;
	};

	/** Throws a RangeError for an unreadable allowlist entry or option. */
	constructor(options: IvrServerOptions = {}) {
		super();
		this.settings = {
			host: options.host ?? '127.0.0.1',
			port: options.port ?? DEFAULT_EIVR_PORT,
			maxSessions: options.maxSessions ?? 100,
			idleTimeoutMs: options.idleTimeoutMs ?? 300_000,
			closeTimeoutMs: options.closeTimeoutMs ?? 3000,
			session: options.session ?? {},
		};
		if (!Number.isInteger(this.settings.port) || this.settings.port < 0 || this.settings.port > 65535) {
			throw new RangeError('port must be a whole number from 0 to 65535');
		}
		if (!Number.isInteger(this.settings.maxSessions) || this.settings.maxSessions < 1) {
			throw new RangeError('maxSessions must be a whole number of at least 1');
		}
		this.allowlist = new Allowlist(options.allow ?? LOOPBACK_ONLY);
		this.server = createServer((socket) => this.onConnection(socket));
		this.server.on('error', (error) => this.emit('warning', error));
	}

	/** Start listening; resolves with the bound address (the port, when 0 was asked). */
	listen(): Promise<AddressInfo> {
		return new Promise<AddressInfo>((resolve, reject) => {
			const onError = (error: Error): void => {
				reject(new IvrError('LISTEN', `cannot listen on ${this.settings.host}:${this.settings.port}: ${error.message}`, { cause: error }));
			};
			this.server.once('error', onError);
			this.server.listen(this.settings.port, this.settings.host, () => {
				this.server.off('error', onError);
				resolve(this.server.address() as AddressInfo);
			});
		});
	}

	address(): AddressInfo | undefined {
		const address = this.server.address();
		return address !== null && typeof address === 'object' ? address : undefined;
	}

	get sessions(): ReadonlySet<IvrSession> {
		return this.liveSessions;
	}

	/**
	 * Stop listening, send `E,server closing` to every live call (their dialplans continue),
	 * destroy what is still open after `closeTimeoutMs`. Resolves when every socket is closed.
	 */
	close(): Promise<void> {
		this.closing ??= this.shutdown();
		return this.closing;
	}

	private async shutdown(): Promise<void> {
		const stopped = new Promise<void>((resolve) => {
			if (!this.server.listening) return resolve();
			this.server.close(() => resolve());
		});
		const sessions = [...this.liveSessions].map((session) => session.exit('server closing').then(() => undefined));
		const timer = setTimeout(() => {
			for (const socket of this.sockets) socket.destroy();
		}, this.settings.closeTimeoutMs);
		try {
			await Promise.all([...sessions, stopped]);
		} finally {
			clearTimeout(timer);
		}
	}

	private onConnection(socket: Socket): void {
		const remoteAddress = unmapIpv4(socket.remoteAddress ?? '');
		if (!this.allowlist.allows(remoteAddress)) {
			socket.destroy();
			this.emit('refused', { remoteAddress, reason: 'notAllowed' });
			return;
		}
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		if (this.closing !== undefined || this.liveSessions.size >= this.settings.maxSessions) {
			// One write, then our FIN: Asterisk reads `E` and continues the dialplan. Its answer is
			// read and thrown away (an unread socket never sees the peer's FIN and never closes).
			socket.on('error', () => undefined);
			socket.resume();
			socket.setTimeout(this.settings.closeTimeoutMs, () => socket.destroy());
			socket.end(serializeCommand({ type: 'exit', message: this.closing ? 'server closing' : 'too many sessions' }));
			this.emit('refused', { remoteAddress, reason: this.closing ? 'closing' : 'tooManySessions' });
			return;
		}
		const session = new IvrSession(socket, { ...this.settings.session, idleTimeoutMs: this.settings.idleTimeoutMs });
		this.liveSessions.add(session);
		void session.closed.then(() => this.liveSessions.delete(session));
		this.emit('session', session);
	}
}
