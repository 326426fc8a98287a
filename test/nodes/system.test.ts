/** System operations: Command (both Asterisk output formats), Ping, CoreStatus, UserEvent, and the rest. */
import type { AmiSimulator } from '../simulator/ami';
import { run, sent, startSimulator, tearDown } from './harness';

const system = { resource: 'system' };

describe('System', () => {
	let simulator: AmiSimulator;

	beforeAll(async () => {
		simulator = await startSimulator({ callsProcessed: 3 });
	});

	afterAll(async () => {
		await tearDown(simulator);
	});

	test('Command: output as lines and as text (Asterisk 14+ Output headers)', async () => {
		const output = await run(simulator, { ...system, operation: 'command', command: 'core show channels count' });
		expect(output).toEqual([
			{
				json: {
					Response: 'Success',
					Message: 'Command output follows',
					lines: ['0 active channels', '0 active calls', '3 calls processed'],
					text: '0 active channels\n0 active calls\n3 calls processed',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test("Command: an unknown CLI command is Asterisk's own text", async () => {
		await expect(run(simulator, { ...system, operation: 'command', command: 'this is not a command' })).rejects.toThrow(
			"Asterisk refused Command: No such command 'this is not a command'",
		);
	});

	test('Ping', async () => {
		const output = await run(simulator, { ...system, operation: 'ping' });
		expect(output[0].json).toMatchObject({ Response: 'Success', Ping: 'Pong' });
		expect(output[0].json.Timestamp).toMatch(/^\d+\.\d{6}$/);
	});

	test('CoreStatus', async () => {
		const output = await run(simulator, { ...system, operation: 'coreStatus' });
		expect(output[0].json).toMatchObject({ Response: 'Success' });
		expect(output[0].json).toHaveProperty('CoreCurrentCalls');
	});

	test('UserEvent with custom headers, in order, repeated names allowed', async () => {
		const output = await run(simulator, {
			...system,
			operation: 'userEvent',
			userEvent: 'N8nTest',
			headers: { header: [{ name: 'Header1', value: 'value one' }, { name: 'Foo', value: 'bar' }, { name: 'Foo', value: 'baz' }] },
		});
		expect(output[0].json).toEqual({ Response: 'Success', Message: 'Event Sent' });
		expect(sent(simulator, 'UserEvent')).toEqual([{ UserEvent: 'N8nTest', Header1: 'value one', Foo: ['bar', 'baz'] }]);
	});

	test.each([
		['coreSettings', {}, 'CoreSettings', {}],
		['reload', { module: 'app_queue.so' }, 'Reload', { Module: 'app_queue.so' }],
		['moduleCheck', { module: 'app_queue' }, 'ModuleCheck', { Module: 'app_queue' }],
	])('%s sends %s', async (operation, parameters, action, headers) => {
		const output = await run(simulator, { ...system, operation, ...parameters }, { continueOnFail: true });
		expect(sent(simulator, action)).toEqual([headers]);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('System: Command on Asterisk 13 and earlier (Response: Follows)', () => {
	let simulator: AmiSimulator;

	beforeAll(async () => {
		simulator = await startSimulator({ commandFormat: 'follows', callsProcessed: 3 });
	});

	afterAll(async () => {
		await tearDown(simulator);
	});

	test('gives the same lines and text', async () => {
		const output = await run(simulator, { ...system, operation: 'command', command: 'core show channels count' });
		expect(output[0].json).toMatchObject({
			Response: 'Follows',
			lines: ['0 active channels', '0 active calls', '3 calls processed'],
			text: '0 active channels\n0 active calls\n3 calls processed',
		});
	});
});
