/**
 * Actions the captures do not cover, with manager.c's / app_queue.c's / db.c's texts: AstDB,
 * QueuePenalty, QueueLog, Command in the Asterisk ≤ 13 `Response: Follows` format, the write
 * classes of each action, and session edge cases.
 */
import { AmiParser } from '../../../nodes/Asterisk/core/ami/parser';
import { RawAmiClient } from './testing/raw-client';
import { closeAfterEach, closeLater, env, start } from './testing/fixture';

closeAfterEach();

test('AstDB: DBPut, DBGet list, DBGetTree, DBDel, DBDelTree', async () => {
	const client = await start();
	expect((await client.action([['Action', 'DBPut'], ['Family', 'cf'], ['Key', '100'], ['Val', '555']])).get('Message')).toBe('Updated database successfully');
	await client.action([['Action', 'DBPut'], ['Family', 'cf'], ['Key', '101'], ['Val', '556']]);
	const from = client.messages.length;
	const get = await client.action([['Action', 'DBGet'], ['Family', 'cf'], ['Key', '100'], ['ActionID', 'g']]);
	expect(get.headers).toEqual([['Response', 'Success'], ['ActionID', 'g'], ['EventList', 'start'], ['Message', 'Result will follow']]);
	await client.next((m) => m.event === 'DBGetComplete', from);
	expect(client.messages.slice(from + 1).map((m) => m.headers)).toEqual([
		[['Event', 'DBGetResponse'], ['Family', 'cf'], ['Key', '100'], ['Val', '555'], ['ActionID', 'g']],
		[['Event', 'DBGetComplete'], ['ActionID', 'g'], ['EventList', 'Complete'], ['ListItems', '1']],
	]);
	const treeFrom = client.messages.length;
	await client.action([['Action', 'DBGetTree'], ['Family', 'cf'], ['ActionID', 't']]);
	const tree = await client.next((m) => m.event === 'DBGetTreeComplete', treeFrom);
	expect(tree.get('ListItems')).toBe('2');
	expect(client.messages.filter((m) => m.event === 'DBGetTreeResponse').map((m) => m.get('Key'))).toEqual(['/cf/100', '/cf/101']);
	expect((await client.action([['Action', 'DBDel'], ['Family', 'cf'], ['Key', '100']])).get('Message')).toBe('Key deleted successfully');
	expect((await client.action([['Action', 'DBGet'], ['Family', 'cf'], ['Key', '100']])).get('Message')).toBe('Database entry not found');
	expect((await client.action([['Action', 'DBDelTree'], ['Family', 'cf']])).get('Message')).toBe('Key tree deleted successfully');
	expect((await client.action([['Action', 'DBDelTree'], ['Family', 'cf']])).get('Message')).toBe('Database entry not found');
});

test('QueuePenalty and QueueLog', async () => {
	const client = await start();
	await client.action([['Action', 'QueueAdd'], ['Queue', 'support'], ['Interface', 'PJSIP/a'], ['MemberName', 'A']]);
	const from = client.messages.length;
	const set = await client.action([['Action', 'QueuePenalty'], ['Interface', 'PJSIP/a'], ['Penalty', '3']]);
	expect(set.get('Message')).toBe('Interface penalty set successfully');
	expect((await client.next((m) => m.event === 'QueueMemberPenalty', from)).get('Penalty')).toBe('3');
	const bad = await client.action([['Action', 'QueuePenalty'], ['Interface', 'PJSIP/none'], ['Penalty', '3']]);
	expect(bad.get('Message')).toBe('Invalid interface, queuename or penalty');
	expect((await client.action([['Action', 'QueueLog'], ['Queue', 'support'], ['Event', 'CUSTOM']])).get('Message')).toBe('Event added successfully');
	expect((await client.action([['Action', 'QueuePause'], ['Interface', 'PJSIP/none'], ['Paused', 'true']])).get('Message')).toBe('Interface not found');
});

test("commandFormat 'follows' answers as Asterisk 13: raw text and --END COMMAND--", async () => {
	const client = await start({ commandFormat: 'follows' });
	const from = client.chunks.length;
	const response = await client.action([['Action', 'Command'], ['Command', 'core show channels count'], ['ActionID', 'c']]);
	expect(response.getAll('Output')).toEqual(['0 active channels', '0 active calls', '0 calls processed']);
	const raw = Buffer.concat(client.chunks.slice(from)).toString('utf8');
	expect(raw).toBe('Response: Follows\r\nPrivilege: Command\r\nActionID: c\r\n0 active channels\n0 active calls\n0 calls processed\n--END COMMAND--\r\n\r\n');
	// A parser reading it without the Follows rule would see no message end before the marker.
	let messages = 0;
	new AmiParser({ onMessage: () => messages++ }).parse(Buffer.from(raw));
	expect(messages).toBe(1);
});

test.each([
	['Command', [['Command', 'core show version']]],
	['Originate', [['Channel', 'Local/100@park-test'], ['Application', 'Wait']]],
	['QueueAdd', [['Queue', 'support'], ['Interface', 'PJSIP/a']]],
	['DBGet', [['Family', 'f'], ['Key', 'k']]],
	['DBPut', [['Family', 'f'], ['Key', 'k']]],
	['Filter', [['Operation', 'Add'], ['Filter', 'x']]],
	['UserEvent', [['UserEvent', 'x']]],
	['CoreShowChannels', []],
] as Array<[string, Array<[string, string]>]>)('a read=call write=call user may not run %s', async (action, headers) => {
	const client = await start({}, 'limited', 'limitedpw');
	const response = await client.action([['Action', action], ...headers]);
	expect([response.get('Response'), response.get('Message')]).toEqual(['Error', 'Permission denied']);
});

test('custom users, Login twice, missing Action, Logoff before login', async () => {
	const client = await start({ users: { ops: { secret: 's3', read: 'system', write: 'system' } } }, 'ops', 's3');
	expect(client.messages[0].get('Message')).toBe('Authentication accepted');
	expect((await client.action([['Action', 'Login'], ['Username', 'ops'], ['Secret', 's3']])).get('Message')).toBe('Already authenticated');
	expect((await client.action([['ActionID', 'none']])).get('Message')).toBe('Missing action in request');
	const anonymous = await RawAmiClient.connect(env.simulator.port);
	closeLater(anonymous);
	const bye = await anonymous.action([['Action', 'Logoff']]);
	expect(bye.get('Response')).toBe('Goodbye');
	await anonymous.until(() => anonymous.closed);
});
