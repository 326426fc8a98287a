/**
 * Logged-in AMI connections shared by every execution of this process, one per credential
 * content (and event mask): many items and many executions ride one login.
 *
 * - A connection is leased while an execution uses it; when the last lease goes, an idle timer
 *   (unref'd: it never keeps the process alive) closes it after `idleMs`.
 * - A connection that is lost or fails to log in is forgotten at once; the next lease dials again.
 *   Nothing is ever re-sent (the core's rule).
 * - The key is a hash of what the connection was opened with, secret included, so edited
 *   credentials get a new connection and the old one idles out. The secret itself is not kept here.
 */
import { createHash } from 'node:crypto';

import { AmiClient, type AmiClientOptions } from '../core/ami';

export interface AmiLease {
	readonly client: AmiClient;
	/** Give the connection back; call once. */
	release(): void;
}

export interface AmiPoolOptions {
	/** Close a connection this long after its last lease ends (0 closes at once). Default 10 000 ms. */
	readonly idleMs?: number;
	/** How clients are made (tests, benchmarks). */
	readonly createClient?: (options: AmiClientOptions) => AmiClient;
}

interface PoolEntry {
	readonly key: string;
	readonly client: AmiClient;
	readonly ready: Promise<AmiClient>;
	leases: number;
	idleTimer: NodeJS.Timeout | undefined;
}

export const DEFAULT_IDLE_MS = 10_000;

/** The identity of a connection: everything that changes what it connects to or as whom. */
export function poolKey(options: AmiClientOptions): string {
	const tls = options.tls === undefined || options.tls === false ? false : options.tls === true ? {} : options.tls;
	const identity = JSON.stringify([
		options.host,
		options.port ?? null,
		options.username,
		options.secret,
		options.authType ?? 'plain',
		tls === false ? null : [typeof tls.ca === 'string' ? tls.ca : (tls.ca?.toString('utf8') ?? null), tls.allowSelfSigned === true, tls.servername ?? null],
		options.events ?? 'on',
		options.connectTimeoutMs ?? null,
	]);
	return createHash('sha256').update(identity).digest('hex');
}

export class AmiConnectionPool {
	idleMs: number;
	private readonly createClient: (options: AmiClientOptions) => AmiClient;
	private readonly entries = new Map<string, PoolEntry>();
	private readonly closing = new Set<Promise<void>>();

	constructor(options: AmiPoolOptions = {}) {
		this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
		this.createClient = options.createClient ?? ((clientOptions) => new AmiClient(clientOptions));
	}

	/** Connections open or opening. */
	get size(): number {
		return this.entries.size;
	}

	/** Lease a logged-in connection for these options, dialling only if none is open. */
	async acquire(options: AmiClientOptions): Promise<AmiLease> {
		const key = poolKey(options);
		let entry = this.entries.get(key);
		if (entry !== undefined && (entry.client.status === 'closing' || entry.client.status === 'closed')) {
			this.forget(entry);
			entry = undefined;
		}
		if (entry === undefined) entry = this.open(key, options);
		entry.leases++;
		this.stopIdleTimer(entry);
		const leased = entry;
		const client = await leased.ready.then(undefined, (error: unknown) => {
			leased.leases--;
			return Promise.reject(error);
		});
		let released = false;
		return {
			client,
			release: () => {
				if (released) return;
				released = true;
				this.release(leased);
			},
		};
	}

	/** Close every connection now (deactivation, shutdown, the end of a test). */
	async closeAll(): Promise<void> {
		const entries = [...this.entries.values()];
		for (const entry of entries) this.forget(entry);
		await Promise.all([...entries.map((entry) => this.closeClient(entry.client)), ...this.closing]);
	}

	private open(key: string, options: AmiClientOptions): PoolEntry {
		const client = this.createClient(options);
		const ready = client.connect().then(
			() => client,
			(error: unknown) => {
				const current = this.entries.get(key);
				if (current?.client === client) this.forget(current);
				throw error;
			},
		);
		// The first lease awaits `ready`; this keeps a failure from also being "unhandled".
		ready.catch(() => undefined);
		const entry: PoolEntry = { key, client, ready, leases: 0, idleTimer: undefined };
		client.on('status', (status) => {
			if (status !== 'closed' && status !== 'closing') return;
			const current = this.entries.get(key);
			if (current?.client === client) this.forget(current);
		});
		this.entries.set(key, entry);
		return entry;
	}

	private release(entry: PoolEntry): void {
		entry.leases = Math.max(0, entry.leases - 1);
		if (entry.leases > 0 || this.entries.get(entry.key) !== entry) return;
		if (this.idleMs <= 0) {
			this.forget(entry);
			void this.closeClient(entry.client);
			return;
		}
		this.stopIdleTimer(entry);
		entry.idleTimer = setTimeout(() => {
			entry.idleTimer = undefined;
			if (entry.leases > 0 || this.entries.get(entry.key) !== entry) return;
			this.forget(entry);
			void this.closeClient(entry.client);
		}, this.idleMs);
		entry.idleTimer.unref();
	}

	private forget(entry: PoolEntry): void {
		this.stopIdleTimer(entry);
		if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
	}

	private stopIdleTimer(entry: PoolEntry): void {
		if (entry.idleTimer !== undefined) clearTimeout(entry.idleTimer);
		entry.idleTimer = undefined;
	}

	private closeClient(client: AmiClient): Promise<void> {
		const closing = client.close().catch(() => undefined);
		this.closing.add(closing);
		void closing.finally(() => this.closing.delete(closing));
		return closing;
	}
}

/** The process-wide pool every Asterisk node execution uses. */
export const amiPool = new AmiConnectionPool();
