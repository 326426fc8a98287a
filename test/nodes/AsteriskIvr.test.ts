/**
 * The Asterisk IVR node on its own: parameters → answer (with the marker), values the core would
 * refuse caught early and named, items passed through with their pairing.
 */
import type { IExecuteResponsePromiseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AsteriskIvr } from '../../nodes/Asterisk/AsteriskIvr.node';
import { ANSWER_MARKER, readAnswer } from '../../nodes/Asterisk/ivr/turn';
import { runIvrNode } from '../support/ivr-context';
import type { Parameters } from '../support/n8n-context';

async function answerOf(parameters: Parameters): Promise<IExecuteResponsePromiseData[]> {
	const sent: IExecuteResponsePromiseData[] = [];
	await runIvrNode(node, parameters, { turn: 0 }, async (payload) => {
		sent.push(payload);
	});
	return sent;
}

async function errorOf(parameters: Parameters): Promise<Error> {
	try {
		await answerOf(parameters);
	} catch (error) {
		if (error instanceof Error) return error;
	}
	throw new Error('no error');
}

const node = new AsteriskIvr();

describe('Asterisk IVR node', () => {
	it('is a regular node named asteriskIvr, with the shared icons and no credential', () => {
		const { description } = new AsteriskIvr();
		expect(description.name).toBe('asteriskIvr');
		expect(description.icon).toEqual({ light: 'file:asterisk.svg', dark: 'file:asterisk.dark.svg' });
		expect(description.credentials).toBeUndefined();
	});

	it('answers with the defaults: collect one digit, 5 s / 3 s, barge-in, state {}', async () => {
		const [answer] = await answerOf({});
		expect(answer).toEqual({
			[ANSWER_MARKER]: 1,
			steps: [],
			ending: { type: 'collectDigits', maxDigits: 1, terminator: '', firstDigitTimeoutMs: 5000, interDigitTimeoutMs: 3000, bargeIn: true, flush: false },
			state: {},
		});
		expect(readAnswer(answer)).toEqual(answer);
	});

	it('turns every step and ending into the answer, in order', async () => {
		const [answer] = await answerOf({
			steps: {
				step: [
					{ action: 'play', file: 'custom/welcome' },
					{ action: 'append', file: 'custom/choices' },
					{ action: 'stop' },
					{ action: 'setVariable', variableName: 'LANG_CHOSEN', variableValue: 'fr' },
					{ action: 'log', message: 'menu reached' },
					{ action: 'answer' },
					{ action: 'sendDtmf', digits: '12#' },
				],
			},
			ending: 'returnToDialplan',
			dialplanVariables: { variable: [{ name: 'IVR_CHOICE', value: '2' }, { name: ' ', value: 'ignored' }] },
			waitForPlayback: false,
			state: { tries: 2 },
			options: { message: 'bye', replaceState: true },
		});
		expect(answer).toEqual({
			[ANSWER_MARKER]: 1,
			steps: [
				{ action: 'play', file: 'custom/welcome' },
				{ action: 'append', file: 'custom/choices' },
				{ action: 'stop' },
				{ action: 'setVariables', variables: { LANG_CHOSEN: 'fr' } },
				{ action: 'log', message: 'menu reached' },
				{ action: 'answer' },
				{ action: 'sendDtmf', digits: '12#' },
			],
			ending: { type: 'exit', variables: { IVR_CHOICE: '2' }, message: 'bye', waitForPlayback: false },
			state: { tries: 2 },
			replaceState: true,
		});
	});

	it('collect digits: seconds become milliseconds, spaces leave the terminator', async () => {
		const [answer] = await answerOf({ maxDigits: 4, terminator: '# *', firstDigitTimeout: 2.5, interDigitTimeout: 1, bargeIn: false, options: { flush: true } });
		expect(answer).toMatchObject({
			ending: { type: 'collectDigits', maxDigits: 4, terminator: '#*', firstDigitTimeoutMs: 2500, interDigitTimeoutMs: 1000, bargeIn: false, flush: true },
		});
	});

	it('hang up, waiting for playback by default', async () => {
		const [answer] = await answerOf({ ending: 'hangup' });
		expect(answer).toMatchObject({ ending: { type: 'hangup', message: '', waitForPlayback: true } });
	});

	it.each([
		[{ steps: { step: [{ action: 'play', file: 'a,b' }] } }, /^Step 1 \(Play File\): .*file name contains "&" or ","/],
		[{ steps: { step: [{ action: 'play', file: 'ok' }, { action: 'append', file: '' }] } }, /^Step 2 \(Append File\): .*file name is empty/],
		[{ steps: { step: [{ action: 'setVariable', variableName: 'X', variableValue: 'a,b' }] } }, /^Step 1 \(Set Variable\): .*value of variable "X" contains ","/],
		[{ steps: { step: [{ action: 'setVariable', variableName: 'A=B', variableValue: '1' }] } }, /^Step 1 \(Set Variable\): .*contains "="/],
		[{ steps: { step: [{ action: 'log', message: 'two\nlines' }] } }, /^Step 1 \(Log\): .*line break/],
		[{ steps: { step: [{ action: 'sendDtmf', digits: '12x' }] } }, /^Step 1 \(Send DTMF\): .*DTMF keys/],
		[{ maxDigits: 0 }, /^Max Digits: maxDigits must be a whole number from 1 to 256/],
		[{ terminator: 'x' }, /^Terminator: terminator "x" is not a DTMF key/],
		[{ firstDigitTimeout: -1 }, /^First Digit Timeout: /],
		[{ ending: 'returnToDialplan', dialplanVariables: { variable: [{ name: 'OPTION', value: 'line\r\nE,x' }] } }, /^Dialplan Variables: .*line break/],
		[{ ending: 'hangup', options: { message: 'a\nb' } }, /^Log Message: /],
		[{ state: '{not json' }, /^State: not valid JSON/],
		[{ state: '[1,2]' }, /^State: must be an object/],
	])('refuses %j before answering, naming the field', async (parameters, message) => {
		const error = await errorOf(parameters);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
	});

	it('passes every item through, paired, and answers from the first', async () => {
		const sent: IExecuteResponsePromiseData[] = [];
		const output = await runIvrNode(
			node,
			{ ending: 'hangup' },
			{},
			async (payload) => {
				sent.push(payload);
			},
			{ items: [{ json: { turn: 3 } }, { json: { other: true }, binary: {} }] },
		);
		expect(output).toEqual([
			{ json: { turn: 3 }, pairedItem: { item: 0 } },
			{ json: { other: true }, binary: {}, pairedItem: { item: 1 } },
		]);
		expect(sent).toHaveLength(1);
	});

	it('with continue on fail, a bad value becomes an error item and nothing is answered', async () => {
		const sent: IExecuteResponsePromiseData[] = [];
		const output = await runIvrNode(
			node,
			{ steps: { step: [{ action: 'play', file: 'a&b' }] } },
			{ turn: 0 },
			async (payload) => {
				sent.push(payload);
			},
			{ continueOnFail: true },
		);
		expect(sent).toEqual([]);
		expect(output).toEqual([{ json: { error: expect.stringMatching(/^Step 1 \(Play File\)/) }, pairedItem: { item: 0 } }]);
	});
});
