/**
 * AmiSimulator: a loopback AMI server that behaves like the Asterisk 22 of the captures, plus
 * the knobs tests need to make a client's life hard (split writes, dropped connections, a
 * server that stops reading, garbage, event floods) and to watch what the client sent.
 */
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { AmiMessage } from '../../../nodes/Asterisk/core/ami/message';
import { buildActions } from './actions';
import { DEFAULT_QUEUES, DEFAULT_USERS } from './defaults';
import { formatMessage } from './format';
import { eventCategory } from './permissions';
import { Pbx } from './pbx';
import { QueueRegistry } from './queues';
import { type ActionHandler, AmiSession, type SessionHost } from './session';
import type { AmiSimulatorOptions, Headers, OriginateOutcome, SplitWrites } from './types';
import { EventFlood, type FloodOptions } from './flood';

export interface ReceivedAction {
	/** Which connection sent it (1, 2, … in connection order). */
	session: number;
	/** The `Action:` value as sent. */
	action: string;
	message: AmiMessage;
	at: number;
}

export class AmiSimulator implements SessionHost {
	readonly pbx: Pbx;
	readonly queues: QueueRegistry;
	/** Every message a client sent, parsed, in arrival order (before login checks). */
	readonly received: ReceivedAction[] = [];
	/** Split every outgoing message: a chunk size in bytes, `'random'`, or false. */
	splitWrites: SplitWrites;
	readonly writeTimeoutMs: number | undefined;
	readingStopped = false;

	private readonly server: Server;
	private readonly actions: Map<string, ActionHandler>;
	private readonly open = new Set<AmiSession>();
	private readonly floods = new Set<EventFlood>();
	private readonly waiters = new Set<() => void>();
	private nextSessionId = 1;
	private listeningPort = 0;

	constructor(readonly options: AmiSimulatorOptions = {}) {
		this.pbx = new Pbx(options);
		this.queues = new QueueRegistry(this.pbx, options.queues ?? DEFAULT_QUEUES);
		this.splitWrites = options.splitWrites ?? false;
		this.writeTimeoutMs = options.writeTimeoutMs;
		this.actions = buildActions(
			{ users: options.users ?? DEFAULT_USERS, failedLoginDelayMs: options.failedLoginDelayMs ?? 1000, localPort: () => this.port },
			this.queues,
			{
				commandFormat: options.commandFormat ?? 'output',
				mailboxes: options.mailboxes ?? {},
				atxferFeatureCode: options.atxferFeatureCode ?? '',
			},
		);
		const transport = options.tls === undefined ? 'TCP' : 'TLS';
		const accept = (socket: Socket): void => this.accept(socket, transport);
		this.server =
			options.tls === undefined
				? createTcpServer(accept)
				: createTlsServer({ key: options.tls.key, cert: options.tls.cert }, accept);
	}

	get port(): number {
		return this.listeningPort;
	}

	get host(): string {
		return this.options.host ?? '127.0.0.1';
	}

	/** Open connections. */
	get sessions(): number {
		return this.open.size;
	}

	/** Connections that have logged in. */
	get loggedInSessions(): number {
		return [...this.open].filter((s) => s.authenticated).length;
	}

	async listen(): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port ?? 0, this.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const address = this.server.address();
		this.listeningPort = typeof address === 'object' && address !== null ? address.port : 0;
	}

	/** Close every session and the server; no timer or socket is left behind. */
	async close(): Promise<void> {
		for (const flood of this.floods) flood.stop();
		this.floods.clear();
		this.pbx.stop();
		for (const wake of this.waiters) wake();
		const closing = [...this.open].map(
			(session) => new Promise<void>((resolve) => (session.closed ? resolve() : session.socket.once('close', () => resolve()))),
		);
		for (const session of this.open) session.destroy();
		await Promise.all([...closing, new Promise<void>((resolve) => this.server.close(() => resolve()))]);
		this.open.clear();
	}

	/** Destroy every client socket at once, as a crashed or restarted Asterisk would. */
	dropConnections(): void {
		for (const session of this.open) session.destroy();
	}

	/** Stop reading what clients send (their actions pile up in socket buffers). */
	stopReading(): void {
		this.readingStopped = true;
		for (const session of this.open) session.socket.pause();
	}

	resumeReading(): void {
		this.readingStopped = false;
		for (const session of this.open) session.socket.resume();
	}

	/** Write raw bytes to every connected client. */
	sendGarbage(bytes: string | Buffer): void {
		for (const session of this.open) session.write(bytes);
	}

	/**
	 * Push any event to the logged-in sessions, subject to their event masks and filters. The
	 * class is the first word of `Privilege` (an event without one only needs events on).
	 */
	emitEvent(headers: Headers | Record<string, string>): void {
		const pairs: Headers = Array.isArray(headers) ? headers : Object.entries(headers);
		const name = pairs.find(([n]) => n.toLowerCase() === 'event')?.[1] ?? '';
		const privilegeValue = pairs.find(([n]) => n.toLowerCase() === 'privilege')?.[1];
		this.pbx.emitText(name, eventCategory(privilegeValue), formatMessage(pairs));
	}

	/** Send `count` events to every logged-in session, as fast as possible or at a rate. */
	floodEvents(options: FloodOptions): Promise<void> {
		const flood = new EventFlood(options, (headers) => this.emitEvent(headers));
		this.floods.add(flood);
		return flood.run().finally(() => this.floods.delete(flood));
	}

	/** Choose what an Originate to this exact channel does (undefined: default behaviour). */
	setOriginateOutcome(channel: string, outcome: OriginateOutcome | undefined): void {
		if (outcome === undefined) this.pbx.outcomes.delete(channel);
		else this.pbx.outcomes.set(channel, outcome);
	}

	/** Publish a device state (func_devstate's `Custom:…`, a phone's PJSIP/…): DeviceStateChange if it changed. */
	setDeviceState(device: string, state: string): void {
		this.pbx.setDeviceState(device, state);
	}

	/** Actions received so far, optionally only those named `action` (case-insensitive). */
	receivedActions(action?: string): ReceivedAction[] {
		return action === undefined ? [...this.received] : this.received.filter((r) => r.action.toLowerCase() === action.toLowerCase());
	}

	/** Resolves with the first received action (past or future) that `predicate` accepts. */
	waitForAction(predicate: (received: ReceivedAction) => boolean, timeoutMs = 5000): Promise<ReceivedAction> {
		const found = this.received.find(predicate);
		if (found !== undefined) return Promise.resolve(found);
		return new Promise((resolve, reject) => {
			const check = (): void => {
				const hit = this.received.find(predicate);
				if (hit === undefined) return;
				done();
				resolve(hit);
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`no matching action within ${timeoutMs} ms`));
			}, timeoutMs);
			const wake = (): void => {
				done();
				reject(new Error('simulator closed'));
			};
			const done = (): void => {
				clearTimeout(timer);
				this.actionListeners.delete(check);
				this.waiters.delete(wake);
			};
			this.actionListeners.add(check);
			this.waiters.add(wake);
		});
	}

	private readonly actionListeners = new Set<() => void>();

	// SessionHost

	currentSplitWrites(): SplitWrites {
		return this.splitWrites;
	}

	findAction(name: string): ActionHandler | undefined {
		return this.actions.get(name);
	}

	recordAction(session: AmiSession, message: AmiMessage): void {
		this.received.push({ session: session.id, action: message.get('Action') ?? '', message, at: Date.now() });
		for (const listener of [...this.actionListeners]) listener();
	}

	private accept(socket: Socket, transport: 'TCP' | 'TLS'): void {
		socket.setNoDelay(true);
		const session = new AmiSession(this.nextSessionId++, socket, this, transport);
		this.open.add(session);
		socket.on('close', () => this.open.delete(session));
	}
}

/** Start a simulator on 127.0.0.1 and a free port (unless told otherwise). */
export async function startAmiSimulator(options: AmiSimulatorOptions = {}): Promise<AmiSimulator> {
	const simulator = new AmiSimulator(options);
	await simulator.listen();
	return simulator;
}
