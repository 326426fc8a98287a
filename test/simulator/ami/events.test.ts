/**
 * Who gets which event: read classes, the Login `Events:` header, the Events action, and Filter
 * (include, `!` exclude, both), evaluated as manager.c does.
 */
import { RawAmiClient } from './testing/raw-client';
import { closeAfterEach, env, login, startSimulator } from './testing/fixture';

beforeEach(async () => {
	await startSimulator();
});
closeAfterEach();

const userEvent = (name: string): Array<[string, string]> => [['Event', 'UserEvent'], ['Privilege', 'user,all'], ['UserEvent', name]];
const callEvent = (name: string, channel: string): Array<[string, string]> => [['Event', name], ['Privilege', 'call,all'], ['Channel', channel]];

/** Emit, then a marker every session sees, so "not received" is proven, not assumed. */
async function emitAndMark(clientsToWait: RawAmiClient[], ...events: Array<Array<[string, string]>>): Promise<void> {
	for (const event of events) env.simulator.emitEvent(event);
	env.simulator.emitEvent([['Event', 'Marker'], ['Privilege', 'user,all']]);
	await Promise.all(clientsToWait.map((c) => c.next((m) => m.event === 'Marker')));
}

describe('event delivery', () => {
	test('a read=call user sees call events only; admin sees all', async () => {
		const admin = await login();
		const limited = await login('limited', 'limitedpw');
		env.simulator.emitEvent(userEvent('u1'));
		env.simulator.emitEvent(callEvent('Newchannel', 'PJSIP/a-1'));
		env.simulator.emitEvent([['Event', 'Marker'], ['Privilege', 'call,all']]);
		await Promise.all([admin, limited].map((c) => c.next((m) => m.event === 'Marker')));
		expect(admin.events('UserEvent')).toHaveLength(1);
		expect(limited.events('UserEvent')).toHaveLength(0);
		expect(limited.events('Newchannel')).toHaveLength(1);
		// The limited user saw neither FullyBooted (system) nor SuccessfulAuth (security) at login.
		expect(limited.messages.map((m) => m.event ?? m.response)).toEqual(['Success', 'Newchannel', 'Marker']);
	});

	test('Login Events: off and the Events action switch events', async () => {
		const quiet = await login('admin', 'adminpw', [['Events', 'off']]);
		const watcher = await login();
		await emitAndMark([watcher], userEvent('before'));
		expect(quiet.events('UserEvent')).toHaveLength(0);
		const on = await quiet.action([['Action', 'Events'], ['EventMask', 'user']]);
		expect(on.get('Events')).toBe('On');
		await emitAndMark([quiet], userEvent('after'), callEvent('Newchannel', 'PJSIP/a-1'));
		expect(quiet.events('UserEvent').map((m) => m.get('UserEvent'))).toEqual(['after']);
		expect(quiet.events('Newchannel')).toHaveLength(0);
		const bad = await quiet.action([['Action', 'Events'], ['EventMask', '']]);
		expect(bad.get('Message')).toBe('Invalid event mask');
	});

	test('Filter: include filters admit only matches; a ! filter excludes; both combine', async () => {
		const include = await login();
		const exclude = await login();
		const both = await login();
		await include.action([['Action', 'Filter'], ['Operation', 'Add'], ['Filter', 'Event: (Newchannel|Marker)']]);
		await exclude.action([['Action', 'Filter'], ['Operation', 'Add'], ['Filter', '!Channel: PJSIP/b']]);
		await both.action([['Action', 'Filter'], ['Operation', 'Add'], ['Filter', 'Event: (Newchannel|Marker)']]);
		await both.action([['Action', 'Filter'], ['Operation', 'Add'], ['Filter', '!Channel: PJSIP/b']]);
		await emitAndMark(
			[include, exclude, both],
			callEvent('Newchannel', 'PJSIP/a-1'),
			callEvent('Newchannel', 'PJSIP/b-2'),
			callEvent('Hangup', 'PJSIP/a-1'),
		);
		const seen = (c: RawAmiClient): string[] => c.messages.filter((m) => m.type === 'event' && m.event !== 'Marker' && m.event !== 'FullyBooted' && m.event !== 'SuccessfulAuth').map((m) => `${m.event} ${m.get('Channel')}`);
		expect(seen(include)).toEqual(['Newchannel PJSIP/a-1', 'Newchannel PJSIP/b-2']);
		expect(seen(exclude)).toEqual(['Newchannel PJSIP/a-1', 'Hangup PJSIP/a-1']);
		expect(seen(both)).toEqual(['Newchannel PJSIP/a-1']);
	});

	test('Filter needs the system write class, and bad filters are refused', async () => {
		const limited = await login('limited', 'limitedpw');
		const denied = await limited.action([['Action', 'Filter'], ['Operation', 'Add'], ['Filter', 'Event: X']]);
		expect(denied.get('Message')).toBe('Permission denied');
		const admin = await login();
		const broken = await admin.action([['Action', 'Filter'], ['Operation', 'Add'], ['Filter', '(']]);
		expect(broken.get('Message')).toBe('Filter did not compile.  Check the syntax of the filter given.');
		const unknown = await admin.action([['Action', 'Filter'], ['Operation', 'Remove'], ['Filter', 'x']]);
		expect(unknown.get('Message')).toBe('Unknown operation');
	});

	test('events raised during an action are sent after its response (UserEvent)', async () => {
		const admin = await login();
		const from = admin.messages.length;
		await admin.action([['Action', 'UserEvent'], ['UserEvent', 'Hello'], ['X', '1'], ['ActionID', 'ue']]);
		const event = await admin.next((m) => m.event === 'UserEvent', from);
		expect(admin.messages.indexOf(event)).toBeGreaterThan(admin.messages.findIndex((m) => m.actionId === 'ue'));
		expect(event.headers).toEqual([['Event', 'UserEvent'], ['Privilege', 'user,all'], ['UserEvent', 'Hello'], ['X', '1'], ['ActionID', 'ue']]);
	});
});
