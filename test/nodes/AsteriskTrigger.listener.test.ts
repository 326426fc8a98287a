/**
 * The Asterisk Trigger against the AMI simulator: server-side Filter and its fallback, batching,
 * call summaries of scripted calls, "listen for test event", reconnects, a refused login, a clean close.
 */
import type { AmiUserConfig } from '../simulator/ami';
import { buildServerFilter } from '../../nodes/Asterisk/trigger';
import type { FilterRule } from '../../nodes/Asterisk/trigger';
import { readCallflowEvents } from '../trigger/callflow';
import { credentialsFor, startSimulator } from './harness';
import {
	activate,
	delay,
	event,
	listenOnce,
	listenerSettings,
	seqOf,
	seqs,
	sentinel,
	startListener,
	triggerNode,
	until,
	env,
	useSimulator,
} from './trigger-harness';

useSimulator();

describe('filter on the server', () => {
	it('sends the Filter patterns before turning events on, and Asterisk drops the rest', async () => {
		const before = env.simulator.received.length;
		const rules: FilterRule[] = [{ field: 'Cause', operation: 'equals', value: '17' }];
		const { listener, emitted } = startListener(env.simulator, listenerSettings({ filter: { events: ['Hangup'], rules } }));
		await listener.start();
		listener.arm('stream');
		try {
			const actions = env.simulator.received.slice(before);
			const plan = buildServerFilter({ events: ['Hangup'], rules });
			expect(plan.filters.length).toBeGreaterThan(0);
			expect(actions.map((a) => a.action)).toEqual(['Login', ...plan.filters.map(() => 'Filter'), 'Events']);
			expect(actions.filter((a) => a.action === 'Filter').map((a) => a.message.get('Filter'))).toEqual(plan.filters);
			for (let i = 0; i < 20; i++) env.simulator.emitEvent(event('Newchannel'));
			env.simulator.emitEvent(event('Hangup', { Cause: '16' }));
			env.simulator.emitEvent(event('Hangup', { Cause: '17' }));
			await until(() => emitted.length === 1);
			// Only the wanted Hangup crossed the wire.
			expect(listener.stats).toMatchObject({ received: 1, matched: 1, serverFilter: 'on' });
		} finally {
			await listener.stop();
		}
	});

	it('falls back to filtering here when Asterisk refuses Filter (no write = system), and says so', async () => {
		const { listener, emitted, logs } = startListener(env.simulator, listenerSettings(), 'limited');
		await listener.start();
		listener.arm('stream');
		try {
			expect(logs.join('\n')).toMatch(/refused the server-side event filter: the AMI user needs write = system/);
			for (let i = 0; i < 5; i++) env.simulator.emitEvent(event('Newchannel'));
			env.simulator.emitEvent(event('Hangup'));
			await until(() => emitted.length === 1);
			expect(listener.stats).toMatchObject({ received: 6, matched: 1, serverFilter: 'refused' });
		} finally {
			await listener.stop();
		}
	});

	it('through the node: the fallback is logged as a warning and events still flow', async () => {
		const active = await activate(env.simulator, { events: ['Hangup'], options: { serverFilter: true } }, credentialsFor(env.simulator, 'limited'));
		expect(active.logs.some((l) => l.level === 'warn' && /Filtering in n8n instead/.test(l.message))).toBe(true);
		env.simulator.emitEvent(event('Newchannel'));
		const hangup = event('Hangup');
		env.simulator.emitEvent(hangup);
		expect(seqs(await active.waitForItems(1))).toEqual([seqOf(hangup)]);
	});

	it('event classes: the mask is sent with Events, and other classes never arrive', async () => {
		const before = env.simulator.received.length;
		const active = await activate(env.simulator, { events: ['*'], options: { eventClasses: ['agent', 'user'] } });
		expect(env.simulator.received.slice(before).find((r) => r.action === 'Events')?.message.get('EventMask')).toBe('agent,user');
		env.simulator.emitEvent(event('Hangup'));
		const abandon = event('QueueCallerAbandon', { Queue: 'support' }, 'agent,all');
		env.simulator.emitEvent(abandon);
		env.simulator.emitEvent(sentinel());
		expect(seqs(await active.waitForItems(2))).toEqual([seqOf(abandon), expect.any(String)]);
	});
});

describe('batching', () => {
	it('collects up to N events into one execution, and flushes the rest after the window', async () => {
		const active = await activate(env.simulator, { events: ['Hangup'], options: { batchSize: 3, batchWindowMs: 150 } });
		const sent = Array.from({ length: 7 }, () => event('Hangup'));
		for (const headers of sent) env.simulator.emitEvent(headers);
		await active.waitForItems(6);
		expect(active.executions.map((e) => e.length)).toEqual([3, 3]);
		const started = Date.now();
		await active.waitForItems(7);
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);
		expect(active.executions.map((e) => e.length)).toEqual([3, 3, 1]);
		expect(seqs(active.items())).toEqual(sent.map(seqOf));
	});

	it('close flushes a partial batch', async () => {
		const active = await activate(env.simulator, { events: ['Hangup'], options: { batchSize: 10, batchWindowMs: 60_000 } });
		env.simulator.emitEvent(event('Hangup'));
		env.simulator.emitEvent(event('Hangup'));
		await until(() => env.simulator.sessions > 0);
		await delay(50);
		expect(active.executions).toHaveLength(0);
		await active.close();
		expect(active.executions.map((e) => e.length)).toEqual([2]);
	});
});

describe('call summary mode', () => {
	const FLOWS: Array<[string, string]> = [
		['c1_answered.txt', 'answered'],
		['c2_noanswer.txt', 'no answer'],
		['c3_busy.txt', 'busy'],
		['c5_queue_abandon.txt', 'abandoned'],
	];

	it('one item per finished call, replaying the real call flows', async () => {
		const active = await activate(env.simulator, { mode: 'callSummary', options: { callEndGraceMs: 20 } });
		const expected = new Map<string, string>();
		for (const [file, disposition] of FLOWS) {
			const events = readCallflowEvents(file);
			const linkedid = events.find((e) => e.message.event === 'Newchannel')?.message.get('Linkedid') ?? '';
			expected.set(linkedid, disposition);
			for (const { message } of events) env.simulator.emitEvent(message.headers);
		}
		const items = await active.waitForItems(FLOWS.length, 5000);
		expect(new Map(items.map((item) => [String(item.json.linkedid), String(item.json.disposition)]))).toEqual(expected);
		const abandon = items.find((item) => item.json.disposition === 'abandoned')!.json;
		expect(abandon).toMatchObject({ queue: 'sales', queueResult: 'abandoned', complete: true });
		await delay(50);
		expect(active.items()).toHaveLength(FLOWS.length);
	});

	it('a blind transfer: one summary naming the final party', async () => {
		const active = await activate(env.simulator, { mode: 'callSummary', options: { callEndGraceMs: 0 } });
		const chan = (prefix: string, channel: string, uid: string): Array<[string, string]> => [
			[`${prefix}Channel`, channel],
			[`${prefix}CallerIDNum`, prefix === '' ? '100' : '<unknown>'],
			[`${prefix}CallerIDName`, prefix === '' ? 'Alice' : '<unknown>'],
			[`${prefix}Uniqueid`, uid],
			[`${prefix}Linkedid`, 'T1'],
		];
		const send = (name: string, headers: Array<[string, string]>) => env.simulator.emitEvent([['Event', name], ['Privilege', 'call,all'], ...headers]);
		send('Newchannel', [...chan('', 'PJSIP/100-01', 'T1'), ['Exten', 's'], ['Context', 'default']]);
		send('DialBegin', [...chan('', 'PJSIP/100-01', 'T1'), ...chan('Dest', 'PJSIP/200-02', 'T1.2'), ['DialString', '200']]);
		send('DialEnd', [...chan('', 'PJSIP/100-01', 'T1'), ...chan('Dest', 'PJSIP/200-02', 'T1.2'), ['DialStatus', 'ANSWER']]);
		send('BlindTransfer', [
			['Result', 'Success'],
			['TransfererChannel', 'PJSIP/200-02'],
			['TransfererLinkedid', 'T1'],
			['TransfereeChannel', 'PJSIP/100-01'],
			['TransfereeLinkedid', 'T1'],
			['IsExternal', 'No'],
			['Context', 'from-internal'],
			['Extension', '300'],
		]);
		send('Hangup', [...chan('', 'PJSIP/200-02', 'T1.2'), ['Cause', '16']]);
		send('DialBegin', [...chan('', 'PJSIP/100-01', 'T1'), ...chan('Dest', 'PJSIP/300-03', 'T1.3'), ['DialString', '300']]);
		send('DialEnd', [...chan('', 'PJSIP/100-01', 'T1'), ...chan('Dest', 'PJSIP/300-03', 'T1.3'), ['DialStatus', 'ANSWER']]);
		send('Hangup', [...chan('', 'PJSIP/300-03', 'T1.3'), ['Cause', '16']]);
		send('Hangup', [...chan('', 'PJSIP/100-01', 'T1'), ['Cause', '16']]);
		const [item] = await active.waitForItems(1, 3000);
		expect(item.json).toMatchObject({
			linkedid: 'T1',
			disposition: 'answered',
			callerNumber: '100',
			calleeNumber: '200',
			finalCalleeChannel: 'PJSIP/300-03',
			transferred: true,
			transfers: [{ kind: 'blind', result: 'Success', target: '300@from-internal' }],
		});
	});

	it('server filter in summary mode keeps the events the tracker needs', async () => {
		const before = env.simulator.received.length;
		const active = await activate(env.simulator, { mode: 'callSummary', options: { callEndGraceMs: 20, serverFilter: true } });
		expect(env.simulator.received.slice(before).some((r) => r.action === 'Filter')).toBe(true);
		for (const { message } of readCallflowEvents('c3_busy.txt')) env.simulator.emitEvent(message.headers);
		const [item] = await active.waitForItems(1, 5000);
		expect(item.json).toMatchObject({ disposition: 'busy', dialStatus: 'BUSY' });
	});
});

describe('listen for test event', () => {
	it('emits the first matching event only, then nothing more', async () => {
		const test = await listenOnce(env.simulator, { events: ['Hangup'], options: { batchSize: 5, batchWindowMs: 10_000 } });
		env.simulator.emitEvent(event('Newchannel'));
		const first = event('Hangup', { Cause: '17' });
		env.simulator.emitEvent(first);
		env.simulator.emitEvent(event('Hangup'));
		const data = await test.firstEmit;
		expect(data).toHaveLength(1);
		expect(seqs(data[0])).toEqual([seqOf(first)]);
		env.simulator.emitEvent(event('Hangup'));
		await delay(50);
		expect(test.executions).toHaveLength(1);
		await test.close();
		expect(test.executions).toHaveLength(1);
	});

	it('events before "listen" is pressed are not emitted in manual mode', async () => {
		// trigger() alone in manual mode (manualTriggerFunction not called yet): nothing goes out.
		const { activateTrigger } = await import('../support/trigger-context');
		const active = await activateTrigger({ node: triggerNode, parameters: { events: ['Hangup'] }, credentials: credentialsFor(env.simulator), mode: 'manual' });
		try {
			env.simulator.emitEvent(event('Hangup'));
			await delay(50);
			expect(active.executions).toHaveLength(0);
		} finally {
			await active.close();
		}
	});
});

describe('connection', () => {
	it('reconnects after a drop, sets the session up again, and emits nothing twice', async () => {
		const before = env.simulator.received.length;
		const active = await activate(env.simulator, { events: ['Hangup'], options: { serverFilter: true } });
		const early = [event('Hangup'), event('Hangup')];
		for (const headers of early) env.simulator.emitEvent(headers);
		await active.waitForItems(2);
		env.simulator.dropConnections();
		await active.waitForLog(/reconnected to/, 5000);
		const late = [event('Newchannel'), event('Hangup'), event('Hangup')];
		for (const headers of late) env.simulator.emitEvent(headers);
		await active.waitForItems(4);
		await delay(50);
		expect(seqs(active.items())).toEqual([...early, late[1], late[2]].map(seqOf));
		const actions = env.simulator.received.slice(before).map((r) => r.action);
		expect(actions.filter((a) => a === 'Login')).toHaveLength(2);
		expect(actions.filter((a) => a === 'Events')).toHaveLength(2);
		expect(actions.filter((a) => a === 'Filter').length).toBeGreaterThanOrEqual(2);
		expect(active.logs.some((l) => l.level === 'warn' && /connection lost/.test(l.message))).toBe(true);
		expect(active.errors).toEqual([]);
	});

	it('a login refused on reconnect is reported through emitError', async () => {
		const users: Record<string, AmiUserConfig> = { admin: { secret: 'adminpw', read: 'all', write: 'all' } };
		const own = await startSimulator({ users });
		try {
			const active = await activate(own, { events: ['Hangup'] }, credentialsFor(own));
			users.admin = { ...users.admin, secret: 'changed' };
			own.dropConnections();
			const error = await active.waitForError(5000);
			expect(error.message).toMatch(/Authentication failed/);
			expect(error.message).not.toContain('adminpw');
			await active.close();
		} finally {
			await own.close();
		}
	});

	it('closeFunction logs off and leaves no session open', async () => {
		const before = env.simulator.received.length;
		const active = await activate(env.simulator, { mode: 'callSummary' });
		expect(env.simulator.loggedInSessions).toBe(1);
		await active.close();
		expect(env.simulator.received.slice(before).map((r) => r.action)).toContain('Logoff');
		await until(() => env.simulator.sessions === 0, 2000, 'sessions closed');
		await active.close();
	});
});

