/**
 * What the two IVR nodes say to each other through n8n: the turn the trigger emits (one execution
 * each) and the answer the Asterisk IVR node sends back with `sendResponse`.
 *
 * The answer crosses n8n's response path (and, in queue mode, Redis between a worker and the
 * main), so it is plain JSON and is read back defensively. An execution that ends without an
 * answer still resolves the trigger's response promise (with `{}`, or an HTTP-like error body in
 * queue mode): only an object carrying ANSWER_MARKER is an answer.
 */
import type { IDataObject } from 'n8n-workflow';

import { collectSettings, formatCommand } from '../core/eivr';

/** The field that tells a real answer from what n8n sends when nobody answered. */
export const ANSWER_MARKER = 'asteriskIvrAnswer';
/** The answer format's version, the marker's value. */
export const ANSWER_VERSION = 1;

/** Why this turn was emitted. */
export type TurnEvent =
	/** The call just arrived: arguments and variables are read, nothing has played. */
	| 'start'
	/** Digit collection ended with at least one key (max digits, terminator, or inter-digit timeout). */
	| 'input'
	/** Digit collection ended without a key. */
	| 'timeout'
	/** The previous answer ended with "wait for playback", and it has. */
	| 'played'
	/** The caller hung up (or the call's socket was lost). The last turn; its answer is ignored. */
	| 'hangup';

export type TurnInputEnd = 'maxDigits' | 'terminator' | 'timeout' | '';

export type PlayedFile = {
	file: string;
	/** finished | stopped | dropped | missing | refused */
	outcome: string;
};

/** The json of one emitted turn. */
export type TurnData = {
	sessionId: string;
	/** 0 for `start`, then 1, 2… */
	turn: number;
	event: TurnEvent;
	/** The keys collected (terminator excluded); '' unless `event` is `input`. */
	digits: string;
	/** How the collection ended: maxDigits, terminator, timeout; '' when no collection ran. */
	inputEndedBy: TurnInputEnd;
	/** The terminator key pressed, when `inputEndedBy` is `terminator`. */
	terminator: string;
	/** `${CALLERID(num)}` as passed in the ExternalIVR arguments. */
	callerNumber: string;
	/** `${UNIQUEID}` as passed in the ExternalIVR arguments. */
	uniqueId: string;
	/** The ExternalIVR arguments without the token: uniqueId, callerNumber, then any extra ones. */
	arguments: string[];
	/** The channel variables the trigger read at start. */
	variables: IDataObject;
	/** What the workflow stored in earlier turns ({} at start). */
	state: IDataObject;
	/** Files that ended since the previous turn, and how. */
	played: PlayedFile[];
	/** Seconds since the call arrived. */
	elapsedSeconds: number;
	/** The Asterisk address the call came from. */
	remoteAddress: string;
};

export type IvrStep =
	| { action: 'play'; file: string }
	| { action: 'append'; file: string }
	| { action: 'stop' }
	| { action: 'setVariables'; variables: Record<string, string> }
	| { action: 'log'; message: string }
	| { action: 'answer' }
	| { action: 'sendDtmf'; digits: string };

export type IvrEnding =
	| {
			type: 'collectDigits';
			maxDigits: number;
			terminator: string;
			firstDigitTimeoutMs: number;
			interDigitTimeoutMs: number;
			bargeIn: boolean;
			/** Forget keys pressed before the collection started. */
			flush: boolean;
	  }
	| { type: 'waitForPlayback' }
	| { type: 'exit'; variables: Record<string, string>; message: string; waitForPlayback: boolean }
	| { type: 'hangup'; message: string; waitForPlayback: boolean };

export type IvrAnswer = {
	[ANSWER_MARKER]: typeof ANSWER_VERSION;
	steps: IvrStep[];
	ending: IvrEnding;
	/** Merged into the call's state (or replacing it, with replaceState). Absent: state unchanged. */
	state?: IDataObject;
	replaceState?: boolean;
};

/** A value carrying the marker that is not a valid answer (a different version, a broken shape). */
export class IvrAnswerError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'IvrAnswerError';
	}
}

/** True when the value carries the answer marker (valid or not). */
export function hasAnswerMarker(value: unknown): boolean {
	return isObject(value) && Object.prototype.hasOwnProperty.call(value, ANSWER_MARKER);
}

/**
 * The answer in a response payload: undefined when there is none (no marker), the checked answer
 * otherwise. Throws IvrAnswerError when the marker is there but the rest cannot be carried out.
 */
export function readAnswer(value: unknown): IvrAnswer | undefined {
	if (!hasAnswerMarker(value) || !isObject(value)) return undefined;
	if (value[ANSWER_MARKER] !== ANSWER_VERSION) {
		throw new IvrAnswerError(`unsupported answer version ${JSON.stringify(value[ANSWER_MARKER])} (this trigger reads version ${ANSWER_VERSION})`);
	}
	const steps = value.steps;
	if (!Array.isArray(steps)) throw new IvrAnswerError('the answer has no list of steps');
	const answer: IvrAnswer = {
		[ANSWER_MARKER]: ANSWER_VERSION,
		steps: steps.map((step, index) => readStep(step, index)),
		ending: readEnding(value.ending),
	};
	if (value.state !== undefined) {
		if (!isObject(value.state)) throw new IvrAnswerError('the state is not an object');
		answer.state = value.state as IDataObject;
	}
	if (value.replaceState === true) answer.replaceState = true;
	checkAnswer(answer);
	return answer;
}

/**
 * Every command the answer would send, formatted once: throws the core's IvrUnsafeCommandError
 * (naming the field) or a RangeError before anything is written.
 */
export function checkAnswer(answer: IvrAnswer): void {
	for (const step of answer.steps) {
		switch (step.action) {
			case 'play':
			case 'append':
				formatCommand({ type: 'append', file: step.file });
				break;
			case 'setVariables':
				if (Object.keys(step.variables).length > 0) formatCommand({ type: 'setVariables', variables: step.variables });
				break;
			case 'log':
				formatCommand({ type: 'log', message: step.message });
				break;
			case 'sendDtmf':
				formatCommand({ type: 'sendDtmf', digits: step.digits });
				break;
			default:
				break;
		}
	}
	const ending = answer.ending;
	if (ending.type === 'collectDigits') {
		// The core's own limits, checked now so that nothing is written for a bad answer.
		collectSettings(ending);
	} else if (ending.type === 'exit') {
		if (Object.keys(ending.variables).length > 0) formatCommand({ type: 'setVariables', variables: ending.variables });
		formatCommand({ type: 'exit', message: ending.message });
	} else if (ending.type === 'hangup') {
		formatCommand({ type: 'hangup', message: ending.message });
	}
}

function readStep(raw: unknown, index: number): IvrStep {
	if (!isObject(raw)) throw new IvrAnswerError(`step ${index + 1} is not an object`);
	const where = `step ${index + 1}`;
	switch (raw.action) {
		case 'play':
		case 'append':
			return { action: raw.action, file: str(raw.file, `${where}: file`) };
		case 'stop':
		case 'answer':
			return { action: raw.action };
		case 'setVariables':
			return { action: 'setVariables', variables: strings(raw.variables, `${where}: variables`) };
		case 'log':
			return { action: 'log', message: str(raw.message, `${where}: message`) };
		case 'sendDtmf':
			return { action: 'sendDtmf', digits: str(raw.digits, `${where}: digits`) };
		default:
			throw new IvrAnswerError(`${where} has an unknown action ${JSON.stringify(raw.action)}`);
	}
}

function readEnding(raw: unknown): IvrEnding {
	if (!isObject(raw)) throw new IvrAnswerError('the answer has no ending');
	switch (raw.type) {
		case 'collectDigits':
			return {
				type: 'collectDigits',
				maxDigits: num(raw.maxDigits, 'maxDigits'),
				terminator: str(raw.terminator, 'terminator'),
				firstDigitTimeoutMs: num(raw.firstDigitTimeoutMs, 'firstDigitTimeoutMs'),
				interDigitTimeoutMs: num(raw.interDigitTimeoutMs, 'interDigitTimeoutMs'),
				bargeIn: raw.bargeIn !== false,
				flush: raw.flush === true,
			};
		case 'waitForPlayback':
			return { type: 'waitForPlayback' };
		case 'exit':
			return {
				type: 'exit',
				variables: strings(raw.variables ?? {}, 'ending variables'),
				message: str(raw.message ?? '', 'message'),
				waitForPlayback: raw.waitForPlayback !== false,
			};
		case 'hangup':
			return { type: 'hangup', message: str(raw.message ?? '', 'message'), waitForPlayback: raw.waitForPlayback !== false };
		default:
			throw new IvrAnswerError(`unknown ending ${JSON.stringify(raw.type)}`);
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, what: string): string {
	if (typeof value !== 'string') throw new IvrAnswerError(`${what} is not a string`);
	return value;
}

function num(value: unknown, what: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new IvrAnswerError(`${what} is not a number`);
	return value;
}

function strings(value: unknown, what: string): Record<string, string> {
	if (!isObject(value)) throw new IvrAnswerError(`${what} is not an object`);
	const result: Record<string, string> = {};
	for (const [name, entry] of Object.entries(value)) {
		if (typeof entry !== 'string') throw new IvrAnswerError(`${what}: the value of ${JSON.stringify(name)} is not a string`);
		Object.defineProperty(result, name, { value: entry, enumerable: true, writable: true, configurable: true });
	}
	return result;
}
