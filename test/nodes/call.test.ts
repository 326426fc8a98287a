/** Call operations: Originate (with and without waiting for the result), Hangup, Redirect, transfers. */
import { NodeOperationError } from 'n8n-workflow';

import type { AmiSimulator } from '../simulator/ami';
import { credentialsFor, run, sent, startSimulator, tearDown } from './harness';

let simulator: AmiSimulator;

beforeEach(async () => {
	simulator = await startSimulator({ originateOutcomes: { 'PJSIP/bob': 'busy', 'PJSIP/carol': 'noanswer' } });
});

afterEach(async () => {
	await tearDown(simulator);
});

const originate = { resource: 'call', operation: 'originate' };

describe('Call: Originate', () => {
	test('waits for the result: answered, with reason 4, its meaning, the Uniqueid and the channel', async () => {
		const output = await run(simulator, {
			...originate,
			channel: 'Local/100@park-test',
			destinationType: 'application',
			application: 'Wait',
			data: '1',
			additionalFields: {
				callerIdName: 'AMI Test',
				callerIdNumber: '5551234',
				variables: { variable: [{ name: 'MYVAR1', value: 'one' }, { name: 'MYVAR2', value: 'two, three' }] },
				account: 'crm',
				earlyMedia: true,
				codecs: 'ulaw,alaw',
				channelId: 'call-1',
				otherChannelId: 'call-1b',
				ringTimeout: 20000,
			},
		});
		expect(output).toHaveLength(1);
		const json = output[0].json;
		expect(json).toMatchObject({ success: true, reason: 4, reasonText: 'Answered', Response: 'Success', Reason: '4', Event: 'OriginateResponse' });
		expect(json.uniqueid).toMatch(/^\d+\.\d+$/);
		expect(json.channel).toMatch(/^Local\/100@park-test-[0-9a-f]{8};1$/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(sent(simulator, 'Originate')).toEqual([
			{
				Channel: 'Local/100@park-test',
				Application: 'Wait',
				Data: '1',
				Timeout: '20000',
				CallerID: '"AMI Test" <5551234>',
				Account: 'crm',
				EarlyMedia: 'true',
				Codecs: 'ulaw,alaw',
				ChannelId: 'call-1',
				OtherChannelId: 'call-1b',
				// One Variable header each: Asterisk would split "two, three" on the comma otherwise.
				Variable: ['MYVAR1=one', 'MYVAR2=two, three'],
				Async: 'true',
			},
		]);
	});

	test('waits for the result: a failure is an item with success false and the reason', async () => {
		const output = await run(simulator, { ...originate, channel: 'Local/999@park-test', destinationType: 'application', application: 'Wait' });
		expect(output[0].json).toMatchObject({
			success: false,
			reason: 0,
			reasonText: 'Failed: no such channel or extension, or the channel could not be created',
			uniqueid: null,
			Response: 'Failure',
		});
	});

	test('busy and no-answer outcomes carry reasons 5 and 3, several calls in one execution', async () => {
		const output = await run(
			simulator,
			{ ...originate, context: 'park-test', exten: '100', additionalFields: { ringTimeout: 1000 } },
			{ itemCount: 3, itemParameters: (i) => ({ channel: ['PJSIP/bob', 'PJSIP/carol', 'Local/200@park-test'][i] }) },
		);
		expect(output.map((item) => [item.json.success, item.json.reason, item.pairedItem])).toEqual([
			[false, 5, { item: 0 }],
			[false, 3, { item: 1 }],
			[true, 4, { item: 2 }],
		]);
		expect(simulator.receivedActions('Login')).toHaveLength(1);
		expect(sent(simulator, 'Originate')[0]).toMatchObject({ Context: 'park-test', Exten: '100', Priority: '1', Timeout: '1000' });
	});

	test('without waiting, outputs as soon as Asterisk has queued the call', async () => {
		const output = await run(simulator, { ...originate, channel: 'Local/100@park-test', context: 'park-test', exten: '100', waitForResult: false });
		expect(output[0].json).toEqual({ Response: 'Success', Message: 'Originate successfully queued', queued: true });
	});

	test("an Originate Asterisk refuses at once is Asterisk's error", async () => {
		await expect(run(simulator, { ...originate, channel: 'Local/100@park-test', context: 'park-test', exten: '555' })).rejects.toThrow(
			'Asterisk refused Originate: Extension does not exist. [item 0]',
		);
	});

	test('a user without the originate class gets Permission denied with the class to add', async () => {
		const error = (await run(
			simulator,
			{ ...originate, channel: 'Local/100@park-test', context: 'park-test', exten: '100' },
			{ credentials: credentialsFor(simulator, 'limited') },
		).catch((caught: unknown) => caught)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Permission denied for Originate [item 0]');
		expect(error.description).toContain('"originate" write class');
	});

	test('the wait ends with a timeout naming Originate when no OriginateResponse comes', async () => {
		// Originate's connection receives call events, so it is its own pooled connection: open it first.
		await run(simulator, { ...originate, channel: 'Local/999@park-test', destinationType: 'application', application: 'Wait' });
		simulator.stopReading();
		const started = Date.now();
		const output = await run(
			simulator,
			{ ...originate, channel: 'PJSIP/alice', context: 'park-test', exten: '100', additionalFields: { ringTimeout: 100 }, options: { timeout: 50 } },
			{ continueOnFail: true },
		);
		simulator.resumeReading();
		// The wait is the ring timeout plus the action timeout.
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(output[0].json).toMatchObject({ error: 'Originate timed out', code: 'ACTION_TIMEOUT', action: 'Originate' });
		expect(output[0].json.description).toContain('Asterisk did not complete Originate within 150 ms');
	});
});

describe('Call: other operations', () => {
	test('Hangup hangs up a live channel, with a cause', async () => {
		const call = await run(simulator, { ...originate, channel: 'Local/100@park-test', destinationType: 'application', application: 'Wait', data: '30' });
		const channel = call[0].json.channel as string;
		const output = await run(simulator, { resource: 'call', operation: 'hangup', channel, additionalFields: { cause: 17 } });
		expect(output[0].json).toMatchObject({ Response: 'Success' });
		expect(sent(simulator, 'Hangup')).toEqual([{ Channel: channel, Cause: '17' }]);
	});

	test('Hangup of a channel that does not exist is No such channel', async () => {
		await expect(run(simulator, { resource: 'call', operation: 'hangup', channel: 'PJSIP/none-1' })).rejects.toThrow(
			'Asterisk refused Hangup: No such channel [item 0]',
		);
	});

	test('Redirect sends the channel and the extra channel to their places', async () => {
		const output = await run(
			simulator,
			{
				resource: 'call',
				operation: 'redirect',
				channel: 'PJSIP/none-1',
				context: 'echo',
				exten: '600',
				additionalFields: { extraChannel: 'PJSIP/other-2', extraContext: 'echo', extraExten: '600', extraPriority: '1' },
			},
			{ continueOnFail: true },
		);
		expect(output[0].json.error).toMatch(/^Asterisk refused Redirect: /);
		expect(sent(simulator, 'Redirect')).toEqual([
			{ Channel: 'PJSIP/none-1', Context: 'echo', Exten: '600', Priority: '1', ExtraChannel: 'PJSIP/other-2', ExtraContext: 'echo', ExtraExten: '600', ExtraPriority: '1' },
		]);
	});

	test.each([
		['blindTransfer', 'BlindTransfer', { channel: 'PJSIP/a-1', context: 'from-internal', exten: '200' }, { Channel: 'PJSIP/a-1', Context: 'from-internal', Exten: '200' }, 'Channel specified does not exist'],
		['atxfer', 'Atxfer', { channel: 'PJSIP/a-1', exten: '200', context: 'from-internal' }, { Channel: 'PJSIP/a-1', Exten: '200', Context: 'from-internal' }, 'Channel specified does not exist'],
		['playDtmf', 'PlayDTMF', { channel: 'PJSIP/a-1', digit: '#', additionalFields: { duration: 250, receive: true } }, { Channel: 'PJSIP/a-1', Digit: '#', Duration: '250', Receive: 'true' }, 'Channel not found'],
		['park', 'Park', { channel: 'PJSIP/a-1', additionalFields: { timeout: 60000, parkinglot: 'default', timeoutChannel: 'PJSIP/b-2' } }, { Channel: 'PJSIP/a-1', TimeoutChannel: 'PJSIP/b-2', Timeout: '60000', Parkinglot: 'default' }, 'Channel does not exist: PJSIP/a-1'],
		['bridge', 'Bridge', { channel1: 'PJSIP/a-1', channel2: 'PJSIP/b-2', tone: 'Both' }, { Channel1: 'PJSIP/a-1', Channel2: 'PJSIP/b-2', Tone: 'Both' }, 'Channel1 does not exist: PJSIP/a-1'],
	])("%s sends %s with its headers; a channel that does not exist is Asterisk's error", async (operation, action, parameters, headers, message) => {
		const output = await run(simulator, { resource: 'call', operation, ...parameters }, { continueOnFail: true });
		expect(sent(simulator, action)).toEqual([headers]);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({ action, code: 'ACTION_FAILED', error: `Asterisk refused ${action}: ${message}` });
	});
	test('PlayDTMF refuses more than one digit before sending', async () => {
		await expect(run(simulator, { resource: 'call', operation: 'playDtmf', channel: 'PJSIP/a-1', digit: '12' })).rejects.toThrow(
			'Digit must be one of 0-9, *, # or A-D, not "12" [item 0]',
		);
		expect(simulator.receivedActions('PlayDTMF')).toHaveLength(0);
	});
});

describe('Call: bridging, transfers, DTMF and parking on live calls', () => {
	/** Two answered calls running Wait(30): the `;1` channels' names. */
	async function twoCalls(): Promise<[string, string]> {
		const calls = await run(
			simulator,
			{ ...originate, destinationType: 'application', application: 'Wait', data: '30' },
			{ itemCount: 2, itemParameters: (i) => ({ channel: ['Local/100@park-test', 'Local/200@park-test'][i] }) },
		);
		return [calls[0].json.channel as string, calls[1].json.channel as string];
	}

	test('Bridge two calls, then BlindTransfer one side elsewhere', async () => {
		const [a, b] = await twoCalls();
		const bridged = await run(simulator, { resource: 'call', operation: 'bridge', channel1: a, channel2: b, tone: 'no' });
		expect(bridged).toEqual([{ json: { Response: 'Success', Message: 'Channels have been bridged' }, pairedItem: { item: 0 } }]);
		const status = await run(simulator, { resource: 'channel', operation: 'status', channel: b });
		expect(status[0].json.BridgeID).toMatch(/^[0-9a-f-]{36}$/);

		const transferred = await run(simulator, { resource: 'call', operation: 'blindTransfer', channel: a, context: 'echo', exten: '600' });
		expect(transferred[0].json).toEqual({ Response: 'Success', Message: 'Transfer succeeded' });
		// The transferee is out of the bridge and runs echo,600.
		const after = await run(simulator, { resource: 'channel', operation: 'status', channel: b });
		expect(after[0].json).toMatchObject({ BridgeID: '', Context: 'echo', Exten: '600' });
	});

	test('BlindTransfer of a channel in no bridge is "Transfer invalid"', async () => {
		const [a] = await twoCalls();
		await expect(run(simulator, { resource: 'call', operation: 'blindTransfer', channel: a, context: 'echo', exten: '600' })).rejects.toThrow(
			'Asterisk refused BlindTransfer: Transfer invalid [item 0]',
		);
	});

	test('Park a call: Park successful; another parking lot fails', async () => {
		const [a, b] = await twoCalls();
		const output = await run(simulator, { resource: 'call', operation: 'park', channel: a, additionalFields: { timeout: 60000 } });
		expect(output).toHaveLength(1);
		expect(output[0].json.Response).toBe('Success');
		// Asterisk writes "Park successful\n" (a newline of its own before the CRLF): compare trimmed.
		expect(String(output[0].json.Message).trim()).toBe('Park successful');
		const second = await run(simulator, { resource: 'call', operation: 'park', channel: b, additionalFields: { parkinglot: 'vip' } }, { continueOnFail: true });
		expect(second[0].json).toMatchObject({ code: 'ACTION_FAILED', action: 'Park' });
		expect(String(second[0].json.error).trim()).toBe('Asterisk refused Park: Park action failed');
	});

	test('PlayDTMF on a live channel; Atxfer without an atxfer feature code', async () => {
		const [a] = await twoCalls();
		const dtmf = await run(simulator, { resource: 'call', operation: 'playDtmf', channel: a, digit: '5', additionalFields: { duration: 100 } });
		expect(dtmf[0].json).toEqual({ Response: 'Success', Message: 'DTMF successfully queued' });
		await expect(run(simulator, { resource: 'call', operation: 'atxfer', channel: a, exten: '200' })).rejects.toThrow(
			'Asterisk refused Atxfer: No attended transfer feature code found [item 0]',
		);
	});

	test('Atxfer with features.conf atxfer = *2 is queued, its context set as TRANSFER_CONTEXT', async () => {
		await tearDown(simulator);
		simulator = await startSimulator({ atxferFeatureCode: '*2' });
		const [a] = await twoCalls();
		const output = await run(simulator, { resource: 'call', operation: 'atxfer', channel: a, exten: '200', context: 'park-test' });
		expect(output[0].json).toEqual({ Response: 'Success', Message: 'Atxfer successfully queued' });
		const variable = await run(simulator, { resource: 'variable', operation: 'get', scope: 'channel', channel: a, variable: 'TRANSFER_CONTEXT' });
		expect(JSON.stringify(variable[0].json)).toContain('park-test');
	});

	test('the call write class is enough: the limited user may bridge', async () => {
		const [a, b] = await twoCalls();
		const output = await run(simulator, { resource: 'call', operation: 'bridge', channel1: a, channel2: b }, { credentials: credentialsFor(simulator, 'limited') });
		expect(output[0].json.Message).toBe('Channels have been bridged');
	});
});
