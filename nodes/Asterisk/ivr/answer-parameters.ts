/**
 * The Asterisk IVR node's parameters as an answer, checked here rather than on the call: a value
 * the core would refuse (a comma in a file name, a line break in a variable) becomes a
 * NodeOperationError naming the field, while the workflow can still show it.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { formatCommand, IvrUnsafeCommandError } from '../core/eivr';
import { STEP_ACTIONS } from './ivr-description';
import { ANSWER_MARKER, ANSWER_VERSION, checkAnswer, type IvrAnswer, type IvrEnding, type IvrStep } from './turn';

export function buildAnswer(this: IExecuteFunctions, itemIndex: number): IvrAnswer {
	const fail = (field: string, error: unknown): NodeOperationError =>
		new NodeOperationError(this.getNode(), `${field}: ${reason(error)}`, { itemIndex });

	const rows = (this.getNodeParameter('steps', itemIndex, {}) as IDataObject).step;
	const steps = (Array.isArray(rows) ? rows : []).map((row, index) => {
		const entry = (typeof row === 'object' && row !== null ? row : {}) as IDataObject;
		const label = `Step ${index + 1} (${STEP_ACTIONS.find((action) => action.value === entry.action)?.name ?? String(entry.action)})`;
		try {
			return readStep(entry);
		} catch (error) {
			throw fail(label, error);
		}
	});

	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let ending: IvrEnding;
	try {
		ending = readEnding.call(this, itemIndex, options);
	} catch (error) {
		throw fail(endingField(error), error);
	}

	const answer: IvrAnswer = { [ANSWER_MARKER]: ANSWER_VERSION, steps, ending, state: readState.call(this, itemIndex) };
	if (options.replaceState === true) answer.replaceState = true;
	try {
		checkAnswer(answer); // the steps were checked one by one; this checks the ending's commands
	} catch (error) {
		throw fail(endingField(error), error);
	}
	return answer;
}

function readStep(entry: IDataObject): IvrStep {
	const text = (name: string): string => (entry[name] === undefined || entry[name] === null ? '' : String(entry[name]));
	switch (entry.action) {
		case 'play':
		case 'append': {
			const file = text('file').trim();
			formatCommand({ type: entry.action, file });
			return { action: entry.action, file };
		}
		case 'stop':
			return { action: 'stop' };
		case 'answer':
			return { action: 'answer' };
		case 'setVariable': {
			const name = text('variableName').trim();
			const variables = { [name]: text('variableValue') };
			formatCommand({ type: 'setVariables', variables });
			return { action: 'setVariables', variables };
		}
		case 'log': {
			const message = text('message');
			formatCommand({ type: 'log', message });
			return { action: 'log', message };
		}
		case 'sendDtmf': {
			const digits = text('digits').trim();
			formatCommand({ type: 'sendDtmf', digits });
			return { action: 'sendDtmf', digits };
		}
		default:
			throw new Error(`unknown action ${JSON.stringify(entry.action)}`);
	}
}

function readEnding(this: IExecuteFunctions, itemIndex: number, options: IDataObject): IvrEnding {
	const ending = this.getNodeParameter('ending', itemIndex, 'collectDigits');
	const message = typeof options.message === 'string' ? options.message : '';
	switch (ending) {
		case 'collectDigits':
			return {
				type: 'collectDigits',
				maxDigits: Number(this.getNodeParameter('maxDigits', itemIndex, 1)),
				terminator: String(this.getNodeParameter('terminator', itemIndex, '')).replace(/\s/g, ''),
				firstDigitTimeoutMs: seconds(this.getNodeParameter('firstDigitTimeout', itemIndex, 5)),
				interDigitTimeoutMs: seconds(this.getNodeParameter('interDigitTimeout', itemIndex, 3)),
				bargeIn: this.getNodeParameter('bargeIn', itemIndex, true) !== false,
				flush: options.flush === true,
			};
		case 'waitForPlayback':
			return { type: 'waitForPlayback' };
		case 'returnToDialplan':
			return {
				type: 'exit',
				variables: readVariables.call(this, itemIndex),
				message,
				waitForPlayback: this.getNodeParameter('waitForPlayback', itemIndex, true) !== false,
			};
		case 'hangup':
			return { type: 'hangup', message, waitForPlayback: this.getNodeParameter('waitForPlayback', itemIndex, true) !== false };
		default:
			throw new Error(`unknown choice ${JSON.stringify(ending)}`);
	}
}

function readVariables(this: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const rows = (this.getNodeParameter('dialplanVariables', itemIndex, {}) as IDataObject).variable;
	const variables: Record<string, string> = {};
	for (const row of Array.isArray(rows) ? rows : []) {
		if (typeof row !== 'object' || row === null) continue;
		const entry = row as IDataObject;
		const name = String(entry.name ?? '').trim();
		if (name === '') continue;
		Object.defineProperty(variables, name, { value: entry.value === undefined || entry.value === null ? '' : String(entry.value), enumerable: true, writable: true, configurable: true });
	}
	return variables;
}

function readState(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = this.getNodeParameter('state', itemIndex, '{}');
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `State: not valid JSON (${reason(error)})`, { itemIndex });
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new NodeOperationError(this.getNode(), 'State: must be an object, e.g. {"tries": 1}', { itemIndex });
	}
	return value as IDataObject;
}

function seconds(value: unknown): number {
	const parsed = Number(value);
	return Number.isFinite(parsed) ? Math.round(parsed * 1000) : NaN;
}

/** The parameter an ending error is about. */
function endingField(error: unknown): string {
	if (error instanceof IvrUnsafeCommandError) {
		if (error.command === 'V') return 'Dialplan Variables';
		return 'Log Message';
	}
	const message = reason(error);
	if (message.startsWith('maxDigits')) return 'Max Digits';
	if (message.startsWith('terminator')) return 'Terminator';
	if (message.startsWith('firstDigitTimeout')) return 'First Digit Timeout';
	if (message.startsWith('interDigitTimeout')) return 'Inter-Digit Timeout';
	return 'Then';
}

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
