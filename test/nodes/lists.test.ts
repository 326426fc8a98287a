/** Channel, Extension / device / mailbox, Database (AstDB) and Custom Action operations. */
import type { AmiSimulator } from '../simulator/ami';
import { credentialsFor, run, sent, startSimulator, tearDown } from './harness';

let simulator: AmiSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
});

afterAll(async () => {
	await tearDown(simulator);
});

describe('Channel', () => {
	test('List active channels: one item per channel; Status of one channel', async () => {
		expect(await run(simulator, { resource: 'channel', operation: 'list' })).toEqual([]);
		const call = await run(simulator, {
			resource: 'call',
			operation: 'originate',
			channel: 'Local/100@park-test',
			destinationType: 'application',
			application: 'Wait',
			data: '30',
			additionalFields: { variables: { variable: [{ name: 'CRM', value: '42' }] } },
		});
		const channel = call[0].json.channel as string;
		const list = await run(simulator, { resource: 'channel', operation: 'list' });
		expect(list.length).toBeGreaterThanOrEqual(1);
		expect(list.every((item) => item.json.Event === 'CoreShowChannel' && item.pairedItem !== undefined)).toBe(true);
		expect(list.map((item) => item.json.Channel)).toContain(channel);

		const status = await run(simulator, { resource: 'channel', operation: 'status', channel, variables: 'CRM' });
		expect(status).toHaveLength(1);
		expect(status[0].json).toMatchObject({ Event: 'Status', Channel: channel, Variable: 'CRM=42' });
		await run(simulator, { resource: 'call', operation: 'hangup', channel });
	});
});

describe('Extension / device / mailbox', () => {
	const extension = { resource: 'extension' };

	test('Extension state from the hint; an extension without a hint is Status -1, not an error', async () => {
		const idle = await run(simulator, { ...extension, operation: 'extensionState', exten: '300', context: 'hints-test' });
		expect(idle).toEqual([
			{
				json: { Response: 'Success', Message: 'Extension Status', Exten: '300', Context: 'hints-test', Hint: 'Custom:test300', Status: '0', StatusText: 'Idle' },
				pairedItem: { item: 0 },
			},
		]);
		expect(sent(simulator, 'ExtensionState')).toEqual([{ Exten: '300', Context: 'hints-test' }]);
		simulator.setDeviceState('Custom:test300', 'BUSY');
		const busy = await run(simulator, { ...extension, operation: 'extensionState', exten: '300', context: 'hints-test' });
		expect(busy[0].json).toMatchObject({ Status: '2', StatusText: 'Busy' });
		const none = await run(simulator, { ...extension, operation: 'extensionState', exten: '999', context: 'park-test' });
		expect(none[0].json).toMatchObject({ Response: 'Success', Hint: '', Status: '-1', StatusText: 'Unknown' });
	});

	test('Device states: one item per device', async () => {
		simulator.setDeviceState('Custom:night', 'INUSE');
		const output = await run(simulator, { ...extension, operation: 'deviceStateList' }, { itemCount: 2 });
		const custom = output.filter((item) => item.json.Device === 'Custom:night');
		expect(custom).toEqual([
			{ json: { Event: 'DeviceStateChange', Device: 'Custom:night', State: 'INUSE' }, pairedItem: { item: 0 } },
			{ json: { Event: 'DeviceStateChange', Device: 'Custom:night', State: 'INUSE' }, pairedItem: { item: 1 } },
		]);
		expect(output.every((item) => item.json.Event === 'DeviceStateChange')).toBe(true);
	});

	test('Mailbox counts and status: no voicemail configured counts 0 (as on an Asterisk without app_voicemail)', async () => {
		const count = await run(simulator, { ...extension, operation: 'mailboxCount', mailbox: '100@default' });
		expect(count[0].json).toEqual({
			Response: 'Success',
			Message: 'Mailbox Message Count',
			Mailbox: '100@default',
			UrgMessages: '0',
			NewMessages: '0',
			OldMessages: '0',
		});
		const status = await run(simulator, { ...extension, operation: 'mailboxStatus', mailbox: '100@default' });
		expect(status[0].json).toEqual({ Response: 'Success', Message: 'Mailbox Status', Mailbox: '100@default', Waiting: '0' });
		expect(sent(simulator, 'MailboxCount')).toEqual([{ Mailbox: '100@default' }]);
		expect(sent(simulator, 'MailboxStatus')).toEqual([{ Mailbox: '100@default' }]);
	});

	test('Mailbox counts of a configured mailbox; the limited user (write=call) may read them', async () => {
		const withVoicemail = await startSimulator({ mailboxes: { '100@default': { new: 3, old: 2, urgent: 1 } } });
		try {
			const limited = { credentials: credentialsFor(withVoicemail, 'limited') };
			const count = await run(withVoicemail, { ...extension, operation: 'mailboxCount', mailbox: '100@default' }, limited);
			expect(count[0].json).toMatchObject({ UrgMessages: '1', NewMessages: '3', OldMessages: '2' });
			const status = await run(withVoicemail, { ...extension, operation: 'mailboxStatus', mailbox: '100' }, limited);
			expect(status[0].json).toMatchObject({ Mailbox: '100', Waiting: '1' });
		} finally {
			await withVoicemail.close();
		}
	});
});

describe('Database (AstDB)', () => {
	test('Put, Get, Delete, Delete tree', async () => {
		const database = { resource: 'database' };
		expect((await run(simulator, { ...database, operation: 'put', family: 'blacklist', key: '5551234', value: 'spam' }))[0].json.Response).toBe('Success');
		await run(simulator, { ...database, operation: 'put', family: 'blacklist', key: '5550000', value: 'robot' });
		expect(await run(simulator, { ...database, operation: 'get', family: 'blacklist', key: '5551234' })).toEqual([
			{ json: { Event: 'DBGetResponse', Family: 'blacklist', Key: '5551234', Val: 'spam' }, pairedItem: { item: 0 } },
		]);
		await run(simulator, { ...database, operation: 'delete', family: 'blacklist', key: '5551234' });
		await expect(run(simulator, { ...database, operation: 'get', family: 'blacklist', key: '5551234' })).rejects.toThrow(
			/^Asterisk refused DBGet: /,
		);
		await run(simulator, { ...database, operation: 'deleteTree', family: 'blacklist' });
		expect(sent(simulator, 'DBDelTree')).toEqual([{ Family: 'blacklist' }]);
		const after = await run(simulator, { ...database, operation: 'get', family: 'blacklist', key: '5550000' }, { continueOnFail: true });
		expect(after[0].json.code).toBe('ACTION_FAILED');
	});
});

describe('Custom Action', () => {
	const custom = { resource: 'customAction', operation: 'send' };

	test('any action with repeated headers; its response as one item', async () => {
		const output = await run(simulator, {
			...custom,
			action: 'UserEvent',
			headers: { header: [{ name: 'UserEvent', value: 'Custom' }, { name: 'X', value: '1' }, { name: 'X', value: '2' }] },
		});
		expect(output).toEqual([{ json: { Response: 'Success', Message: 'Event Sent' }, pairedItem: { item: 0 } }]);
		expect(sent(simulator, 'UserEvent').at(-1)).toEqual({ UserEvent: 'Custom', X: ['1', '2'] });
	});

	test('a list action returns its events, one item each', async () => {
		const output = await run(simulator, { ...custom, action: 'QueueStatus' });
		expect(output.map((item) => item.json.Event)).toEqual(['QueueParams']);
	});

	test('Originate completing at its OriginateResponse', async () => {
		const output = await run(simulator, {
			...custom,
			action: 'Originate',
			completion: 'originate',
			headers: {
				header: [
					{ name: 'Channel', value: 'Local/100@park-test' },
					{ name: 'Application', value: 'Wait' },
					{ name: 'Data', value: '1' },
					{ name: 'Async', value: 'true' },
				],
			},
		});
		expect(output[0].json).toMatchObject({ Response: 'Success', result: { Event: 'OriginateResponse', Response: 'Success', Reason: '4' } });
	});

	test('an unknown action is Asterisk\'s error; ActionID may not be set by hand', async () => {
		await expect(run(simulator, { ...custom, action: 'NoSuchAction' })).rejects.toThrow('Asterisk refused NoSuchAction: Invalid/unknown command');
		await expect(run(simulator, { ...custom, action: 'Ping', headers: { header: [{ name: 'ActionID', value: 'x' }] } })).rejects.toThrow(
			'Leave out the ActionID header',
		);
	});

	test('an unsafe header name or value is refused before sending', async () => {
		const before = simulator.received.length;
		await expect(run(simulator, { ...custom, action: 'Ping', headers: { header: [{ name: 'Bad: name', value: 'x' }] } })).rejects.toThrow(
			'cannot be sent to Asterisk',
		);
		await expect(run(simulator, { ...custom, action: 'Ping\r\nAction: Command' })).rejects.toThrow('cannot be sent to Asterisk');
		expect(simulator.received.length).toBe(before);
	});
});
