/**
 * Originate beyond the captures: chosen outcomes and their Reason codes, a synchronous
 * Originate holding the whole session, Exten-mode originates, and the channel actions
 * (Status, Hangup, Redirect) on the channels a call creates.
 */
import { RawAmiClient } from './testing/raw-client';
import { closeAfterEach, closeLater, env, start } from './testing/fixture';

closeAfterEach();

const originate = (channel: string, id: string, extra: Array<[string, string]> = []): Array<[string, string]> => [
	['Action', 'Originate'],
	['Channel', channel],
	['Application', 'Wait'],
	['Data', '1'],
	...extra,
	['ActionID', id],
];

describe('Originate outcomes', () => {
	test.each([
		['answer', 'Success', '4'],
		['busy', 'Failure', '5'],
		['noanswer', 'Failure', '3'],
		['congestion', 'Failure', '8'],
		['nosuchchannel', 'Failure', '0'],
	] as const)('%s → OriginateResponse %s, Reason %s', async (outcome, response, reason) => {
		const client = await start({ originateOutcomes: { 'PJSIP/bob': outcome } });
		const queued = await client.action(originate('PJSIP/bob', 'o1', [['Async', 'true'], ['Timeout', '2000']]));
		expect(queued.get('Message')).toBe('Originate successfully queued');
		const result = await client.next((m) => m.event === 'OriginateResponse');
		expect(result.actionId).toBe('o1');
		expect(result.get('Response')).toBe(response);
		expect(result.get('Reason')).toBe(reason);
		if (outcome === 'answer') expect(result.get('Channel')).toMatch(/^PJSIP\/bob-[0-9a-f]{8}$/);
		else expect(result.get('Channel')).toBe('PJSIP/bob');
	});

	test('unknown technologies fail; a synchronous failure answers Originate failed', async () => {
		const client = await start();
		const sync = await client.action(originate('Bogus/x', 'o1'));
		expect([sync.get('Response'), sync.get('Message')]).toEqual(['Error', 'Originate failed']);
		env.simulator.setOriginateOutcome('PJSIP/carol', 'busy');
		const busy = await client.action(originate('PJSIP/carol', 'o2'));
		expect(busy.get('Message')).toBe('Originate failed');
	});

	test('a synchronous Originate holds every later action and event of its session', async () => {
		const client = await start({ originateOutcomes: { 'PJSIP/slow': 'answer' }, answerDelayMs: 30000 });
		const other = await RawAmiClient.login(env.simulator.port);
		closeLater(other);
		// SuccessfulAuth is a security event: every session hears of the other's login.
		await client.until(() => client.events('SuccessfulAuth').length === 2);
		const from = client.messages.length;
		client.send(originate('PJSIP/slow', 'sync'));
		client.send([['Action', 'Ping'], ['ActionID', 'ping-behind']]);
		await other.next((m) => m.event === 'Newchannel');
		// 300 ms of simulated ring time: the other session saw the call start, this one nothing.
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(client.messages.slice(from)).toHaveLength(0);
		await client.until(() => client.messages.some((m) => m.actionId === 'ping-behind'));
		const order = client.messages.slice(from).map((m) => m.actionId ?? m.event);
		// The response first, then the events held meanwhile (process_events), then the next action.
		expect(order[0]).toBe('sync');
		expect(order.indexOf('Newchannel')).toBeGreaterThan(0);
		expect(order.indexOf('ping-behind')).toBeGreaterThan(order.indexOf('Newchannel'));
	});

	test('Exten-mode originate checks the extension and runs the dialplan', async () => {
		const client = await start();
		const missing = await client.action([['Action', 'Originate'], ['Channel', 'PJSIP/a'], ['Context', 'echo'], ['Exten', '999'], ['Priority', '1'], ['ActionID', 'x']]);
		expect(missing.get('Message')).toBe('Extension does not exist.');
		await client.action([['Action', 'Originate'], ['Channel', 'PJSIP/a'], ['Context', 'echo'], ['Exten', '600'], ['Priority', '1'], ['Async', 'yes'], ['ActionID', 'y']]);
		const response = await client.next((m) => m.event === 'OriginateResponse');
		expect(response.headers.map(([n]) => n)).toEqual(['Event', 'Privilege', 'ActionID', 'Response', 'Channel', 'Context', 'Exten', 'Reason', 'Uniqueid', 'CallerIDNum', 'CallerIDName']);
		const playback = await client.next((m) => m.event === 'Newexten' && m.get('Application') === 'Playback');
		expect(playback.get('Context')).toBe('echo');
		await client.next((m) => m.event === 'Hangup' && m.get('Cause') === '16');
	});
});

describe('channel actions', () => {
	test('Status lists live channels; Hangup ends them; Redirect moves them', async () => {
		const client = await start({ timeScale: 1 });
		await client.action(originate('Local/100@park-test', 'o', [['Async', 'true'], ['Data', '30'], ['Variable', 'A=1,B=2']]));
		await client.next((m) => m.event === 'OriginateResponse');
		const statusFrom = client.messages.length;
		const status = await client.action([['Action', 'Status'], ['Variables', 'A'], ['ActionID', 'st']]);
		expect(status.get('EventList')).toBe('start');
		const complete = await client.next((m) => m.event === 'StatusComplete', statusFrom);
		expect([complete.get('ListItems'), complete.get('Items')]).toEqual(['2', '2']);
		const one = client.messages.slice(statusFrom).find((m) => m.event === 'Status' && m.get('Channel')!.endsWith(';1'))!;
		expect(one.get('Privilege')).toBe('Call');
		expect(one.getAll('Variable')).toEqual(['A=1']);

		const two = one.get('Channel')!.replace(';1', ';2');
		const moved = await client.action([['Action', 'Redirect'], ['Channel', two], ['Context', 'echo'], ['Exten', '600'], ['Priority', '1']]);
		expect(moved.get('Message')).toBe('Redirect successful');
		await client.next((m) => m.event === 'Newexten' && m.get('Channel') === two && m.get('Context') === 'echo');
		const gone = await client.action([['Action', 'Redirect'], ['Channel', 'PJSIP/none'], ['Context', 'echo'], ['Exten', '600'], ['Priority', '1']]);
		expect(gone.get('Message')).toBe('Channel does not exist: PJSIP/none');

		const hangupFrom = client.messages.length;
		const hung = await client.action([['Action', 'Hangup'], ['Channel', two]]);
		expect(hung.get('Message')).toBe('Channel Hungup');
		await client.next((m) => m.event === 'Hangup' && m.get('Channel') === two, hangupFrom);
		await client.next((m) => m.event === 'Hangup' && m.get('Channel')!.endsWith(';1'), hangupFrom);
		const none = await client.action([['Action', 'Status'], ['Channel', two]]);
		expect(none.get('Message')).toBe('No such channel');
	});
});
