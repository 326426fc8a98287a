/**
 * Turns an AMI action into the bytes to write, or refuses it before a single byte is produced.
 *
 * Nothing a user types may become a header of its own: a CR or LF in a value would let
 * `"123\r\nAction: Command"` smuggle a second action onto the wire. Limits are Asterisk's own
 * (main/manager.c): a line of at most 1024 bytes with its CRLF, at most 128 lines per action.
 */
import { AmiUnsafeActionError } from './errors';

export type AmiHeaderValue = string | number | boolean;

/**
 * Headers as an object (an array value repeats the header, one line per value; undefined and
 * null are left out) or as ordered `[name, value]` pairs.
 */
export type AmiHeaders =
	| Readonly<Record<string, AmiHeaderValue | readonly AmiHeaderValue[] | null | undefined>>
	| ReadonlyArray<readonly [string, AmiHeaderValue]>;

/** Asterisk reads a line into a 1024-byte buffer; longer lines are discarded with the action. */
export const MAX_LINE_BYTES = 1024;
/** AST_MAX_MANHEADERS: headers past the 128th are silently dropped by Asterisk. */
export const MAX_HEADER_LINES = 128;

// CR, LF and NUL end or split a line in Asterisk's reader; names also may not hold other
// control characters or the colon that ends a name.
const UNSAFE_IN_VALUE = /[\r\n\0]/;
const UNSAFE_IN_NAME = /[\x00-\x1f\x7f:]/;

/** Flatten headers into ordered pairs, values as text. */
export function headerPairs(headers: AmiHeaders | undefined): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	if (headers === undefined) return pairs;
	if (Array.isArray(headers)) {
		for (const [name, value] of headers as ReadonlyArray<readonly [string, AmiHeaderValue]>) {
			pairs.push([name, String(value)]);
		}
		return pairs;
	}
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) for (const item of value) pairs.push([name, String(item)]);
		else pairs.push([name, String(value)]);
	}
	return pairs;
}

/** Throws AmiUnsafeActionError naming the header (never its value) if it cannot be sent as is. */
export function checkHeader(name: string, value: string): void {
	if (name.length === 0) throw new AmiUnsafeActionError('(empty name)', 'a header name may not be empty');
	if (UNSAFE_IN_NAME.test(name)) {
		throw new AmiUnsafeActionError(printableName(name), 'a header name may not contain ":" or control characters');
	}
	if (UNSAFE_IN_VALUE.test(value)) {
		throw new AmiUnsafeActionError(name, 'its value contains a line break (CR or LF) or NUL, which would end the header early');
	}
	const lineBytes = Buffer.byteLength(name) + 2 + Buffer.byteLength(value) + 2;
	if (lineBytes > MAX_LINE_BYTES) {
		throw new AmiUnsafeActionError(name, `the line would be ${lineBytes} bytes; Asterisk reads at most ${MAX_LINE_BYTES}`);
	}
}

/**
 * Serialize `Action: <action>`, the headers in order, then `ActionID` if given, and the blank line.
 */
export function serializeAction(action: string, headers?: AmiHeaders, actionId?: string): Buffer {
	const pairs = headerPairs(headers);
	const lineCount = 1 + pairs.length + (actionId === undefined ? 0 : 1);
	if (lineCount > MAX_HEADER_LINES) {
		throw new AmiUnsafeActionError(
			pairs[MAX_HEADER_LINES - 1]?.[0] ?? 'ActionID',
			`the action has ${lineCount} lines; Asterisk keeps only the first ${MAX_HEADER_LINES}`,
		);
	}
	checkHeader('Action', action);
	let text = `Action: ${action}\r\n`;
	for (const [name, value] of pairs) {
		checkHeader(name, value);
		text += `${name}: ${value}\r\n`;
	}
	if (actionId !== undefined) {
		checkHeader('ActionID', actionId);
		text += `ActionID: ${actionId}\r\n`;
	}
	return Buffer.from(text + '\r\n', 'utf8');
}

/** A header name safe to show in an error: control characters escaped, length capped. */
function printableName(name: string): string {
	return JSON.stringify(name.slice(0, 64)).slice(1, -1);
}
