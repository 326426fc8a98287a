/**
 * AmiClient when the connection goes: no re-send, backoff, keepalive, close, TLS.
 */
import { type AmiError, ORIGINATE, exponentialBackoff } from '../../../nodes/Asterisk/core/ami';
import { startAmiSimulator } from '../../simulator/ami';
import { makeSelfSignedCertificate } from '../../support/tls-cert';
import { client, rejection, waitFor, actionsNamed, waitUntil, env, useSimulator } from './client-harness';

useSimulator();

describe('connection loss', () => {
	it('rejects every action in flight and re-sends none', async () => {
		// Calls that ring for a while: Asterisk has taken each Originate, none has completed.
		await env.simulator.close();
		env.simulator = await startAmiSimulator({ answerDelayMs: 10_000 });
		const ami = client({ reconnect: exponentialBackoff({ initialDelayMs: 20, random: () => 0 }) });
		await ami.connect();
		const inFlight = Array.from({ length: 5 }, (_, i) =>
			rejection(ami.action('Originate', { Channel: `PJSIP/20${i}`, Application: 'Wait', Data: '1', Async: 'true' }, { completion: ORIGINATE })),
		);
		await waitUntil(() => actionsNamed('Originate').length === 5);
		env.simulator.dropConnections();
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
		const port = env.simulator.port;
		await env.simulator.close();
		await waitUntil(() => delays.length >= 3);
		expect(delays.slice(0, 3)).toEqual([15, 30, 60]);
		env.simulator = await startAmiSimulator({ port, failedLoginDelayMs: 10, users: { admin: { secret: 'changed', read: 'all', write: 'all' } } });
		const failure = await waitFor<AmiError>(ami, 'reconnectFailed');
		expect(failure.code).toBe('AUTHENTICATION');
		expect(ami.status).toBe('closed');
	});

	it('does not take a Ping stuck behind a ringing synchronous Originate for a dead peer', async () => {
		await env.simulator.close();
		env.simulator = await startAmiSimulator({ answerDelayMs: 600 });
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
		env.simulator.stopReading();
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
		await waitUntil(() => env.simulator.sessions === 0);
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
