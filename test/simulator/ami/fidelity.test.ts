/**
 * The simulator against real Asterisk 22.10.1: each test replays the client side of a capture
 * over a real socket and compares what comes back with what Asterisk sent, message for message
 * and header for header (order included), with run-dependent values (times, pointers, ports,
 * Uniqueids, channel numbers) checked for their format and then set aside.
 */
import { createHash } from 'node:crypto';
import { readTranscript } from '../../support/transcripts';
import { makeSelfSignedCertificate } from '../../support/tls-cert';
import { type AmiSimulator, type AmiSimulatorOptions, startAmiSimulator } from './index';
import { normaliseAll, sortedForMultiset } from './testing/normalise';
import { canonicalBytes, parseServerBytes, replay, type ReplayOptions, type ReplayResult } from './testing/replay';

let simulator: AmiSimulator | undefined;

afterEach(async () => {
	await simulator?.close();
	simulator = undefined;
});

interface Run {
	expected: ReturnType<typeof parseServerBytes>;
	received: ReplayResult;
}

async function run(name: string, options: AmiSimulatorOptions = {}, replayOptions: Partial<ReplayOptions> = {}): Promise<Run> {
	simulator = await startAmiSimulator({ failedLoginDelayMs: 20, timeScale: 0.01, ...options });
	const transcript = readTranscript(name);
	const received = await replay(transcript, { port: simulator.port, ...replayOptions });
	return { expected: parseServerBytes(transcript.serverBytes), received };
}

function expectSameStream({ expected, received }: Run): void {
	expect(received.banner).toBe(expected.banner);
	expect(normaliseAll(received.messages)).toEqual(normaliseAll(expected.messages));
	// Byte for byte: CRLF line ends, `Name: value`, one blank line per message, as Asterisk.
	expect(received.raw.toString('utf8')).toBe(canonicalBytes(received));
}

/** The a3 capture's Key was computed from that run's challenge: compute it from ours. */
function md5Rewrite(secret: string): ReplayOptions['rewrite'] {
	return (message, received) => {
		const challenge = received.map((m) => m.get('Challenge')).find((c) => c !== undefined);
		if (challenge === undefined || !message.includes('AuthType: MD5\r\nUsername')) return message;
		const key = createHash('md5').update(challenge + secret).digest('hex');
		return message.replace(/Key: [0-9a-f]+/, `Key: ${key}`);
	};
}

describe('AMI simulator replays the real Asterisk captures', () => {
	test('a1: plain login, FullyBooted + SuccessfulAuth, Ping, Logoff closes', async () => {
		const result = await run('a1_login');
		expectSameStream(result);
		expect(result.received.closedByServer).toBe(true);
	});

	test('a2: wrong secret answers after the failed-login pause, then closes', async () => {
		const result = await run('a2_badsecret', { failedLoginDelayMs: 150 });
		expectSameStream(result);
		expect(result.received.receivedAt[0] - result.received.sentAt[0]).toBeGreaterThanOrEqual(140);
		expect(result.received.closedByServer).toBe(true);
	});

	test('a2b: unknown user fails the same way', async () => {
		const result = await run('a2b_nouser');
		expectSameStream(result);
		expect(result.received.closedByServer).toBe(true);
	});

	test('a2c: actions before Login get Permission denied and the socket stays open', async () => {
		const result = await run('a2c_noauth');
		expectSameStream(result);
		expect(result.received.closedByServer).toBe(false);
	});

	test('a3: MD5 challenge login', async () => {
		const result = await run('a3_md5', {}, { rewrite: md5Rewrite('adminpw') });
		expectSameStream(result);
	});

	test('a3b: MD5 login with a wrong key fails', async () => {
		const result = await run('a3b_md5_bad');
		expectSameStream(result);
		expect(result.received.closedByServer).toBe(true);
	});

	test('a4: read=call write=call user: no system events, Permission denied for Command and Originate', async () => {
		expectSameStream(await run('a4_limited'));
	});

	test('a5: the same login over TLS', async () => {
		const tls = makeSelfSignedCertificate();
		expectSameStream(await run('a5_tls_login', { tls }, { tls: true }));
	});

	test('b1: async Originate: queued, then OriginateResponse with the ActionID, and the captured events', async () => {
		const { expected, received } = await run('b1_originate');
		const pick = (messages: typeof received.messages) =>
			normaliseAll(messages).filter((m) => m[0][0] === 'Response' || m.some(([, v]) => v === 'OriginateResponse'));
		expect(pick(received.messages)).toEqual(pick(expected.messages));
		// Every captured event, each byte for byte; only their interleaving is Asterisk's threads'.
		expect(sortedForMultiset(normaliseAll(received.messages))).toEqual(sortedForMultiset(normaliseAll(expected.messages)));
	});

	test('b2: synchronous Originate answers only with the outcome', async () => {
		expectSameStream(await run('b2_originate_sync'));
	});

	test('b3: async Originate to a missing extension fails with Reason 0', async () => {
		expectSameStream(await run('b3_originate_fail_async'));
	});

	test('c_vars: global Setvar/Getvar, functions and error cases', async () => {
		expectSameStream(await run('c_vars'));
	});

	test('c2: channel Setvar/Getvar on a live Local channel, CoreShowChannels, Hangup', async () => {
		// Real time here: CoreShowChannels must catch ;2 still in Answer(), as the capture did.
		const result = await run('c2_chanvars', { timeScale: 1 }, {
			rewrite: (message, received) => {
				const live = received.map((m) => m.get('Channel')).find((c) => c?.endsWith(';2'));
				return live === undefined ? message : message.replace(/Local\/100@park-test-[0-9a-f]{8};2/g, live);
			},
		});
		expectSameStream(result);
	});

	test('d_queue: QueueAdd/Status/Summary/Pause/Remove with their events', async () => {
		expectSameStream(await run('d_queue'));
	});

	test('e_command: Command output as Output headers', async () => {
		const loginTime = Math.floor(Date.now() / 1000) - 2;
		const result = await run('e_command', {
			callsProcessed: 3,
			queues: [{ name: 'support', members: [{ interface: 'Local/200@park-test', name: 'Agent200', membership: 'dynamic', loginTime }] }],
		});
		expectSameStream(result);
	});

	test('g_misc: UserEvent, Filter on an Originate to echo, Events off/on', async () => {
		expectSameStream(await run('g_misc'));
	});
});
