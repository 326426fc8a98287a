/**
 * AmiClient against the Asterisk simulator over real loopback sockets.
 */
import * as net from 'node:net';

import {
	AmiActionError,
	AmiClient,
	AmiError,
	AmiUnsafeActionError,
	ORIGINATE,
	exponentialBackoff,
	type AmiClientOptions,
	type AmiMessage,
} from '../../../nodes/Asterisk/core/ami';
import { startAmiSimulator, type AmiSimulator } from '../../simulator/ami';
import { makeSelfSignedCertificate } from '../../support/tls-cert';

let simulator: AmiSimulator;
const clients: AmiClient[] = [];

function client(options: Partial<AmiClientOptions> = {}, port = simulator.port): AmiClient {
	const created = new AmiClient({
		host: '127.0.0.1',
		port,
		username: 'admin',
		secret: 'adminpw',
		keepaliveIntervalMs: 0,
		connectTimeoutMs: 3000,
		...options,
	});
	clients.push(created);
	return created;
}

async function rejection(promise: Promise<unknown>): Promise<AmiError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AmiError) return error;
		throw error;
	}
	throw new Error('expected a rejection');
}

function waitFor<T>(emitter: AmiClient, name: 'ready' | 'disconnect' | 'reconnectFailed' | 'status'): Promise<T> {
	return new Promise((resolve) => emitter.once(name, (value?: unknown) => resolve(value as T)));
}

const actionsNamed = (name: string) => simulator.receivedActions(name);

beforeEach(async () => {
	simulator = await startAmiSimulator({ failedLoginDelayMs: 30 });
});

afterEach(async () => {
	await Promise.all(clients.splice(0).map((c) => c.close()));
	await simulator.close();
});

describe('login', () => {
	it('logs in with a plain secret and answers Ping', async () => {
		const ami = client();
		await ami.connect();
		expect(ami.status).toBe('ready');
		expect(ami.banner).toBe('Asterisk Call Manager/11.0.0');
		const { response } = await ami.action('Ping');
		expect(response.get('Ping')).toBe('Pong');
		const login = actionsNamed('Login')[0].message;
		expect(login.get('Secret')).toBe('adminpw');
		expect(login.get('Events')).toBe('on');
	});

	it('logs in with the MD5 challenge, never sending the secret', async () => {
		const ami = client({ authType: 'md5' });
		await ami.connect();
		expect(actionsNamed('Challenge')).toHaveLength(1);
		const login = actionsNamed('Login')[0].message;
		expect(login.get('AuthType')).toBe('MD5');
		expect(login.get('Key')).toMatch(/^[0-9a-f]{32}$/);
		expect(login.has('Secret')).toBe(false);
		expect(simulator.received.some((entry) => entry.message.text.includes('adminpw'))).toBe(false);
	});

	it('refuses a wrong secret with AUTHENTICATION, without the secret in the message', async () => {
		const ami = client({ secret: 'wrong-secret-xyz' });
		const error = await rejection(ami.connect());
		expect(error.code).toBe('AUTHENTICATION');
		expect(error.message).toContain('Authentication failed');
		expect(error.message).not.toContain('wrong-secret-xyz');
		expect(ami.status).toBe('closed');
	});

	it('refuses a wrong MD5 key with AUTHENTICATION', async () => {
		const error = await rejection(client({ authType: 'md5', secret: 'nope' }).connect());
		expect(error.code).toBe('AUTHENTICATION');
	});

	it('sends the event mask at login', async () => {
		const ami = client({ events: ['call', 'agent'] });
		await ami.connect();
		expect(actionsNamed('Login')[0].message.get('Events')).toBe('call,agent');
	});

	it('delivers the events that arrive with the login response, nothing lost', async () => {
		const ami = client();
		const seen: string[] = [];
		ami.subscribe((event) => {
			seen.push(event.event ?? '');
		});
		await ami.connect();
		await ami.action('Ping');
		expect(seen.slice(0, 2)).toEqual(['FullyBooted', 'SuccessfulAuth']);
	});

	it('loses nothing when the login response and the first events share one segment', async () => {
		// One write: banner, the login response and two events, as a busy Asterisk may send them.
		const server = net.createServer((socket) => {
			socket.write('Asterisk Call Manager/11.0.0\r\n');
			socket.once('data', (login) => {
				const actionId = /ActionID: (.*)\r\n/.exec(login.toString())?.[1] ?? '';
				socket.write(
					`Response: Success\r\nActionID: ${actionId}\r\nMessage: Authentication accepted\r\n\r\n` +
						'Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n' +
						'Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/200-00000001\r\n\r\n',
				);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const ami = client({ logoffTimeoutMs: 50 }, (server.address() as net.AddressInfo).port);
		try {
			const seen: string[] = [];
			ami.subscribe((event) => {
				seen.push(event.event ?? '');
			});
			await ami.connect();
			expect(seen).toEqual(['FullyBooted', 'Newchannel']);
		} finally {
			await ami.close();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('says so when the peer is not AMI', async () => {
		const server = net.createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const error = await rejection(client({}, (server.address() as net.AddressInfo).port).connect());
			expect(error.code).toBe('NOT_AMI');
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('says so when nothing listens', async () => {
		const server = net.createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as net.AddressInfo).port;
		await new Promise((resolve) => server.close(resolve));
		const error = await rejection(client({}, port).connect());
		expect(error.code).toBe('CONNECTION_REFUSED');
	});

	it('times out a server that never greets', async () => {
		const sockets: net.Socket[] = [];
		const server = net.createServer((socket) => sockets.push(socket));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const error = await rejection(client({ connectTimeoutMs: 150 }, (server.address() as net.AddressInfo).port).connect());
			expect(error.code).toBe('CONNECT_TIMEOUT');
		} finally {
			sockets.forEach((s) => s.destroy());
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('actions', () => {
	it('correlates 1 000 actions in flight', async () => {
		const ami = client({ events: 'off' });
		await ami.connect();
		const results = await Promise.all(
			Array.from({ length: 1000 }, (_, i) => ami.action('Setvar', { Variable: `V${i}`, Value: `value ${i}` })),
		);
		expect(results.every((r) => r.response.response === 'Success')).toBe(true);
		const reads = await Promise.all(Array.from({ length: 1000 }, (_, i) => ami.action('Getvar', { Variable: `V${i}` })));
		reads.forEach((r, i) => {
			expect(r.response.get('Variable')).toBe(`V${i}`);
			expect(r.response.get('Value')).toBe(`value ${i}`);
		});
		const ids = new Set(results.map((r) => r.actionId));
		expect(ids.size).toBe(1000);
		expect(ami.pendingCount).toBe(0);
	});

	it('rejects Response: Error with Asterisk\'s own message', async () => {
		const ami = client();
		await ami.connect();
		const error = await rejection(ami.action('NoSuchAction'));
		expect(error).toBeInstanceOf(AmiActionError);
		expect((error as AmiActionError).asteriskMessage).toMatch(/^Invalid\/unknown command: NoSuchAction/);
	});

	it('tells Permission denied apart', async () => {
		const ami = client({ username: 'limited', secret: 'limitedpw' });
		await ami.connect();
		const error = await rejection(ami.action('Command', { Command: 'core show version' }));
		expect(error.code).toBe('PERMISSION_DENIED');
		await expect(ami.action('Ping')).resolves.toBeDefined();
	});

	it('collects an event list until its Complete event', async () => {
		const ami = client();
		await ami.connect();
		await ami.action('QueueAdd', { Queue: 'support', Interface: 'Local/200@park-test', MemberName: 'Agent200' });
		const result = await ami.action('QueueStatus', { Queue: 'support' });
		expect(result.response.get('EventList')?.toLowerCase()).toBe('start');
		expect(result.events.map((e) => e.event)).toEqual(['QueueParams', 'QueueMember']);
		expect(result.events[1].get('Name')).toBe('Agent200');
		expect(result.complete?.event).toBe('QueueStatusComplete');
		expect(result.complete?.get('ListItems')).toBe('2');
	});

	it('does not hand list items to event subscribers', async () => {
		const ami = client();
		const seen: AmiMessage[] = [];
		ami.on('event', (event) => seen.push(event));
		await ami.connect();
		await ami.action('QueueStatus');
		expect(seen.filter((e) => e.event === 'QueueParams' || e.event === 'QueueStatusComplete')).toEqual([]);
	});

	it('follows an async Originate to its OriginateResponse', async () => {
		const ami = client();
		await ami.connect();
		const result = await ami.action(
			'Originate',
			{ Channel: 'Local/100@park-test', Application: 'Wait', Data: '1', Async: 'true', Variable: ['A=1', 'B=2'] },
			{ completion: ORIGINATE },
		);
		expect(result.response.get('Message')).toBe('Originate successfully queued');
		expect(result.complete?.event).toBe('OriginateResponse');
		expect(result.complete?.get('Response')).toBe('Success');
		expect(result.complete?.get('Reason')).toBe('4');
		const sent = actionsNamed('Originate')[0].message;
		expect(sent.getAll('Variable')).toEqual(['A=1', 'B=2']);
	});

	it('reports a failed async Originate in its OriginateResponse', async () => {
		const ami = client();
		await ami.connect();
		const result = await ami.action(
			'Originate',
			{ Channel: 'Bogus/xyz', Application: 'Wait', Data: '1', Async: 'true' },
			{ completion: ORIGINATE },
		);
		expect(result.complete?.get('Response')).toBe('Failure');
		expect(result.complete?.get('Reason')).toBe('0');
	});

	it('times out an action and keeps the connection', async () => {
		const ami = client();
		await ami.connect();
		simulator.stopReading();
		const error = await rejection(ami.action('Ping', undefined, { timeoutMs: 100 }));
		expect(error.code).toBe('ACTION_TIMEOUT');
		expect(error.message).toContain('Ping');
		simulator.resumeReading();
		expect(ami.status).toBe('ready');
		await expect(ami.action('Ping')).resolves.toBeDefined();
		expect(ami.pendingCount).toBe(0);
	});

	it('refuses an injection attempt before anything reaches the wire', async () => {
		const ami = client();
		await ami.connect();
		const before = simulator.received.length;
		const error = await rejection(ami.action('Setvar', { Variable: 'X', Value: '123\r\nAction: Command\r\nCommand: core stop now' }));
		expect(error).toBeInstanceOf(AmiUnsafeActionError);
		await ami.action('Ping');
		const after = simulator.received.slice(before).map((entry) => entry.message.get('Action'));
		expect(after).toEqual(['Ping']);
		expect(simulator.received.some((entry) => entry.message.get('Action') === 'Command')).toBe(false);
	});

	it('refuses a caller-supplied ActionID (the client owns correlation)', async () => {
		const ami = client();
		await ami.connect();
		const error = await rejection(ami.action('Ping', { ActionID: 'mine' }));
		expect(error).toBeInstanceOf(AmiUnsafeActionError);
	});

	it('reads Command output in both Asterisk formats alike', async () => {
		const modern = client();
		await modern.connect();
		const newer = await modern.action('Command', { Command: 'core show uptime' });
		expect(newer.response.getAll('Output')).toEqual([expect.stringMatching(/^System uptime: /), expect.stringMatching(/^Last reload: /)]);
		const legacySimulator = await startAmiSimulator({ commandFormat: 'follows' });
		try {
			const legacy = client({}, legacySimulator.port);
			await legacy.connect();
			const older = await legacy.action('Command', { Command: 'core show uptime' });
			expect(older.response.response).toBe('Follows');
			expect(older.response.getAll('Output')).toEqual([expect.stringMatching(/^System uptime: /), expect.stringMatching(/^Last reload: /)]);
			await legacy.close();
		} finally {
			await legacySimulator.close();
		}
	});
});

describe('events', () => {
	it('parses whatever way the simulator splits its writes', async () => {
		simulator.splitWrites = 'random';
		const ami = client();
		const seen: AmiMessage[] = [];
		ami.on('event', (event) => seen.push(event));
		await ami.connect();
		const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ami.action('Setvar', { Variable: `S${i}`, Value: 'é☎' })));
		expect(results).toHaveLength(50);
		expect(seen[0].event).toBe('FullyBooted');
	});

	it('drains the socket and counts drops when a consumer lags', async () => {
		const ami = client();
		let release: () => void = () => undefined;
		const blocked = new Promise<void>((resolve) => (release = resolve));
		let handled = 0;
		const subscription = ami.subscribe(
			async () => {
				handled++;
				await blocked;
			},
			{ maxQueued: 100 },
		);
		await ami.connect();
		simulator.floodEvents({ count: 5000 });
		await waitUntil(() => ami.stats.events >= 5002);
		expect(subscription.dropped).toBeGreaterThan(4000);
		expect(subscription.queued).toBe(100);
		expect(ami.status).toBe('ready');
		release();
		await waitUntil(() => subscription.queued === 0);
		expect(handled).toBe(101);
		expect(subscription.dropped + handled).toBe(ami.stats.events);
	});

	it('survives garbage and goes on', async () => {
		const ami = client();
		const errors: AmiError[] = [];
		ami.on('protocolError', (error) => errors.push(error));
		await ami.connect();
		simulator.sendGarbage(Buffer.from(`${'x'.repeat(70_000)}\r\n\r\n`));
		await expect(ami.action('Ping')).resolves.toBeDefined();
		expect(errors.map((e) => e.code)).toEqual(['PROTOCOL']);
	});
});

describe('connection loss', () => {
	it('rejects every action in flight and re-sends none', async () => {
		// Calls that ring for a while: Asterisk has taken each Originate, none has completed.
		await simulator.close();
		simulator = await startAmiSimulator({ answerDelayMs: 10_000 });
		const ami = client({ reconnect: exponentialBackoff({ initialDelayMs: 20, random: () => 0 }) });
		await ami.connect();
		const inFlight = Array.from({ length: 5 }, (_, i) =>
			rejection(ami.action('Originate', { Channel: `PJSIP/20${i}`, Application: 'Wait', Data: '1', Async: 'true' }, { completion: ORIGINATE })),
		);
		await waitUntil(() => actionsNamed('Originate').length === 5);
		simulator.dropConnections();
		const errors = await Promise.all(inFlight);
		expect(errors.map((e) => e.code)).toEqual(Array(5).fill('DISCONNECTED'));
		expect(errors[0].message).toMatch(/was lost before Originate completed; it was not re-sent/);
		await waitFor(ami, 'ready');
		await ami.action('Ping');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(actionsNamed('Originate')).toHaveLength(5);
		expect(actionsNamed('Login')).toHaveLength(2);
		expect(ami.stats.reconnects).toBe(1);
	});

	it('reconnects with backoff while Asterisk is away, then stops on a refused login', async () => {
		const ami = client({ reconnect: exponentialBackoff({ initialDelayMs: 20, maxDelayMs: 80, random: () => 0.5 }) });
		const delays: number[] = [];
		ami.on('reconnecting', (_attempt, delay) => delays.push(delay));
		await ami.connect();
		const port = simulator.port;
		await simulator.close();
		await waitUntil(() => delays.length >= 3);
		expect(delays.slice(0, 3)).toEqual([15, 30, 60]);
		simulator = await startAmiSimulator({ port, failedLoginDelayMs: 10, users: { admin: { secret: 'changed', read: 'all', write: 'all' } } });
		const failure = await waitFor<AmiError>(ami, 'reconnectFailed');
		expect(failure.code).toBe('AUTHENTICATION');
		expect(ami.status).toBe('closed');
	});

	it('does not take a Ping stuck behind a ringing synchronous Originate for a dead peer', async () => {
		await simulator.close();
		simulator = await startAmiSimulator({ answerDelayMs: 600 });
		const ami = client({ keepaliveIntervalMs: 50, keepaliveTimeoutMs: 100 });
		const lost: AmiError[] = [];
		ami.on('disconnect', (error) => lost.push(error));
		await ami.connect();
		// Without Async, Asterisk answers nothing else on this session until the call is answered.
		const result = await ami.action('Originate', { Channel: 'PJSIP/300', Application: 'Wait', Data: '1' }, { timeoutMs: 5000 });
		expect(result.response.get('Message')).toBe('Originate successfully queued');
		expect(actionsNamed('Ping').length).toBeGreaterThan(0);
		expect(lost).toEqual([]);
		expect(ami.status).toBe('ready');
	});

	it('notices a dead peer with the keepalive Ping', async () => {
		const ami = client({ keepaliveIntervalMs: 50, keepaliveTimeoutMs: 100 });
		await ami.connect();
		const lost = waitFor<AmiError>(ami, 'disconnect');
		simulator.stopReading();
		const error = await lost;
		expect(error.code).toBe('KEEPALIVE');
		expect(ami.status).toBe('closed');
	});
});

describe('close', () => {
	it('logs off and leaves no timers or sockets', async () => {
		const ami = client({ keepaliveIntervalMs: 20 });
		await ami.connect();
		await ami.close();
		expect(ami.status).toBe('closed');
		expect(actionsNamed('Logoff')).toHaveLength(1);
		await waitUntil(() => simulator.sessions === 0);
	});

	it('rejects an action sent after close', async () => {
		const ami = client();
		await ami.connect();
		await ami.close();
		expect((await rejection(ami.action('Ping'))).code).toBe('NOT_CONNECTED');
	});
});

describe('TLS', () => {
	it('logs in over TLS with the CA, and refuses an unknown certificate unless told to allow it', async () => {
		const certificate = makeSelfSignedCertificate();
		const secure = await startAmiSimulator({ tls: certificate });
		try {
			const trusted = client({ tls: { ca: certificate.cert } }, secure.port);
			await trusted.connect();
			await expect(trusted.action('Ping')).resolves.toBeDefined();
			await trusted.close();

			const untrusted = client({ tls: true }, secure.port);
			expect((await rejection(untrusted.connect())).code).toBe('TLS');

			const allowed = client({ tls: { allowSelfSigned: true } }, secure.port);
			await allowed.connect();
			await allowed.close();
		} finally {
			await secure.close();
		}
	});
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
