/**
 * The call, state and system actions the captures do not cover, byte for byte as Asterisk 22's
 * source writes them (branch 22 of asterisk/asterisk; each test names the function and line it
 * follows), with the real PlayDTMF of f3_eivr_dtmf for its timing and events.
 */
import { type AmiSimulatorOptions } from './index';
import { RawAmiClient } from './testing/raw-client';
import { closeAfterEach, env, login, startSimulator } from './testing/fixture';

closeAfterEach();

async function start(options: AmiSimulatorOptions = {}, user = 'admin', secret = 'adminpw', events = 'on'): Promise<RawAmiClient> {
	await startSimulator(options);
	return await connect(user, secret, events);
}

function connect(user = 'admin', secret = 'adminpw', events = 'on'): Promise<RawAmiClient> {
	return login(user, secret, [['Events', events]]);
}

/** What the env.simulator wrote from chunk `from` on, once `done` holds. */
async function bytes(client: RawAmiClient, from: number, done: () => boolean): Promise<string> {
	await client.until(done);
	return Buffer.concat(client.chunks.slice(from)).toString('utf8');
}

/** Originate Local/100@park-test running Wait(30); resolves with the `;1` channel's name. */
async function call(client: RawAmiClient, exten = '100'): Promise<string> {
	const id = `orig-${Math.random()}`;
	const from = client.messages.length;
	await client.action([['Action', 'Originate'], ['Channel', `Local/${exten}@park-test`], ['Application', 'Wait'], ['Data', '30'], ['Async', 'true'], ['ActionID', id]]);
	const response = await client.next((m) => m.event === 'OriginateResponse' && m.actionId === id, from);
	return response.get('Channel') ?? '';
}


const ERROR = (id: string, message: string): string => `Response: Error\r\nActionID: ${id}\r\nMessage: ${message}\r\n\r\n`;
const ACK = (id: string, message: string): string => `Response: Success\r\nActionID: ${id}\r\nMessage: ${message}\r\n\r\n`;

test('ExtensionState: manager.c action_extensionstate() (22: main/manager.c:5512), hint states, no hint = Status -1', async () => {
	const client = await start({}, 'admin', 'adminpw', 'off');
	let from = client.chunks.length;
	await client.action([['Action', 'ExtensionState'], ['Exten', '300'], ['Context', 'hints-test'], ['ActionID', 'e1']]);
	expect(await bytes(client, from, () => true)).toBe(
		'Response: Success\r\nActionID: e1\r\nMessage: Extension Status\r\nExten: 300\r\nContext: hints-test\r\nHint: Custom:test300\r\nStatus: 0\r\nStatusText: Idle\r\n\r\n',
	);
	env.simulator.setDeviceState('Custom:test300', 'INUSE');
	expect((await client.action([['Action', 'ExtensionState'], ['Exten', '300'], ['Context', 'hints-test']])).get('StatusText')).toBe('InUse');
	// Local/100@park-test is in use while a Local/100@park-test-… channel is up.
	await call(await connect());
	expect((await client.action([['Action', 'ExtensionState'], ['Exten', '301'], ['Context', 'hints-test']])).get('Status')).toBe('1');
	from = client.chunks.length;
	await client.action([['Action', 'ExtensionState'], ['Exten', '999'], ['ActionID', 'e2']]);
	expect(await bytes(client, from, () => true)).toBe(
		'Response: Success\r\nActionID: e2\r\nMessage: Extension Status\r\nExten: 999\r\nContext: default\r\nHint: \r\nStatus: -1\r\nStatusText: Unknown\r\n\r\n',
	);
	from = client.chunks.length;
	await client.action([['Action', 'ExtensionState'], ['ActionID', 'e3']]);
	expect(await bytes(client, from, () => true)).toBe(ERROR('e3', 'Extension not specified'));
});

test('DeviceStateList: res_manager_devicestate.c action_devicestatelist() (22: :79), items without Privilege', async () => {
	const client = await start({ deviceStates: { 'Custom:test300': 'INUSE' } }, 'admin', 'adminpw', 'off');
	await client.action([['Action', 'QueueAdd'], ['Queue', 'support'], ['Interface', 'PJSIP/a']]);
	const from = client.chunks.length;
	await client.action([['Action', 'DeviceStateList'], ['ActionID', 'd']]);
	expect(await bytes(client, from, () => client.events('DeviceStateListComplete').length > 0)).toBe(
		'Response: Success\r\nActionID: d\r\nEventList: start\r\nMessage: Device State Changes will follow\r\n\r\n' +
			'Event: DeviceStateChange\r\nActionID: d\r\nDevice: Custom:test300\r\nState: INUSE\r\n\r\n' +
			'Event: DeviceStateChange\r\nActionID: d\r\nDevice: Queue:support_pause_PJSIP/a\r\nState: NOT_INUSE\r\n\r\n' +
			'Event: DeviceStateChange\r\nActionID: d\r\nDevice: Queue:support_avail\r\nState: NOT_INUSE\r\n\r\n' +
			'Event: DeviceStateListComplete\r\nActionID: d\r\nEventList: Complete\r\nListItems: 3\r\n\r\n',
	);
});

test('MailboxCount / MailboxStatus: action_mailboxcount() (22: main/manager.c:5491), action_mailboxstatus() (:5474)', async () => {
	const client = await start({ mailboxes: { '100@default': { new: 2, old: 1, urgent: 1 } } }, 'admin', 'adminpw', 'off');
	let from = client.chunks.length;
	await client.action([['Action', 'MailboxCount'], ['Mailbox', '100@default'], ['ActionID', 'm']]);
	expect(await bytes(client, from, () => true)).toBe(
		'Response: Success\r\nActionID: m\r\nMessage: Mailbox Message Count\r\nMailbox: 100@default\r\nUrgMessages: 1\r\nNewMessages: 2\r\nOldMessages: 1\r\n\r\n',
	);
	from = client.chunks.length;
	await client.action([['Action', 'MailboxStatus'], ['Mailbox', '100'], ['ActionID', 's']]);
	expect(await bytes(client, from, () => true)).toBe('Response: Success\r\nActionID: s\r\nMessage: Mailbox Status\r\nMailbox: 100\r\nWaiting: 1\r\n\r\n');
	// No such mailbox (or, as on the captures' Asterisk, no app_voicemail): zeros, not an error.
	expect((await client.action([['Action', 'MailboxStatus'], ['Mailbox', '200@default']])).get('Waiting')).toBe('0');
	from = client.chunks.length;
	await client.action([['Action', 'MailboxCount'], ['ActionID', 'x']]);
	expect(await bytes(client, from, () => true)).toBe(ERROR('x', 'Mailbox not specified'));
});

test('CoreSettings: action_coresettings() (22: main/manager.c:6529)', async () => {
	const client = await start({}, 'admin', 'adminpw', 'off');
	const from = client.chunks.length;
	await client.action([['Action', 'CoreSettings'], ['ActionID', 'cs']]);
	expect(await bytes(client, from, () => true)).toBe(
		'Response: Success\r\nActionID: cs\r\nAMIversion: 11.0.0\r\nAsteriskVersion: 22.10.1\r\nSystemName: \r\nCoreMaxCalls: 0\r\n' +
			'CoreMaxLoadAvg: 0.000000\r\nCoreRunUser: \r\nCoreRunGroup: \r\nCoreMaxFilehandles: 0\r\nCoreRealTimeEnabled: No\r\n' +
			'CoreCDRenabled: Yes\r\nCoreHTTPenabled: No\r\nSoundsSearchCustomDir: No\r\n\r\n',
	);
});

test('Reload: action_reload() (22: main/manager.c:6615) and the Reload event of loader.c publish_reload_message()', async () => {
	const client = await start();
	let from = client.chunks.length;
	await client.action([['Action', 'Reload'], ['Module', 'app_queue.so'], ['ActionID', 'r']]);
	expect(await bytes(client, from, () => client.events('Reload').length > 0)).toBe(
		ACK('r', 'Module Reloaded') + 'Event: Reload\r\nPrivilege: system,all\r\nModule: app_queue.so\r\nStatus: 0\r\n\r\n',
	);
	from = client.chunks.length;
	await client.action([['Action', 'Reload'], ['Module', 'app_voicemail'], ['ActionID', 'n']]);
	expect(await bytes(client, from, () => client.events('Reload').length > 1)).toBe(
		ERROR('n', 'No such module') + 'Event: Reload\r\nPrivilege: system,all\r\nModule: app_voicemail\r\nStatus: 2\r\n\r\n',
	);
	expect((await client.action([['Action', 'Reload'], ['Module', 'app_echo']])).get('Message')).toBe('Module does not support reload');
	expect((await client.action([['Action', 'Reload']])).get('Message')).toBe('Module Reloaded');
	await client.until(() => client.events('Reload').length === 4);
	expect(client.events('Reload').map((e) => [e.get('Module'), e.get('Status')])).toEqual([
		['app_queue.so', '0'],
		['app_voicemail', '2'],
		['app_echo', '6'],
		['All', '0'],
	]);
});

test('ModuleCheck: manager_modulecheck() (22: main/manager.c:6908), `Version:` empty', async () => {
	const client = await start({}, 'admin', 'adminpw', 'off');
	let from = client.chunks.length;
	await client.action([['Action', 'ModuleCheck'], ['Module', 'app_queue'], ['ActionID', 'mc']]);
	expect(await bytes(client, from, () => true)).toBe('Response: Success\r\nActionID: mc\r\nVersion: \r\n\r\n');
	expect((await client.action([['Action', 'ModuleCheck'], ['Module', 'RES_PARKING.so']])).get('Response')).toBe('Success');
	from = client.chunks.length;
	await client.action([['Action', 'ModuleCheck'], ['Module', 'app_voicemail'], ['ActionID', 'nl']]);
	expect(await bytes(client, from, () => true)).toBe(ERROR('nl', 'Module not loaded'));
});

test('PlayDTMF: manager_play_dtmf() (22: apps/app_senddtmf.c:206); a Local digit arrives on the other half (f3_eivr_dtmf)', async () => {
	const client = await start({ timeScale: 1 });
	const channel = await call(client);
	const peer = channel.replace(/;1$/, ';2');
	const from = client.messages.length;
	const started = Date.now();
	const response = await client.action([['Action', 'PlayDTMF'], ['Channel', channel], ['Digit', '5'], ['Duration', '200'], ['ActionID', 'pd-5']]);
	// f3: the response comes when the 200 ms digit has been played.
	expect(Date.now() - started).toBeGreaterThanOrEqual(190);
	expect(response.headers).toEqual([['Response', 'Success'], ['ActionID', 'pd-5'], ['Message', 'DTMF successfully queued']]);
	const end = await client.next((m) => m.event === 'DTMFEnd', from);
	const begin = client.messages.slice(from).find((m) => m.event === 'DTMFBegin')!;
	expect(begin.headers.slice(0, 3)).toEqual([['Event', 'DTMFBegin'], ['Privilege', 'dtmf,all'], ['Channel', peer]]);
	expect(begin.headers.slice(-2)).toEqual([['Digit', '5'], ['Direction', 'Received']]);
	expect(end.headers.slice(-3)).toEqual([['Digit', '5'], ['DurationMs', '200'], ['Direction', 'Received']]);
	expect((await client.action([['Action', 'PlayDTMF'], ['Channel', 'PJSIP/none'], ['Digit', '1']])).get('Message')).toBe('Channel not found');
	expect((await client.action([['Action', 'PlayDTMF'], ['Channel', channel]])).get('Message')).toBe('No digit specified');
	expect((await client.action([['Action', 'PlayDTMF'], ['Channel', channel], ['Digit', '1'], ['Duration', 'x']])).get('Message')).toBe(
		'Could not convert Duration parameter',
	);
});

test('Bridge: action_bridge() (22: main/features.c:735) with BridgeCreate / BridgeEnter (manager_bridges.c:257 snapshot)', async () => {
	const client = await start();
	const a = await call(client);
	const b = await call(client, '200');
	const from = client.messages.length;
	const response = await client.action([['Action', 'Bridge'], ['Channel1', a], ['Channel2', b.slice(0, -3)], ['ActionID', 'br']]);
	expect(response.headers).toEqual([['Response', 'Success'], ['ActionID', 'br'], ['Message', 'Channels have been bridged']]);
	const enters = () => client.messages.slice(from).filter((m) => m.event === 'BridgeEnter');
	await client.until(() => enters().length === 2);
	const create = client.messages.slice(from).find((m) => m.event === 'BridgeCreate')!;
	const id = create.get('BridgeUniqueid') ?? '';
	expect(create.headers).toEqual([
		['Event', 'BridgeCreate'],
		['Privilege', 'call,all'],
		['BridgeUniqueid', id],
		['BridgeType', 'basic'],
		['BridgeTechnology', 'simple_bridge'],
		['BridgeCreator', '<unknown>'],
		['BridgeName', '<unknown>'],
		['BridgeNumChannels', '0'],
		['BridgeVideoSourceMode', 'none'],
	]);
	expect(enters().map((m) => [m.get('BridgeNumChannels'), m.get('Channel')])).toEqual([['1', a], ['2', b]]);
	// Status shows the bridge.
	const statusFrom = client.messages.length;
	await client.action([['Action', 'Status'], ['Channel', a]]);
	expect((await client.next((m) => m.event === 'Status', statusFrom)).get('BridgeID')).toBe(id);
	expect((await client.action([['Action', 'Bridge'], ['Channel1', a]])).get('Message')).toBe('Missing channel parameter in request');
	expect((await client.action([['Action', 'Bridge'], ['Channel1', 'PJSIP/x'], ['Channel2', b]])).get('Message')).toBe('Channel1 does not exist: PJSIP/x');
	expect((await client.action([['Action', 'Bridge'], ['Channel1', a], ['Channel2', 'PJSIP/y']])).get('Message')).toBe('Channel2 does not exist: PJSIP/y');
});

test('BlindTransfer: action_blind_transfer() (22: main/manager.c:4150), ast_bridge_transfer_blind(), BlindTransfer event (stasis_bridges.c blind_transfer_to_ami())', async () => {
	const client = await start();
	const a = await call(client);
	const b = await call(client, '200');
	// Not in a bridge: Transfer invalid, and still a BlindTransfer event with Result: Invalid.
	let from = client.messages.length;
	expect((await client.action([['Action', 'BlindTransfer'], ['Channel', a], ['Exten', '600'], ['Context', 'echo']])).get('Message')).toBe('Transfer invalid');
	const invalid = await client.next((m) => m.event === 'BlindTransfer', from);
	expect(invalid.get('Result')).toBe('Invalid');
	expect(invalid.get('TransfereeChannel')).toBeUndefined();

	await client.action([['Action', 'Bridge'], ['Channel1', a], ['Channel2', b]]);
	from = client.messages.length;
	const response = await client.action([['Action', 'BlindTransfer'], ['Channel', a], ['Exten', '600'], ['Context', 'echo'], ['ActionID', 'bt']]);
	expect(response.headers).toEqual([['Response', 'Success'], ['ActionID', 'bt'], ['Message', 'Transfer succeeded']]);
	const event = await client.next((m) => m.event === 'BlindTransfer', from);
	const names = event.headers.map(([name]) => name);
	expect(names.slice(0, 4)).toEqual(['Event', 'Privilege', 'Result', 'TransfererChannel']);
	expect(names.indexOf('TransfereeChannel')).toBeLessThan(names.indexOf('BridgeUniqueid'));
	expect(names.slice(-3)).toEqual(['IsExternal', 'Context', 'Extension']);
	expect([event.get('Result'), event.get('TransfereeChannel'), event.get('IsExternal'), event.get('Context'), event.get('Extension')]).toEqual([
		'Success', b, 'Yes', 'echo', '600',
	]);
	// The transferee runs echo,600 (Newexten), the bridge empties.
	await client.next((m) => m.event === 'Newexten' && m.get('Channel') === b && m.get('Context') === 'echo', from);
	await client.next((m) => m.event === 'BridgeDestroy', from);

	expect((await client.action([['Action', 'BlindTransfer'], ['Exten', '1']])).get('Message')).toBe('No channel specified');
	expect((await client.action([['Action', 'BlindTransfer'], ['Channel', a]])).get('Message')).toBe('No extension specified');
	expect((await client.action([['Action', 'BlindTransfer'], ['Channel', 'PJSIP/none'], ['Exten', '1']])).get('Message')).toBe('Channel specified does not exist');
});

test('Atxfer: action_atxfer() (22: main/manager.c:4196): no atxfer code in the default features.conf', async () => {
	const client = await start();
	const a = await call(client);
	expect((await client.action([['Action', 'Atxfer'], ['Channel', a], ['Exten', '200']])).get('Message')).toBe('No attended transfer feature code found');
	expect((await client.action([['Action', 'Atxfer'], ['Channel', 'PJSIP/none'], ['Exten', '200']])).get('Message')).toBe('Channel specified does not exist');
	expect((await client.action([['Action', 'Atxfer'], ['Channel', a]])).get('Message')).toBe('No extension specified');
	await env.simulator.close();
	const configured = await start({ atxferFeatureCode: '*2' });
	const b = await call(configured);
	const from = configured.messages.length;
	const ok = await configured.action([['Action', 'Atxfer'], ['Channel', b], ['Exten', '200'], ['Context', 'park-test'], ['ActionID', 'ax']]);
	expect(ok.headers).toEqual([['Response', 'Success'], ['ActionID', 'ax'], ['Message', 'Atxfer successfully queued']]);
	const varSet = await configured.next((m) => m.event === 'VarSet' && m.get('Variable') === 'TRANSFER_CONTEXT', from);
	expect(varSet.get('Value')).toBe('park-test');
});

test('Park: manager_park() (22: res/parking/parking_manager.c:548) — `Park successful\\n`, ParkedCall (:244)', async () => {
	const client = await start();
	const a = await call(client);
	let chunk = client.chunks.length;
	const from = client.messages.length;
	client.send([['Action', 'Park'], ['Channel', a], ['TimeoutChannel', 'PJSIP/bob-00000002'], ['Timeout', '60000'], ['ActionID', 'pk']]);
	const parked = await client.next((m) => m.event === 'ParkedCall', from);
	// astman_send_ack(s, m, "Park successful\n"): the message keeps its newline before the CRLF.
	expect(Buffer.concat(client.chunks.slice(chunk)).toString('utf8')).toContain('Response: Success\r\nActionID: pk\r\nMessage: Park successful\n\r\n\r\n');
	const names = parked.headers.map(([name]) => name);
	expect(names.slice(0, 3)).toEqual(['Event', 'Privilege', 'ParkeeChannel']);
	expect(names.slice(-5)).toEqual(['ParkerDialString', 'Parkinglot', 'ParkingSpace', 'ParkingTimeout', 'ParkingDuration']);
	expect([parked.get('ParkeeChannel'), parked.get('ParkerDialString'), parked.get('Parkinglot'), parked.get('ParkingSpace'), parked.get('ParkingTimeout')]).toEqual([
		a, 'PJSIP/bob', 'default', '701', '60',
	]);
	chunk = client.chunks.length;
	client.send([['Action', 'Park'], ['Channel', a.replace(/;1$/, ';2')], ['Parkinglot', 'nosuchlot'], ['ActionID', 'pf']]);
	expect(await bytes(client, chunk, () => Buffer.concat(client.chunks.slice(chunk)).toString().includes('pf'))).toContain(
		'Response: Error\r\nActionID: pf\r\nMessage: Park action failed\n\r\n',
	);
	expect((await client.action([['Action', 'Park'], ['Channel', 'PJSIP/none']])).get('Message')).toBe('Channel does not exist: PJSIP/none');
	expect((await client.action([['Action', 'Park'], ['Channel', a], ['Timeout', 'soon']])).get('Message')).toBe('Invalid Timeout value.');
	expect((await client.action([['Action', 'Park']])).get('Message')).toBe('Channel not specified');
	// A parked caller who hangs up gives up its space.
	const hangFrom = client.messages.length;
	await client.action([['Action', 'Hangup'], ['Channel', a]]);
	expect((await client.next((m) => m.event === 'ParkedCallGiveUp', hangFrom)).get('ParkingSpace')).toBe('701');
});

test('QueueStatus lists waiting callers as QueueEntry (app_queue.c manager_queues_status(), 22: apps/app_queue.c:10978)', async () => {
	const client = await start({}, 'admin', 'adminpw', 'off');
	const caller = env.simulator.queues.addCaller('support', { channel: 'PJSIP/carol-00000001', callerIdNum: '5551000', callerIdName: 'Carol', wait: 12 });
	env.simulator.queues.addCaller('support', { channel: 'PJSIP/dave-00000002' });
	const from = client.chunks.length;
	await client.action([['Action', 'QueueStatus'], ['ActionID', 'q']]);
	const text = await bytes(client, from, () => client.events('QueueStatusComplete').length > 0);
	expect(text).toContain('Event: QueueParams\r\nQueue: support\r\nMax: 0\r\nStrategy: ringall\r\nCalls: 2\r\n');
	expect(text).toContain(
		`Event: QueueEntry\r\nQueue: support\r\nPosition: 1\r\nChannel: PJSIP/carol-00000001\r\nUniqueid: ${caller.uniqueid}\r\n` +
			'CallerIDNum: 5551000\r\nCallerIDName: Carol\r\nConnectedLineNum: unknown\r\nConnectedLineName: unknown\r\nWait: 12\r\nPriority: 0\r\nActionID: q\r\n\r\n',
	);
	expect(text).toContain('Position: 2\r\nChannel: PJSIP/dave-00000002\r\n');
	expect(text.endsWith('Event: QueueStatusComplete\r\nActionID: q\r\nEventList: Complete\r\nListItems: 3\r\n\r\n')).toBe(true);
	const summaryFrom = client.messages.length;
	await client.action([['Action', 'QueueSummary']]);
	const summary = await client.next((m) => m.event === 'QueueSummary', summaryFrom);
	expect([summary.get('Callers'), summary.get('LongestHoldTime')]).toEqual(['2', '12']);
	// The caller hangs up: it leaves the queue.
	await client.action([['Action', 'Hangup'], ['Channel', 'PJSIP/carol-00000001']]);
	const afterFrom = client.messages.length;
	await client.action([['Action', 'QueueStatus']]);
	await client.next((m) => m.event === 'QueueStatusComplete', afterFrom);
	expect(client.messages.slice(afterFrom).filter((m) => m.event === 'QueueEntry').map((m) => [m.get('Position'), m.get('Channel')])).toEqual([
		['1', 'PJSIP/dave-00000002'],
	]);
});

test('a queue caller hanging up: QueueCallerAbandon, QueueCallerLeave (as in c5_queue_abandon), Hangup', async () => {
	const client = await start();
	env.simulator.queues.addCaller('support', { channel: 'PJSIP/carol-00000001', callerIdNum: '5551000', callerIdName: 'Carol' });
	await client.next((m) => m.event === 'QueueCallerJoin');
	const from = client.messages.length;
	await client.action([['Action', 'Hangup'], ['Channel', 'PJSIP/carol-00000001']]);
	await client.next((m) => m.event === 'Hangup', from);
	const events = client.messages.slice(from).filter((m) => m.type === 'event');
	expect(events.map((m) => m.event)).toEqual(['SoftHangupRequest', 'QueueCallerAbandon', 'QueueCallerLeave', 'Hangup']);
	expect(events[1].headers.slice(-4)).toEqual([['Queue', 'support'], ['Position', '1'], ['OriginalPosition', '1'], ['HoldTime', '0']]);
	expect(events[2].headers.slice(-3)).toEqual([['Queue', 'support'], ['Position', '1'], ['Count', '0']]);
});

test.each([
	['Bridge', [['Channel1', 'a'], ['Channel2', 'b']]],
	['BlindTransfer', [['Channel', 'a'], ['Exten', '1']]],
	['Atxfer', [['Channel', 'a'], ['Exten', '1']]],
	['PlayDTMF', [['Channel', 'a'], ['Digit', '1']]],
	['Park', [['Channel', 'a']]],
	['ExtensionState', [['Exten', '300']]],
	['DeviceStateList', []],
	['MailboxCount', [['Mailbox', '100']]],
	['MailboxStatus', [['Mailbox', '100']]],
] as Array<[string, Array<[string, string]>]>)('the write=call user may run %s (its class is call)', async (action, headers) => {
	const client = await start({}, 'limited', 'limitedpw');
	const response = await client.action([['Action', action], ...headers]);
	expect(response.get('Message')).not.toBe('Permission denied');
});

test.each([['CoreSettings'], ['Reload'], ['ModuleCheck']])('the write=call user may not run %s (system/config/reporting)', async (action) => {
	const client = await start({}, 'limited', 'limitedpw');
	const response = await client.action([['Action', action], ['Module', 'app_queue']]);
	expect([response.get('Response'), response.get('Message')]).toEqual(['Error', 'Permission denied']);
});
