/**
 * The Asterisk Trigger against the AMI simulator, as n8n runs it: activation, event selection
 * and every header filter (with and without server-side Filter), one item per event, the description.
 */
import { credentialsFor, startSimulator } from './harness';
import {
	activate,
	delay,
	event,
	seqOf,
	seqs,
	triggerNode,
	until,
	env,
	useSimulator,
} from './trigger-harness';

useSimulator();

describe('activation', () => {
	it('fails with a clear message when the login is refused, and never shows the secret', async () => {
		const credentials = credentialsFor(env.simulator, 'admin', { secret: 'wrong-secret-123' });
		const attempt = activate(env.simulator, { events: ['Hangup'] }, credentials);
		await expect(attempt).rejects.toThrow('Authentication failed');
		const error = (await attempt.then(
			() => new Error('activated'),
			(e: unknown) => e as Error,
		)) as Error & { description?: string };
		expect(`${error.message} ${error.description ?? ''}`).not.toContain('wrong-secret-123');
		await until(() => env.simulator.sessions === 0, 2000, 'no session left');
	});

	it('fails when nothing listens on the port', async () => {
		const other = await startSimulator();
		const port = other.port;
		await other.close();
		const credentials = { ...credentialsFor(env.simulator), port };
		await expect(activate(env.simulator, {}, credentials)).rejects.toThrow('Connection refused');
	});

	it('fails on an invalid regular expression, naming the rule', async () => {
		const parameters = { headerFilters: { rules: [{ field: 'Cause', comparison: 'regex', value: '(' }] } };
		await expect(activate(env.simulator, parameters)).rejects.toThrow(/Header rule 1 \(Cause\): invalid regular expression/);
		expect(env.simulator.sessions).toBe(0);
	});

	it('logs in with events off, then turns them on: Login, Events', async () => {
		const before = env.simulator.received.length;
		await activate(env.simulator, { events: ['Hangup'] });
		const actions = env.simulator.received.slice(before).map((r) => r.action);
		expect(actions).toEqual(['Login', 'Events']);
		const login = env.simulator.received[before].message;
		expect(login.get('Events')).toBe('off');
		expect(env.simulator.received[before + 1].message.get('EventMask')).toBe('on');
	});
});

describe('events: one item per event', () => {
	it('emits the selected events with headers as sent, repeated headers as arrays, ChanVariable gathered', async () => {
		const active = await activate(env.simulator, { events: ['Hangup'] });
		env.simulator.emitEvent(event('Newchannel', { Channel: 'PJSIP/100-01' }));
		env.simulator.emitEvent([
			['Event', 'Hangup'],
			['Privilege', 'call,all'],
			['Channel', 'PJSIP/100-01'],
			['Cause', '16'],
			['Cause-txt', 'Normal Clearing'],
			['ChanVariable', 'CRM_ID=42'],
			['ChanVariable', 'NOTE=a=b'],
			['Extra', 'one'],
			['Extra', 'two'],
		]);
		const [item] = await active.waitForItems(1);
		expect(active.executions).toHaveLength(1);
		expect(item.json).toEqual({
			Event: 'Hangup',
			Privilege: 'call,all',
			Channel: 'PJSIP/100-01',
			Cause: '16',
			'Cause-txt': 'Normal Clearing',
			ChanVariable: { CRM_ID: '42', NOTE: 'a=b' },
			Extra: ['one', 'two'],
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
	});

	it('custom names and case: Hangup from the list, MyEvent typed in as "myevent"', async () => {
		const active = await activate(env.simulator, { events: ['Hangup'], customEvents: 'myevent, ' });
		const sent = [event('Newchannel'), event('Hangup'), event('DialBegin'), event('MyEvent'), event('Hangup')];
		for (const headers of sent) env.simulator.emitEvent(headers);
		const items = await active.waitForItems(3);
		expect(seqs(items)).toEqual([seqOf(sent[1]), seqOf(sent[3]), seqOf(sent[4])]);
	});

	it('[All Events] (and an empty selection) lets every event through', async () => {
		for (const events of [['*'], []]) {
			const active = await activate(env.simulator, { events });
			const sent = [event('Newchannel'), event('Whatever'), event('Hangup')];
			for (const headers of sent) env.simulator.emitEvent(headers);
			expect(seqs(await active.waitForItems(3))).toEqual(sent.map(seqOf));
			await active.close();
		}
	});
});

interface FilterCase {
	name: string;
	parameters: Record<string, unknown>;
	/** [headers of a Hangup, passes?]; the last one passes (it marks the end). */
	events: Array<[Record<string, string>, boolean]>;
}

const rule = (field: string, comparison: string, value = '', ignoreCase = false) => ({ field, comparison, value, ignoreCase });

const FILTER_CASES: FilterCase[] = [
	{
		name: 'equals',
		parameters: { headerFilters: { rules: [rule('Cause', 'equals', '17')] } },
		events: [[{ Cause: '16' }, false], [{ Cause: '170' }, false], [{ Cause: '17' }, true]],
	},
	{
		name: 'not equals (a missing header passes)',
		parameters: { headerFilters: { rules: [rule('Cause', 'notEquals', '16')] } },
		events: [[{ Cause: '16' }, false], [{}, true], [{ Cause: '17' }, true]],
	},
	{
		name: 'contains',
		parameters: { headerFilters: { rules: [rule('Channel', 'contains', 'alice')] } },
		events: [[{ Channel: 'PJSIP/bob-01' }, false], [{ Channel: 'PJSIP/Alice-02' }, false], [{ Channel: 'PJSIP/alice-03' }, true]],
	},
	{
		name: 'starts with',
		parameters: { headerFilters: { rules: [rule('Channel', 'startsWith', 'PJSIP/1')] } },
		events: [[{ Channel: 'SIP/100-01' }, false], [{ Channel: 'PJSIP/200-02' }, false], [{ Channel: 'PJSIP/100-03' }, true]],
	},
	{
		name: 'regex',
		parameters: { headerFilters: { rules: [rule('Cause', 'regex', '^(17|21)$')] } },
		events: [[{ Cause: '16' }, false], [{ Cause: '217' }, false], [{ Cause: '17' }, true], [{ Cause: '21' }, true]],
	},
	{
		name: 'exists',
		parameters: { headerFilters: { rules: [rule('AccountCode', 'exists')] } },
		events: [[{}, false], [{ AccountCode: '' }, true]],
	},
	{
		name: 'not exists',
		parameters: { headerFilters: { rules: [rule('AccountCode', 'notExists')] } },
		events: [[{ AccountCode: 'x' }, false], [{}, true]],
	},
	{
		name: 'ignore case',
		parameters: { headerFilters: { rules: [rule('Channel', 'equals', 'pjsip/alice', true)] } },
		events: [[{ Channel: 'PJSIP/bob' }, false], [{ Channel: 'PJSIP/ALICE' }, true]],
	},
	{
		name: 'all rules must match',
		parameters: { headerFilters: { rules: [rule('Cause', 'equals', '17'), rule('Channel', 'startsWith', 'PJSIP/')] }, combine: 'all' },
		events: [[{ Cause: '17', Channel: 'SIP/1' }, false], [{ Cause: '16', Channel: 'PJSIP/1' }, false], [{ Cause: '17', Channel: 'PJSIP/1' }, true]],
	},
	{
		name: 'any rule may match',
		parameters: { headerFilters: { rules: [rule('Cause', 'equals', '17'), rule('Cause', 'equals', '21')] }, combine: 'any' },
		events: [[{ Cause: '16' }, false], [{ Cause: '21' }, true], [{ Cause: '17' }, true]],
	},
	{
		name: 'context',
		parameters: { match: { context: 'sales' } },
		events: [[{ Context: 'default' }, false], [{}, false], [{ Context: 'sales' }, true]],
	},
	{
		name: 'extension',
		parameters: { match: { extension: '100' } },
		events: [[{ Exten: '1000' }, false], [{ Exten: '100' }, true]],
	},
	{
		name: 'channel pattern',
		parameters: { match: { channelPattern: 'PJSIP/1??-*' } },
		events: [[{ Channel: 'PJSIP/10-01' }, false], [{ Channel: 'PJSIP/2000-01' }, false], [{ Channel: 'PJSIP/100-0001' }, true]],
	},
	{
		name: 'queue',
		parameters: { match: { queue: 'support' } },
		events: [[{ Queue: 'sales' }, false], [{ Queue: 'support' }, true]],
	},
];

describe.each([false, true])('header filters (filter on the server: %s)', (serverFilter) => {
	it.each(FILTER_CASES)('$name', async ({ parameters, events }) => {
		const active = await activate(env.simulator, { events: ['Hangup'], ...parameters, options: { serverFilter } });
		const sent = events.map(([headers]) => event('Hangup', headers));
		for (const headers of [event('Newchannel', events[events.length - 1][0]), ...sent]) env.simulator.emitEvent(headers);
		const expected = sent.filter((_, index) => events[index][1]).map(seqOf);
		expect(seqs(await active.waitForItems(expected.length))).toEqual(expected);
		await delay(20);
		expect(active.items()).toHaveLength(expected.length);
	});
});

describe('description', () => {
	it('is a trigger named asteriskTrigger with the shared credential and icons', () => {
		const { description } = triggerNode;
		expect(description).toMatchObject({
			name: 'asteriskTrigger',
			displayName: 'Asterisk Trigger',
			group: ['trigger'],
			inputs: [],
			icon: { light: 'file:asterisk.svg', dark: 'file:asterisk.dark.svg' },
			credentials: [{ name: 'asteriskAmiApi', required: true }],
		});
		const events = description.properties.find((p) => p.name === 'events');
		const names = (events?.options ?? []).map((o) => ('value' in o ? String(o.value) : ''));
		for (const name of ['Newchannel', 'Hangup', 'DialBegin', 'DialEnd', 'BridgeEnter', 'QueueCallerAbandon', 'AgentConnect', 'Cdr', 'CEL', 'UserEvent', '*']) {
			expect(names).toContain(name);
		}
	});
});

