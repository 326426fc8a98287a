/**
 * AmiClient logging in: plain, MD5, refusals, and what a wrong peer looks like.
 */
import * as net from 'node:net';

import { client, rejection, actionsNamed, env, useSimulator } from './client-harness';

useSimulator();

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
		expect(env.simulator.received.some((entry) => entry.message.text.includes('adminpw'))).toBe(false);
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
