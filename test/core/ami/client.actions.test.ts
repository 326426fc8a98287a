/**
 * AmiClient actions and events: correlation, errors, lists, Originate, injection, drains.
 */
import { AmiActionError, type AmiError, AmiUnsafeActionError, ORIGINATE, type AmiMessage } from '../../../nodes/Asterisk/core/ami';
import { startAmiSimulator } from '../../simulator/ami';
import { client, rejection, actionsNamed, waitUntil, env, useSimulator } from './client-harness';

useSimulator();

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
		env.simulator.stopReading();
		const error = await rejection(ami.action('Ping', undefined, { timeoutMs: 100 }));
		expect(error.code).toBe('ACTION_TIMEOUT');
		expect(error.message).toContain('Ping');
		env.simulator.resumeReading();
		expect(ami.status).toBe('ready');
		await expect(ami.action('Ping')).resolves.toBeDefined();
		expect(ami.pendingCount).toBe(0);
	});

	it('refuses an injection attempt before anything reaches the wire', async () => {
		const ami = client();
		await ami.connect();
		const before = env.simulator.received.length;
		const error = await rejection(ami.action('Setvar', { Variable: 'X', Value: '123\r\nAction: Command\r\nCommand: core stop now' }));
		expect(error).toBeInstanceOf(AmiUnsafeActionError);
		await ami.action('Ping');
		const after = env.simulator.received.slice(before).map((entry) => entry.message.get('Action'));
		expect(after).toEqual(['Ping']);
		expect(env.simulator.received.some((entry) => entry.message.get('Action') === 'Command')).toBe(false);
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
	it('parses whatever way the env.simulator splits its writes', async () => {
		env.simulator.splitWrites = 'random';
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
		env.simulator.floodEvents({ count: 5000 });
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
		env.simulator.sendGarbage(Buffer.from(`${'x'.repeat(70_000)}\r\n\r\n`));
		await expect(ami.action('Ping')).resolves.toBeDefined();
		expect(errors.map((e) => e.code)).toEqual(['PROTOCOL']);
	});
});
