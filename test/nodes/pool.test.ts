/** The connection pool: reuse across executions, idle close, eviction of lost connections, closeAll. */
import { AmiClient } from '../../nodes/Asterisk/core/ami';
import { clientOptions, readCredentials } from '../../nodes/Asterisk/transport/connect';
import { AmiConnectionPool, amiPool, poolKey } from '../../nodes/Asterisk/transport/pool';
import type { AmiSimulator } from '../simulator/ami';
import { credentialsFor, run, startSimulator, tearDown } from './harness';

let simulator: AmiSimulator;

beforeEach(async () => {
	simulator = await startSimulator();
});

afterEach(async () => {
	amiPool.idleMs = 10_000;
	await tearDown(simulator);
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('connection pool', () => {
	test('executions share one login; concurrent executions too', async () => {
		await Promise.all([
			run(simulator, { resource: 'system', operation: 'ping' }),
			run(simulator, { resource: 'system', operation: 'ping' }),
			run(simulator, { resource: 'variable', operation: 'get', variable: 'X' }),
		]);
		await run(simulator, { resource: 'system', operation: 'ping' });
		expect(simulator.receivedActions('Login')).toHaveLength(1);
		expect(amiPool.size).toBe(1);
	});

	test('different credentials get their own connection', async () => {
		await run(simulator, { resource: 'system', operation: 'ping' });
		await run(simulator, { resource: 'system', operation: 'ping' }, { credentials: credentialsFor(simulator, 'limited') });
		expect(simulator.receivedActions('Login').map((login) => login.message.get('Username'))).toEqual(['admin', 'limited']);
		expect(amiPool.size).toBe(2);
	});

	test('the key hashes the secret: it is not readable from the key', () => {
		const options = clientOptions(readCredentials(credentialsFor(simulator)));
		const key = poolKey(options);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(poolKey({ ...options, secret: 'other' })).not.toBe(key);
		expect(poolKey({ ...options, actionTimeoutMs: 1 })).toBe(key);
	});

	test('an idle connection is closed after idleMs, with Logoff', async () => {
		amiPool.idleMs = 30;
		await run(simulator, { resource: 'system', operation: 'ping' });
		expect(simulator.sessions).toBe(1);
		await waitFor(() => simulator.sessions === 0);
		expect(simulator.receivedActions('Logoff')).toHaveLength(1);
		expect(amiPool.size).toBe(0);
		// The next execution dials again.
		await run(simulator, { resource: 'system', operation: 'ping' });
		expect(simulator.receivedActions('Login')).toHaveLength(2);
	});

	test('idleMs 0 closes the connection at the end of each execution', async () => {
		amiPool.idleMs = 0;
		await run(simulator, { resource: 'system', operation: 'ping' });
		await waitFor(() => simulator.sessions === 0);
		expect(amiPool.size).toBe(0);
	});

	test('a connection Asterisk drops is forgotten, and the next execution logs in again', async () => {
		await run(simulator, { resource: 'system', operation: 'ping' });
		simulator.dropConnections();
		await waitFor(() => amiPool.size === 0);
		const output = await run(simulator, { resource: 'system', operation: 'ping' });
		expect(output[0].json.Ping).toBe('Pong');
		expect(simulator.receivedActions('Login')).toHaveLength(2);
	});

	test('a failed login is not pooled; every item carries it with continueOnFail', async () => {
		const credentials = { ...credentialsFor(simulator), secret: 'nope-nope' };
		const output = await run(simulator, { resource: 'system', operation: 'ping' }, { credentials, continueOnFail: true, itemCount: 2 });
		expect(output).toEqual([
			{ json: expect.objectContaining({ error: 'Authentication failed (Asterisk AMI)', code: 'AUTHENTICATION' }), pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ error: 'Authentication failed (Asterisk AMI)' }), pairedItem: { item: 1 } },
		]);
		expect(JSON.stringify(output)).not.toContain('nope-nope');
		expect(amiPool.size).toBe(0);
		await expect(run(simulator, { resource: 'system', operation: 'ping' }, { credentials })).rejects.toThrow('Authentication failed (Asterisk AMI)');
	});

	test('closeAll closes everything, also while a connection is still logging in', async () => {
		const pool = new AmiConnectionPool({ idleMs: 60_000 });
		const options = clientOptions(readCredentials(credentialsFor(simulator)));
		const lease = await pool.acquire(options);
		expect(lease.client).toBeInstanceOf(AmiClient);
		lease.release();
		const connecting = pool.acquire({ ...options, username: 'limited', secret: 'limitedpw' }).then(
			(late) => {
				late.release();
				return 'leased';
			},
			(error: Error) => error.message,
		);
		await pool.closeAll();
		expect(await connecting).toBe('the client was closed while connecting');
		await pool.closeAll();
		expect(pool.size).toBe(0);
		await waitFor(() => simulator.sessions === 0);
	});

	test('a lease released twice counts once', async () => {
		const pool = new AmiConnectionPool({ idleMs: 0 });
		const options = clientOptions(readCredentials(credentialsFor(simulator)));
		const first = await pool.acquire(options);
		const second = await pool.acquire(options);
		first.release();
		first.release();
		expect(pool.size).toBe(1);
		second.release();
		expect(pool.size).toBe(0);
		await pool.closeAll();
	});
});
