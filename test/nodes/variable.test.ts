/** Variable Set / Get through the node's execute, and the behaviour every operation shares. */
import { NodeOperationError } from 'n8n-workflow';

import { clientOptions, readCredentials } from '../../nodes/Asterisk/transport/connect';
import { amiPool } from '../../nodes/Asterisk/transport/pool';
import type { AmiSimulator } from '../simulator/ami';
import { credentialsFor, run, sent, startSimulator, tearDown } from './harness';

let simulator: AmiSimulator;

beforeEach(async () => {
	simulator = await startSimulator({ globals: { GREETING: 'hello world' } });
});

afterEach(async () => {
	simulator.resumeReading();
	await tearDown(simulator);
});

describe('Variable: Set and Get', () => {
	test('sets a global variable and reads it back, with Asterisk header names', async () => {
		const set = await run(simulator, { resource: 'variable', operation: 'set', variable: 'N8N_X', value: 'a, b: c' });
		expect(set).toEqual([{ json: { Response: 'Success', Message: 'Variable Set' }, pairedItem: { item: 0 } }]);
		expect(sent(simulator, 'Setvar')).toEqual([{ Variable: 'N8N_X', Value: 'a, b: c' }]);

		const get = await run(simulator, { resource: 'variable', operation: 'get', variable: 'N8N_X' });
		expect(get).toEqual([{ json: { Response: 'Success', Variable: 'N8N_X', Value: 'a, b: c' }, pairedItem: { item: 0 } }]);
	});

	test('reads a function such as GLOBAL(NAME)', async () => {
		const get = await run(simulator, { resource: 'variable', operation: 'get', variable: 'GLOBAL(GREETING)' });
		expect(get[0].json).toMatchObject({ Variable: 'GLOBAL(GREETING)', Value: 'hello world' });
	});

	test('a channel variable sends Channel; a missing channel is Asterisk\'s error, with action and item', async () => {
		const promise = run(simulator, {
			resource: 'variable',
			operation: 'set',
			scope: 'channel',
			channel: 'PJSIP/nobody-00000001',
			variable: 'FOO',
			value: '1',
		});
		await expect(promise).rejects.toThrow(NodeOperationError);
		await expect(promise).rejects.toThrow('Asterisk refused Setvar: No such channel [item 0]');
		expect(sent(simulator, 'Setvar')).toEqual([{ Channel: 'PJSIP/nobody-00000001', Variable: 'FOO', Value: '1' }]);
	});

	test('a required parameter left empty fails before anything is sent', async () => {
		await expect(run(simulator, { resource: 'variable', operation: 'set', variable: '  ' })).rejects.toThrow('Variable Name is required [item 0]');
		expect(simulator.receivedActions('Setvar')).toHaveLength(0);
	});
});

describe('many items in one execution', () => {
	test('go over one connection and one login, all in flight together, each paired with its item', async () => {
		// Lease the pooled connection the node will use, and count its actions in flight.
		const credentials = credentialsFor(simulator);
		const lease = await amiPool.acquire(clientOptions(readCredentials(credentials)));
		const original = lease.client.action.bind(lease.client);
		let inFlight = 0;
		let maxInFlight = 0;
		const spy = jest.spyOn(lease.client, 'action').mockImplementation((action, headers, options) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			return original(action, headers, options).finally(() => inFlight--);
		});
		lease.release();

		const output = await run(
			simulator,
			{ resource: 'variable', operation: 'set' },
			{ credentials, itemCount: 50, itemParameters: (i) => ({ variable: `V${i}`, value: String(i * 2) }) },
		);
		spy.mockRestore();
		expect(output).toHaveLength(50);
		output.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		expect(maxInFlight).toBe(50);
		expect(simulator.receivedActions('Login')).toHaveLength(1);
		const setvars = simulator.receivedActions('Setvar');
		expect(setvars.map((action) => action.message.get('Variable'))).toEqual(Array.from({ length: 50 }, (_, i) => `V${i}`));
		expect(new Set(setvars.map((action) => action.session)).size).toBe(1);
		const check = await run(simulator, { resource: 'variable', operation: 'get', variable: 'V49' });
		expect(check[0].json.Value).toBe('98');
	});

	test('the connection is reused by the next execution (no second login)', async () => {
		await run(simulator, { resource: 'variable', operation: 'set', variable: 'A', value: '1' });
		await run(simulator, { resource: 'variable', operation: 'set', variable: 'B', value: '2' });
		expect(simulator.receivedActions('Login')).toHaveLength(1);
		expect(simulator.sessions).toBe(1);
	});
});

describe('errors', () => {
	test('continueOnFail puts the error on its item and goes on with the others', async () => {
		const output = await run(
			simulator,
			{ resource: 'variable', operation: 'set', value: 'x' },
			{
				itemCount: 3,
				continueOnFail: true,
				itemParameters: (i) => (i === 1 ? { scope: 'channel', channel: 'PJSIP/gone-1', variable: 'V' } : { variable: `OK${i}` }),
			},
		);
		expect(output).toHaveLength(3);
		expect(output[0].json).toEqual({ Response: 'Success', Message: 'Variable Set' });
		expect(output[1]).toEqual({
			json: expect.objectContaining({
				error: 'Asterisk refused Setvar: No such channel',
				action: 'Setvar',
				code: 'ACTION_FAILED',
				asteriskMessage: 'No such channel',
			}),
			pairedItem: { item: 1 },
		});
		expect(output[2].json).toEqual({ Response: 'Success', Message: 'Variable Set' });
	});

	test('Permission denied names the manager.conf write class that is missing', async () => {
		const promise = run(
			simulator,
			{ resource: 'system', operation: 'command', command: 'core show version' },
			{ credentials: credentialsFor(simulator, 'limited') },
		);
		await expect(promise).rejects.toThrow('Permission denied for Command [item 0]');
		const error = await promise.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toContain('"command" write class');
		expect((error as NodeOperationError).description).toContain('manager.conf');
	});

	test('a timeout says which action timed out', async () => {
		// Log in first, then stop the server reading: the next action is never answered.
		await run(simulator, { resource: 'system', operation: 'ping' });
		simulator.stopReading();
		const promise = run(simulator, { resource: 'variable', operation: 'get', variable: 'X', options: { timeout: 150 } });
		await expect(promise).rejects.toThrow('Getvar timed out [item 0]');
		const error = (await promise.catch((caught: unknown) => caught)) as NodeOperationError;
		expect(error.description).toContain('Asterisk did not complete Getvar within 150 ms');
	});

	test('values with CR or LF are refused before anything is sent, for every item', async () => {
		const promise = run(
			simulator,
			{ resource: 'variable', operation: 'set', variable: 'V' },
			{ itemCount: 3, itemParameters: (i) => ({ value: i === 2 ? 'x\r\nAction: Command\r\nCommand: core stop now' : 'fine' }) },
		);
		await expect(promise).rejects.toThrow('The value of "Value" cannot be sent to Asterisk [item 2]');
		expect(simulator.receivedActions('Setvar')).toHaveLength(0);
		expect(simulator.receivedActions('Command')).toHaveLength(0);
	});

	test('with continueOnFail only the unsafe item is refused', async () => {
		const output = await run(
			simulator,
			{ resource: 'variable', operation: 'set', variable: 'V' },
			{ itemCount: 2, continueOnFail: true, itemParameters: (i) => ({ value: i === 0 ? 'a\nb' : 'ok' }) },
		);
		expect(output[0].json).toMatchObject({ error: 'The value of "Value" cannot be sent to Asterisk', code: 'UNSAFE_ACTION' });
		expect(output[1].json).toEqual({ Response: 'Success', Message: 'Variable Set' });
		expect(sent(simulator, 'Setvar')).toEqual([{ Variable: 'V', Value: 'ok' }]);
	});
});
