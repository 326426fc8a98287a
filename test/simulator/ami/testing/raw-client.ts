/**
 * A bare AMI client for simulator tests: a raw socket, AmiParser, and helpers to send an action
 * and wait for messages. Deliberately not the project's client, so the simulator is tested on
 * its own.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { AmiMessage } from '../../../../nodes/Asterisk/core/ami/message';
import { AmiParser } from '../../../../nodes/Asterisk/core/ami/parser';

export class RawAmiClient {
	readonly messages: AmiMessage[] = [];
	banner: string | undefined;
	closed = false;
	readonly chunks: Buffer[] = [];
	private listeners = new Set<() => void>();
	private readonly parser: AmiParser;

	private constructor(readonly socket: Socket) {
		this.parser = new AmiParser(
			{ onMessage: (m) => this.messages.push(m), onBanner: (b) => (this.banner = b) },
			{ expectBanner: true },
		);
		socket.on('data', (chunk: Buffer) => {
			this.chunks.push(chunk);
			this.parser.parse(chunk);
			this.notify();
		});
		socket.on('error', () => undefined);
		socket.on('close', () => {
			this.closed = true;
			this.notify();
		});
	}

	static async connect(port: number): Promise<RawAmiClient> {
		const socket = connectTcp({ host: '127.0.0.1', port });
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		const client = new RawAmiClient(socket);
		await client.until(() => client.banner !== undefined);
		return client;
	}

	/** Connect and log in; resolves after the login response. */
	static async login(port: number, username = 'admin', secret = 'adminpw', extra: Array<[string, string]> = []): Promise<RawAmiClient> {
		const client = await RawAmiClient.connect(port);
		await client.action([['Action', 'Login'], ['Username', username], ['Secret', secret], ...extra, ['ActionID', 'login']]);
		return client;
	}

	private notify(): void {
		for (const listener of [...this.listeners]) listener();
	}

	/** Wait until `condition` holds (checked on every message and on close). */
	until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
		if (condition()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const check = (): void => {
				if (condition()) {
					finish();
					resolve();
				}
			};
			const timer = setTimeout(() => {
				finish();
				reject(new Error('timed out waiting for the simulator'));
			}, timeoutMs);
			const finish = (): void => {
				clearTimeout(timer);
				this.listeners.delete(check);
			};
			this.listeners.add(check);
		});
	}

	/** The first message (from `from` on) that `predicate` accepts, waiting for it if need be. */
	async next(predicate: (m: AmiMessage) => boolean, from = 0, timeoutMs = 3000): Promise<AmiMessage> {
		await this.until(() => this.messages.slice(from).some(predicate), timeoutMs);
		return this.messages.slice(from).find(predicate)!;
	}

	send(headers: Array<[string, string]>): void {
		this.socket.write(headers.map(([n, v]) => `${n}: ${v}\r\n`).join('') + '\r\n');
	}

	/** Send an action with an ActionID and resolve with its response. */
	async action(headers: Array<[string, string]>, timeoutMs = 3000): Promise<AmiMessage> {
		const id = headers.find(([n]) => n === 'ActionID')?.[1] ?? `id-${Math.random()}`;
		const withId = headers.some(([n]) => n === 'ActionID') ? headers : [...headers, ['ActionID', id] as [string, string]];
		const from = this.messages.length;
		this.send(withId);
		return this.next((m) => m.type === 'response' && m.actionId === id, from, timeoutMs);
	}

	events(name: string): AmiMessage[] {
		return this.messages.filter((m) => m.event === name);
	}

	close(): void {
		this.socket.destroy();
	}
}
