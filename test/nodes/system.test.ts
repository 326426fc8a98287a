/** System operations: Command (both Asterisk output formats), Ping, CoreStatus, UserEvent, and the rest. */
import type { AmiSimulator } from '../simulator/ami';
import { credentialsFor, run, sent, startSimulator, tearDown } from './harness';

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

	test('CoreSettings', async () => {
		const output = await run(simulator, { ...system, operation: 'coreSettings' });
		expect(sent(simulator, 'CoreSettings')).toEqual([{}]);
		expect(output).toEqual([
			{
				json: {
					Response: 'Success',
					AMIversion: '11.0.0',
					AsteriskVersion: '22.10.1',
					SystemName: '',
					CoreMaxCalls: '0',
					CoreMaxLoadAvg: '0.000000',
					CoreRunUser: '',
					CoreRunGroup: '',
					CoreMaxFilehandles: '0',
					CoreRealTimeEnabled: 'No',
					CoreCDRenabled: 'Yes',
					CoreHTTPenabled: 'No',
					SoundsSearchCustomDir: 'No',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test("Reload one module, every module; a module that is not loaded or cannot reload is Asterisk's error", async () => {
		const output = await run(simulator, { ...system, operation: 'reload', module: 'app_queue.so' });
		expect(output[0].json).toEqual({ Response: 'Success', Message: 'Module Reloaded' });
		expect((await run(simulator, { ...system, operation: 'reload', module: '' }))[0].json.Message).toBe('Module Reloaded');
		expect(sent(simulator, 'Reload')).toEqual([{ Module: 'app_queue.so' }, {}]);
		await expect(run(simulator, { ...system, operation: 'reload', module: 'app_voicemail.so' })).rejects.toThrow(
			'Asterisk refused Reload: No such module [item 0]',
		);
		await expect(run(simulator, { ...system, operation: 'reload', module: 'app_echo' })).rejects.toThrow(
			'Asterisk refused Reload: Module does not support reload [item 0]',
		);
	});

	test('Module check: loaded, not loaded', async () => {
		const output = await run(simulator, { ...system, operation: 'moduleCheck', module: 'app_queue' });
		expect(output).toEqual([{ json: { Response: 'Success', Version: '' }, pairedItem: { item: 0 } }]);
		expect(sent(simulator, 'ModuleCheck')).toEqual([{ Module: 'app_queue' }]);
		const missing = await run(simulator, { ...system, operation: 'moduleCheck', module: 'app_voicemail' }, { continueOnFail: true });
		expect(missing[0].json).toMatchObject({ error: 'Asterisk refused ModuleCheck: Module not loaded', code: 'ACTION_FAILED', action: 'ModuleCheck' });
	});

	test.each([
		['coreSettings', {}, 'CoreSettings'],
		['reload', { module: 'app_queue.so' }, 'Reload'],
		['moduleCheck', { module: 'app_queue' }, 'ModuleCheck'],
	])('%s needs a system (or config/reporting) write class: the limited user is refused', async (operation, parameters, action) => {
		await expect(run(simulator, { ...system, operation, ...parameters }, { credentials: credentialsFor(simulator, 'limited') })).rejects.toThrow(
			`Permission denied for ${action} [item 0]`,
		);
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
