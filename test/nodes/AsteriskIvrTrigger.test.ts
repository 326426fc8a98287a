/**
 * The Asterisk IVR Trigger's description, its parameter and credential checks, the dialplan line,
 * and the credential test.
 */
import { createServer } from 'node:net';

import type { ICredentialTestFunctions } from 'n8n-workflow';

import { AsteriskExternalIvrApi } from '../../credentials/AsteriskExternalIvrApi.credentials';
import { AsteriskIvrTrigger } from '../../nodes/Asterisk/AsteriskIvrTrigger.node';
import { asteriskExternalIvrApiTest } from '../../nodes/Asterisk/ivr/credential-test';
import { dialplanLine, readArguments, tokenMatches, tokenProblem } from '../../nodes/Asterisk/ivr/dialplan-line';
import { activateIvrTrigger, listeningPort, TEST_TOKEN } from '../support/ivr-context';
import type { Parameters } from '../support/n8n-context';

async function activationError(parameters: Parameters, token = TEST_TOKEN): Promise<Error> {
	try {
		const trigger = await activateIvrTrigger({ node: new AsteriskIvrTrigger(), workflow: () => undefined, parameters, credentials: { token } });
		await trigger.close();
	} catch (error) {
		if (error instanceof Error) return error;
	}
	throw new Error('activated');
}

describe('Asterisk IVR Trigger description', () => {
	const { description } = new AsteriskIvrTrigger();

	it('is a trigger named asteriskIvrTrigger using the ExternalIVR credential', () => {
		expect(description.name).toBe('asteriskIvrTrigger');
		expect(description.inputs).toEqual([]);
		expect(description.group).toEqual(['trigger']);
		expect(description.credentials).toEqual([{ name: 'asteriskExternalIvrApi', required: true, testedBy: 'asteriskExternalIvrApiTest' }]);
	});

	it('shows the dialplan line to paste', () => {
		const notice = description.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toContain('same => n,ExternalIVR(ivr://n8n.example.com:2949(YOUR_TOKEN,${UNIQUEID},${CALLERID(num)}),i)');
	});

	it('the credential holds one password field, the token', () => {
		const credential = new AsteriskExternalIvrApi();
		expect(credential.name).toBe('asteriskExternalIvrApi');
		expect(credential.properties).toHaveLength(1);
		expect(credential.properties[0]).toMatchObject({ name: 'token', typeOptions: { password: true }, required: true });
	});
});

describe('the dialplan line and the arguments', () => {
	it('puts the token first, then the unique id and the caller number', () => {
		expect(dialplanLine({ host: 'pbx-gw.example.com', port: 2949, token: 'abc' })).toBe(
			'same => n,ExternalIVR(ivr://pbx-gw.example.com:2949(abc,${UNIQUEID},${CALLERID(num)}),i)',
		);
		expect(dialplanLine({ host: '2001:db8::5', port: 3000, token: 't', options: '' })).toBe(
			'same => n,ExternalIVR(ivr://[2001:db8::5]:3000(t,${UNIQUEID},${CALLERID(num)}))',
		);
	});

	it('reads them back; a comma in the caller number cannot move the token', () => {
		expect(readArguments([' tok ', '1700000000.5', '+33612', 'x'])).toEqual({ token: 'tok', uniqueId: '1700000000.5', callerNumber: '+33612', rest: ['1700000000.5', '+33612', 'x'] });
		expect(readArguments([])).toEqual({ token: '', uniqueId: '', callerNumber: '', rest: [] });
		expect(readArguments(['tok', 'id', 'evil', TEST_TOKEN]).token).toBe('tok');
	});

	it('compares tokens whole, never an empty one', () => {
		expect(tokenMatches(TEST_TOKEN, TEST_TOKEN)).toBe(true);
		expect(tokenMatches(TEST_TOKEN.slice(0, -1), TEST_TOKEN)).toBe(false);
		expect(tokenMatches('', '')).toBe(false);
	});

	it.each([
		['', /empty/],
		['short', /at least 16/],
		['x'.repeat(129), /longer than 128/],
		['has,comma-0123456789', /only letters/],
		['has space-0123456789', /only letters/],
		['${EVIL}-0123456789ab', /only letters/],
	])('refuses the token %j', (token, problem) => {
		expect(tokenProblem(token)).toMatch(problem);
	});
});

describe('the credential test', () => {
	const context = {} as ICredentialTestFunctions;
	it('accepts a good token', async () => {
		const result = await asteriskExternalIvrApiTest.call(context, { id: '1', name: 'ivr', type: 'asteriskExternalIvrApi', data: { token: TEST_TOKEN } });
		expect(result.status).toBe('OK');
	});
	it('explains a bad one', async () => {
		const result = await asteriskExternalIvrApiTest.call(context, { id: '1', name: 'ivr', type: 'asteriskExternalIvrApi', data: { token: 'a,b' } });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/at least 16/) });
	});
});

describe('activation', () => {
	it('listens, logs the dialplan line, and closes', async () => {
		const trigger = await activateIvrTrigger({ node: new AsteriskIvrTrigger(), workflow: () => undefined });
		const port = listeningPort(trigger);
		expect(port).toBeGreaterThan(0);
		expect(trigger.logs.find(({ level }) => level === 'info')?.message).toContain(`ivr://<this n8n host>:${port}(<token>,`);
		await trigger.close();
	});

	it.each([
		[{ allowlist: '10.0.0.0/33' }, /^Allowed Addresses: allowlist entry "10.0.0.0\/33"/],
		[{ allowlist: ' , ' }, /^Allowed Addresses: list at least one/],
		[{ variables: 'GOOD, BAD NAME' }, /^Variables to Read: .*white space/],
		[{ turnTimeout: 0 }, /^Turn Timeout: /],
		[{ port: 70000 }, /^Port: /],
		[{ fallback: 'playAndHangup', fallbackFile: 'a&b' }, /^Fallback File: /],
		[{ fallbackVariable: 'A=B' }, /^Fallback Variable: /],
		[{ options: { maxSessions: 0 } }, /^Max Calls: /],
	])('refuses %j, naming the field', async (parameters, message) => {
		expect((await activationError(parameters)).message).toMatch(message);
	});

	it('refuses a credential whose token is unusable', async () => {
		expect((await activationError({}, 'short')).message).toMatch(/^Asterisk ExternalIVR credential: The token is 5 characters long/);
	});

	it('says when the port is taken', async () => {
		const blocker = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
		const address = blocker.address();
		const port = typeof address === 'object' && address !== null ? address.port : 0;
		try {
			const error = await activationError({ port });
			expect(error.message).toMatch(/cannot listen on 127.0.0.1:/);
		} finally {
			await new Promise<void>((resolve) => blocker.close(() => resolve()));
		}
	});
});
