/**
 * Events: the lines Asterisk sends on an ExternalIVR socket, parsed into a typed union.
 *
 * Wire format (app_externalivr.c, send_eivr_event): `<tag>,<time>[,<data>]\n`, where time is
 * printed with `%10d` (ten digits today; space-padded if it were ever shorter). The tag is one
 * character. Parsing never throws: a line that does not fit becomes `{ type: 'unknown' }`, so a
 * future Asterisk tag or a garbled line cannot take a call down.
 */

export type DtmfDigit =
	| '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9'
	| '*' | '#' | 'A' | 'B' | 'C' | 'D';

const DTMF_DIGITS = new Set<string>(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D']);

export function isDtmfDigit(value: string): value is DtmfDigit {
	return DTMF_DIGITS.has(value);
}

interface EventBase {
	/** Unix time in seconds, as Asterisk stamped it. */
	readonly timestamp: number;
	/** The line as received, without its line ending. */
	readonly raw: string;
}

/** `0-9 * # A-D`: a key pressed on the call. `D` without data is the digit D. */
export interface DtmfEvent extends EventBase { readonly type: 'dtmf'; readonly digit: DtmfDigit }
/** `F`: a file of the playlist finished playing. */
export interface FinishedEvent extends EventBase { readonly type: 'finished'; readonly file: string }
/** `T`: the file that was playing was stopped (by `S`, `I`, or a DTMF with autoclear). */
export interface StoppedEvent extends EventBase { readonly type: 'stopped'; readonly file: string }
/** `D` with data: a queued file was dropped without playing. */
export interface DroppedEvent extends EventBase { readonly type: 'dropped'; readonly file: string }
/**
 * `Z`: a command could not be carried out. `data` is the missing file for `S`/`A`,
 * `ANSWER_FAILURE` or `GENERATOR_FAILURE` for `T`, and absent when the channel is not up.
 */
export interface FailedEvent extends EventBase { readonly type: 'failed'; readonly data: string | undefined }
/** `P`: the ExternalIVR arguments; `url` is the first field (`ivr://host:port`). */
export interface ParamsEvent extends EventBase { readonly type: 'params'; readonly url: string; readonly args: readonly string[] }
/** `G`: values of the variables asked for, in the order asked; unset ones are `''`. */
export interface VariablesEvent extends EventBase {
	readonly type: 'variables';
	readonly variables: Readonly<Record<string, string>>;
	/** The data as sent (`A=1,B=two words`), for a caller that knows the names it asked for. */
	readonly data: string;
}
/** `E`: Asterisk leaves ExternalIVR after our `E` command; the dialplan continues. */
export interface ExitEvent extends EventBase { readonly type: 'exit' }
/** `H`: the channel hung up (the far end did, or we sent `H`). Asterisk closes the socket next. */
export interface HangupEvent extends EventBase { readonly type: 'hangup' }
/** `I`: an inform message; the only one is `HANGUP` (option `i`: Asterisk waits for `E` or `H`). */
export interface InformEvent extends EventBase { readonly type: 'inform'; readonly message: string }
/** Any other line, kept as received. */
export interface UnknownEvent {
	readonly type: 'unknown';
	readonly tag: string;
	readonly timestamp: number | undefined;
	readonly data: string | undefined;
	readonly raw: string;
}

export type IvrEvent =
	| DtmfEvent
	| FinishedEvent
	| StoppedEvent
	| DroppedEvent
	| FailedEvent
	| ParamsEvent
	| VariablesEvent
	| ExitEvent
	| HangupEvent
	| InformEvent
	| UnknownEvent;

export type IvrEventType = IvrEvent['type'];

/** ast_eivr_getvariable copies its answer into a 2048-byte buffer: the data is cut at 2047 bytes. */
export const MAX_VARIABLES_ANSWER_BYTES = 2047;

const HEAD = /^(.),( *\d+)(?:,(.*))?$/s;

/** Parse one event line (without its LF; a trailing CR is tolerated and removed). */
export function parseEvent(line: string): IvrEvent {
	const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
	const head = HEAD.exec(raw);
	if (head === null) {
		return { type: 'unknown', tag: raw.slice(0, 1), timestamp: undefined, data: raw.length > 2 ? raw.slice(2) : undefined, raw };
	}
	const tag = head[1];
	const timestamp = Number(head[2].trim());
	const data: string | undefined = head[3];
	const base = { timestamp, raw };

	// `D` is both a digit and "dropped": Asterisk tells them apart only by the data element.
	if (tag === 'D' && data !== undefined) return { type: 'dropped', file: data, ...base };
	if (isDtmfDigit(tag) && data === undefined) return { type: 'dtmf', digit: tag, ...base };

	switch (tag) {
		case 'F':
			if (data !== undefined) return { type: 'finished', file: data, ...base };
			break;
		case 'T':
			if (data !== undefined) return { type: 'stopped', file: data, ...base };
			break;
		case 'Z':
			return { type: 'failed', data, ...base };
		case 'P': {
			const fields = (data ?? '').split(',');
			return { type: 'params', url: fields[0], args: fields.slice(1), ...base };
		}
		case 'G':
			return { type: 'variables', variables: parseVariables(data ?? ''), data: data ?? '', ...base };
		case 'E':
			return { type: 'exit', ...base };
		case 'H':
			return { type: 'hangup', ...base };
		case 'I':
			return { type: 'inform', message: data ?? '', ...base };
	}
	return { type: 'unknown', tag, timestamp, data, raw };
}

/**
 * Read the data of a `G` event: `A=1,B=two words,C=`.
 *
 * Asterisk joins `name=value` pairs with commas and escapes nothing, so a value holding a comma
 * is ambiguous. Given the names that were asked for (Asterisk answers in that order), each value
 * runs up to the next `,<name>=`, which is exact unless a value itself holds that text. Without
 * names, a piece that has no `=` is taken as the rest of the previous value.
 */
export function parseVariables(data: string, names?: readonly string[]): Record<string, string> {
	if (names !== undefined && names.length > 0) {
		const known = parseKnownVariables(data, names);
		if (known !== undefined) return known;
	}
	const result: Record<string, string> = {};
	if (data === '') return result;
	let last: string | undefined;
	for (const piece of data.split(',')) {
		const eq = piece.indexOf('=');
		if (eq === -1 && last !== undefined) {
			setOwn(result, last, `${result[last]},${piece}`);
			continue;
		}
		const name = eq === -1 ? piece : piece.slice(0, eq);
		setOwn(result, name, eq === -1 ? '' : piece.slice(eq + 1));
		last = name;
	}
	return result;
}

function parseKnownVariables(data: string, names: readonly string[]): Record<string, string> | undefined {
	const result: Record<string, string> = {};
	let at = 0;
	for (let i = 0; i < names.length; i++) {
		const prefix = `${names[i]}=`;
		if (!data.startsWith(prefix, at)) return undefined;
		const start = at + prefix.length;
		const next = i + 1 < names.length ? data.indexOf(`,${names[i + 1]}=`, start) : -1;
		// Asterisk cuts its answer at 2047 bytes: names past the cut are simply missing.
		const end = next === -1 ? data.length : next;
		setOwn(result, names[i], data.slice(start, end));
		if (next === -1) break;
		at = next + 1;
	}
	return result;
}

/** Plain assignment would treat a variable named `__proto__` as the prototype. */
export function setOwn(record: Record<string, string>, key: string, value: string): void {
	Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
