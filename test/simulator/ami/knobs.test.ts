/**
 * The knobs client tests use to make life hard: split writes, dropped connections, a server
 * that stops reading, garbage, event floods, Asterisk's writetimeout, and the record of what
 * clients sent.
 */
import { BANNER, startAmiSimulator } from './index';
import { RawAmiClient } from './testing/raw-client';
import { closeAfterEach, closeLater, env, start } from './testing/fixture';

closeAfterEach();
afterEach(() => {
	expect(env.simulator.sessions).toBe(0);
});

test('splitWrites cuts every message into pieces that still parse to the same messages', async () => {
	const client = await start();
	for (const mode of [1, 3, 'random'] as const) {
		env.simulator.splitWrites = mode;
		const from = client.chunks.length;
		const response = await client.action([['Action', 'Ping'], ['ActionID', `p-${mode}`]]);
		expect(response.get('Ping')).toBe('Pong');
		const chunks = client.chunks.slice(from);
		expect(chunks.length).toBeGreaterThan(4);
		if (mode === 1) expect(Math.min(...chunks.map((c) => c.length))).toBe(1);
	}
	env.simulator.splitWrites = false;
	expect((await client.action([['Action', 'Ping']])).get('Ping')).toBe('Pong');
});

test('splitWrites from the start splits the banner too', async () => {
	env.simulator = await startAmiSimulator({ splitWrites: 2 });
	const client = await RawAmiClient.connect(env.simulator.port);
	closeLater(client);
	expect(`${client.banner}\r\n`).toBe(BANNER);
	expect(client.chunks.length).toBeGreaterThan(2);
});

test('dropConnections destroys every client socket; new connections still work', async () => {
	const first = await start();
	const second = await RawAmiClient.login(env.simulator.port, 'limited', 'limitedpw');
	closeLater(second);
	expect(env.simulator.sessions).toBe(2);
	expect(env.simulator.loggedInSessions).toBe(2);
	env.simulator.dropConnections();
	await Promise.all([first, second].map((c) => c.until(() => c.closed)));
	const again = await RawAmiClient.login(env.simulator.port);
	closeLater(again);
	expect(again.messages[0].get('Message')).toBe('Authentication accepted');
});

test('stopReading holds actions unanswered until resumeReading', async () => {
	const client = await start();
	env.simulator.stopReading();
	client.send([['Action', 'Ping'], ['ActionID', 'held']]);
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(client.messages.some((m) => m.actionId === 'held')).toBe(false);
	expect(env.simulator.receivedActions('Ping')).toHaveLength(0);
	env.simulator.resumeReading();
	await client.next((m) => m.actionId === 'held');
	expect(env.simulator.receivedActions('Ping')).toHaveLength(1);
});

test('sendGarbage writes raw bytes to every client', async () => {
	const client = await start();
	env.simulator.sendGarbage('Garbage line without colon\r\n\r\n');
	const junk = await client.next((m) => m.type === 'unknown');
	expect(junk.headers).toEqual([['', 'Garbage line without colon']]);
});

test('floodEvents sends every event, in order, to logged-in sessions only', async () => {
	const client = await start();
	const anonymous = await RawAmiClient.connect(env.simulator.port);
	closeLater(anonymous);
	await env.simulator.floodEvents({ count: 2000 });
	await client.until(() => client.events('VarSet').length === 2000, 10000);
	expect(client.events('VarSet').map((m) => Number(m.get('Value')))).toEqual([...Array(2000).keys()]);
	expect(anonymous.messages).toHaveLength(0);
	const started = Date.now();
	await env.simulator.floodEvents({ count: 20, ratePerSecond: 200, event: (i) => [['Event', 'Tick'], ['Privilege', 'call,all'], ['N', String(i)]] });
	expect(Date.now() - started).toBeGreaterThanOrEqual(80);
	await client.until(() => client.events('Tick').length === 20);
});

test('emitEvent pushes any event; received records every action with its session', async () => {
	const client = await start();
	const from = client.messages.length;
	env.simulator.emitEvent({ Event: 'Custom', Privilege: 'call,all', Foo: 'bar' });
	expect((await client.next((m) => m.event === 'Custom', from)).headers).toEqual([['Event', 'Custom'], ['Privilege', 'call,all'], ['Foo', 'bar']]);
	await client.action([['Action', 'Ping'], ['ActionID', 'r1']]);
	expect(env.simulator.received.map((r) => [r.session, r.action])).toEqual([[1, 'Login'], [1, 'Ping']]);
	expect(env.simulator.received[1].message.get('ActionID')).toBe('r1');
	const waiting = env.simulator.waitForAction((r) => r.action === 'Status');
	client.send([['Action', 'Status']]);
	expect((await waiting).session).toBe(1);
});

test('writeTimeoutMs disconnects a client that stops reading, as Asterisk does', async () => {
	const client = await start({ writeTimeoutMs: 100 });
	client.socket.pause();
	const big = [['Event', 'Big'], ['Privilege', 'call,all'], ['Data', 'x'.repeat(60000)]] as Array<[string, string]>;
	await env.simulator.floodEvents({ count: 2000, event: big });
	// The paused client hears nothing, so poll the env.simulator rather than wait on the client.
	const deadline = Date.now() + 5000;
	while (env.simulator.sessions > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
	expect(env.simulator.sessions).toBe(0);
	client.socket.resume();
	await client.until(() => client.closed, 5000);
});
