/**
 * Commands: what we send to Asterisk, one line each, or a refusal before a single byte exists.
 *
 * How Asterisk reads them (app_externalivr.c, eivr_comm): `fgets` into a 1024-byte buffer, then
 * `ast_strip` (leading and trailing white space go), then a line shorter than 3 characters is
 * ignored, then `input[0]` picks the command and `&input[2]` is its data. So:
 * - a CR, LF or NUL in a value would end the line early and start another command: refused, and
 *   so is every other control character;
 * - a line of 1023 bytes or more is cut by `fgets` and its tail read as a new command: refused;
 * - `S`/`A` take the whole rest of the line as one file name (no `&` list, no options);
 * - `V` splits its data on `,` and each piece on its first `=`; `G` splits its names on `,`. There
 *   is no escape, so a comma in a name or value, or `=` in a name, would change what is set;
 * - a value that ends the line loses trailing white space to `ast_strip`;
 * - `E,` or `H,` with nothing after is shorter than 3 characters and silently ignored, so those
 *   always carry a message.
 */
import { IvrUnsafeCommandError } from './errors';

/** The longest line (with its LF) that `fgets(input, 1024)` returns whole. */
export const MAX_COMMAND_BYTES = 1023;

export type IvrOption = 'autoclear' | 'noautoclear';

export type IvrCommand =
	/** `S`: replace the playlist with this file (the current one gets `T`, queued ones `D`). */
	| { readonly type: 'play'; readonly file: string }
	/** `A`: append this file to the playlist. */
	| { readonly type: 'append'; readonly file: string }
	/** `I`: stop the current file and clear the playlist. */
	| { readonly type: 'interrupt' }
	/** `V`: set channel variables (Asterisk answers nothing). */
	| { readonly type: 'setVariables'; readonly variables: Readonly<Record<string, string>> }
	/** `G`: read channel (or global) variables; answered by a `G` event. */
	| { readonly type: 'getVariables'; readonly names: readonly string[] }
	/** `P`: read the ExternalIVR arguments; answered by a `P` event. */
	| { readonly type: 'getParams' }
	/** `E`: leave ExternalIVR, the dialplan continues; answered by `E`. */
	| { readonly type: 'exit'; readonly message?: string }
	/** `H`: hang the channel up; answered by `H`. */
	| { readonly type: 'hangup'; readonly message?: string }
	/** `L`: write a NOTICE line to the Asterisk log. */
	| { readonly type: 'log'; readonly message: string }
	/** `T`: answer the channel if it is not up yet (option `n`). */
	| { readonly type: 'answer' }
	/** `O`: with autoclear, a DTMF stops and clears the playlist inside Asterisk. */
	| { readonly type: 'option'; readonly option: IvrOption }
	/** `D`: send DTMF on the channel (`w` waits 0.5 s); interval and duration in ms. */
	| { readonly type: 'sendDtmf'; readonly digits: string; readonly intervalMs?: number; readonly durationMs?: number };

export type IvrCommandType = IvrCommand['type'];

const LETTER: Record<IvrCommandType, string> = {
	play: 'S',
	append: 'A',
	interrupt: 'I',
	setVariables: 'V',
	getVariables: 'G',
	getParams: 'P',
	exit: 'E',
	hangup: 'H',
	log: 'L',
	answer: 'T',
	option: 'O',
	sendDtmf: 'D',
};

// Every C0 control and DEL: CR/LF/NUL split lines; the others are never meant and may be eaten.
const CONTROL = /[\x00-\x1f\x7f]/;
const SPACE = /\s/;
const DTMF_OUT = /^[0-9*#A-Da-dwW]+$/;

/** The command's line without its LF. Throws IvrUnsafeCommandError if it cannot be sent as is. */
export function formatCommand(command: IvrCommand): string {
	const letter = LETTER[command.type];
	const data = commandData(command, letter);
	const line = `${letter},${data}`;
	const bytes = Buffer.byteLength(line) + 1;
	if (bytes > MAX_COMMAND_BYTES) {
		throw new IvrUnsafeCommandError(
			letter,
			'the line',
			`would be ${bytes} bytes; Asterisk reads at most ${MAX_COMMAND_BYTES} and would read the rest as another command`,
		);
	}
	return line;
}

/** The bytes of one command, LF-terminated, ready for one socket write. */
export function serializeCommand(command: IvrCommand): Buffer {
	return Buffer.from(`${formatCommand(command)}\n`, 'utf8');
}

function commandData(command: IvrCommand, letter: string): string {
	switch (command.type) {
		case 'play':
		case 'append':
			checkFile(letter, command.file);
			return command.file;
		case 'interrupt':
		case 'getParams':
		case 'answer':
			// Asterisk ignores lines under 3 characters: `I` alone does nothing, `I,0` works.
			return '0';
		case 'setVariables':
			return formatAssignments(letter, command.variables);
		case 'getVariables':
			if (command.names.length === 0) throw new IvrUnsafeCommandError(letter, 'the variable list', 'is empty');
			for (const name of command.names) checkVariableName(letter, name);
			return command.names.join(',');
		case 'exit':
			return message(letter, command.message, 'exit');
		case 'hangup':
			return message(letter, command.message, 'hangup');
		case 'log':
			return message(letter, command.message, undefined);
		case 'option':
			if (command.option !== 'autoclear' && command.option !== 'noautoclear') {
				throw new IvrUnsafeCommandError(letter, 'option', 'must be "autoclear" or "noautoclear"');
			}
			return command.option;
		case 'sendDtmf':
			return formatDtmf(letter, command.digits, command.intervalMs, command.durationMs);
	}
}

function checkFile(letter: string, file: string): void {
	if (typeof file !== 'string' || file.length === 0) throw new IvrUnsafeCommandError(letter, 'file name', 'is empty');
	if (CONTROL.test(file)) {
		throw new IvrUnsafeCommandError(letter, 'file name', 'contains a line break, NUL or another control character');
	}
	if (file.includes('&') || file.includes(',')) {
		// ExternalIVR is not Playback: `a&b` or `file,skip` would be looked up as one file name.
		throw new IvrUnsafeCommandError(letter, 'file name', 'contains "&" or ","; pass each file separately');
	}
	if (file.trim() !== file) {
		throw new IvrUnsafeCommandError(letter, 'file name', 'starts or ends with white space, which Asterisk would not keep');
	}
}

function checkVariableName(letter: string, name: string): void {
	if (typeof name !== 'string' || name.length === 0) throw new IvrUnsafeCommandError(letter, 'a variable name', 'is empty');
	const field = `variable name "${printable(name)}"`;
	if (CONTROL.test(name)) throw new IvrUnsafeCommandError(letter, field, 'contains a line break, NUL or another control character');
	if (name.includes(',')) throw new IvrUnsafeCommandError(letter, field, 'contains ",", which separates variables');
	if (name.includes('=')) throw new IvrUnsafeCommandError(letter, field, 'contains "=", which separates a name from its value');
	if (SPACE.test(name)) throw new IvrUnsafeCommandError(letter, field, 'contains white space');
}

function formatAssignments(letter: string, variables: Readonly<Record<string, string>>): string {
	const entries = Object.entries(variables);
	if (entries.length === 0) throw new IvrUnsafeCommandError(letter, 'the variable list', 'is empty');
	const parts: string[] = [];
	for (const [name, rawValue] of entries) {
		checkVariableName(letter, name);
		const value = String(rawValue);
		const field = `value of variable "${printable(name)}"`;
		if (CONTROL.test(value)) throw new IvrUnsafeCommandError(letter, field, 'contains a line break, NUL or another control character');
		if (value.includes(',')) {
			throw new IvrUnsafeCommandError(letter, field, 'contains ",", which Asterisk would read as the start of another variable');
		}
		if (value.trimEnd() !== value) {
			throw new IvrUnsafeCommandError(letter, field, 'ends with white space, which Asterisk strips from the end of a line');
		}
		parts.push(`${name}=${value}`);
	}
	return parts.join(',');
}

function message(letter: string, text: string | undefined, fallback: string | undefined): string {
	const value = text === undefined ? '' : String(text);
	if (CONTROL.test(value)) throw new IvrUnsafeCommandError(letter, 'message', 'contains a line break, NUL or another control character');
	const trimmed = value.trim();
	if (trimmed !== '') return trimmed;
	// `E,` alone would be ignored by Asterisk (under 3 characters): always send some text.
	if (fallback === undefined) throw new IvrUnsafeCommandError(letter, 'message', 'is empty');
	return fallback;
}

function formatDtmf(letter: string, digits: string, intervalMs: number | undefined, durationMs: number | undefined): string {
	if (typeof digits !== 'string' || !DTMF_OUT.test(digits)) {
		throw new IvrUnsafeCommandError(letter, 'digits', 'must be DTMF keys 0-9 * # A-D (w for a pause)');
	}
	for (const [field, value] of [['intervalMs', intervalMs], ['durationMs', durationMs]] as const) {
		if (value !== undefined && (!Number.isInteger(value) || value <= 0 || value > 60_000)) {
			throw new IvrUnsafeCommandError(letter, field, 'must be a whole number of milliseconds from 1 to 60000');
		}
	}
	if (durationMs !== undefined) return `${digits},${intervalMs ?? ''},${durationMs}`;
	if (intervalMs !== undefined) return `${digits},${intervalMs}`;
	return digits;
}

/** A name fit for an error message: control characters shown as escapes, long names cut. */
function printable(name: string): string {
	const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name).slice(1, -1);
	return shown;
}
