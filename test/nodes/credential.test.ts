/** The asteriskAmiApi credential test: connect, log in, Ping; failures in the user's words. */
import { createServer, type Server, type Socket } from 'node:net';

import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { AsteriskAmiApi } from '../../credentials/AsteriskAmiApi.credentials';
import { asteriskAmiApiTest } from '../../nodes/Asterisk/methods/credentialTest';
import type { AmiSimulator } from '../simulator/ami';
import { makeSelfSignedCertificate } from '../support/tls-cert';
import { credentialsFor, node, startSimulator } from './harness';

const context = {} as ICredentialTestFunctions;

async function test_(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	return await asteriskAmiApiTest.call(context, { id: 'c1', name: 'Asterisk', type: 'asteriskAmiApi', data });
}

/** A TCP server that does something else than AMI (or nothing at all). */
async function fakeServer(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
	const sockets = new Set<Socket>();
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		onConnection(socket);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	return { server, port: typeof address === 'object' && address !== null ? address.port : 0, sockets };
}

async function closeServer(fake: { server: Server; sockets: Set<Socket> }): Promise<void> {
	for (const socket of fake.sockets) socket.destroy();
	await new Promise<void>((resolve) => fake.server.close(() => resolve()));
}

describe('credential asteriskAmiApi', () => {
	let simulator: AmiSimulator;

	beforeAll(async () => {
		simulator = await startSimulator();
	});

	afterAll(async () => {
		await simulator.close();
	});

	test('the node declares it, tested by asteriskAmiApiTest', () => {
		expect(node.description.credentials).toEqual([{ name: 'asteriskAmiApi', required: true, testedBy: 'asteriskAmiApiTest' }]);
		expect(node.methods.credentialTest.asteriskAmiApiTest).toBe(asteriskAmiApiTest);
		const credential = new AsteriskAmiApi();
		expect(credential.name).toBe('asteriskAmiApi');
		expect(credential.properties.find((property) => property.name === 'secret')?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((property) => property.name === 'port')?.default).toBe(5038);
	});

	test('OK: plain login and Ping, and the connection is closed afterwards', async () => {
		const result = await test_(credentialsFor(simulator));
		expect(result.status).toBe('OK');
		expect(result.message).toContain('Asterisk Call Manager/11.0.0');
		expect(simulator.receivedActions('Ping').length).toBeGreaterThan(0);
		await waitFor(() => simulator.sessions === 0);
	});

	test('OK: MD5 challenge login (the secret never crosses the network)', async () => {
		const before = simulator.receivedActions('Challenge').length;
		const result = await test_(credentialsFor(simulator, 'admin', { authType: 'md5' }));
		expect(result.status).toBe('OK');
		expect(simulator.receivedActions('Challenge').length).toBe(before + 1);
		const login = simulator.receivedActions('Login').at(-1);
		expect(login?.message.get('Secret')).toBeUndefined();
		expect(login?.message.get('Key')).toMatch(/^[0-9a-f]{32}$/);
	});

	test('authentication failed, without the secret in the message', async () => {
		const result = await test_(credentialsFor(simulator, 'admin', { secret: 'wrong-secret-123' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Authentication failed: /);
		expect(result.message).toContain('"admin"');
		expect(result.message).not.toContain('wrong-secret-123');
	});

	test('connection refused', async () => {
		const fake = await fakeServer(() => undefined);
		await closeServer(fake);
		const result = await test_({ ...credentialsFor(simulator), port: fake.port });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Connection refused: /);
		expect(result.message).toContain('manager.conf');
	});

	test('timed out: a server that never greets', async () => {
		const fake = await fakeServer(() => undefined);
		try {
			const result = await test_({ ...credentialsFor(simulator), port: fake.port, connectTimeout: 150 });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Connection timed out: /);
			expect(result.message).toContain('150 ms');
		} finally {
			await closeServer(fake);
		}
	});

	test('not an AMI server', async () => {
		const fake = await fakeServer((socket) => socket.write('SSH-2.0-OpenSSH_9.2\r\n'));
		try {
			const result = await test_({ ...credentialsFor(simulator), port: fake.port });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Not an AMI server: /);
		} finally {
			await closeServer(fake);
		}
	});

	test('an empty host is reported without dialling', async () => {
		expect(await test_({ ...credentialsFor(simulator), host: '  ' })).toEqual({ status: 'Error', message: 'The host is empty' });
	});

	describe('TLS', () => {
		const certificate = makeSelfSignedCertificate();
		let tlsSimulator: AmiSimulator;

		beforeAll(async () => {
			tlsSimulator = await startSimulator({ tls: certificate });
		});

		afterAll(async () => {
			await tlsSimulator.close();
		});

		test('a self-signed certificate is a TLS error unless allowed', async () => {
			const refused = await test_(credentialsFor(tlsSimulator, 'admin', { tls: true }));
			expect(refused.status).toBe('Error');
			expect(refused.message).toMatch(/^TLS error: /);
			const allowed = await test_(credentialsFor(tlsSimulator, 'admin', { tls: true, allowSelfSigned: true }));
			expect(allowed.status).toBe('OK');
		});

		test('a CA certificate makes it trusted', async () => {
			const result = await test_(credentialsFor(tlsSimulator, 'admin', { tls: true, ca: certificate.cert }));
			expect(result).toMatchObject({ status: 'OK' });
		});

		test('TLS to a plain AMI port fails clearly', async () => {
			const result = await test_(credentialsFor(simulator, 'admin', { tls: true, allowSelfSigned: true, connectTimeout: 500 }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^TLS error: .*is this the plain AMI port \(5038\)/);
			expect(result.message).not.toContain('adminpw');
		});
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
