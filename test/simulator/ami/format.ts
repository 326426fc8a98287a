/**
 * Wire text and the dynamic values Asterisk prints, in the captures' formats: `Name: value`
 * lines ending CRLF, a blank line after each message; `1795404694.481209` timestamps,
 * `2026-11-23T03:31:34.480+0000` EventTV, `0x7f83f40011a0` SessionIDs, `68620382` challenges.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Headers } from './types';

/** One message: each header on its own CRLF line, then the blank line. */
export function formatMessage(headers: Headers): string {
	let text = '';
	for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
	return `${text}\r\n`;
}

/** An event as manager_event() writes it: `Event:`, `Privilege:`, then the body. */
export function formatEvent(name: string, privilegeValue: string, body: Headers): string {
	return formatMessage([['Event', name], ['Privilege', privilegeValue], ...body]);
}

/**
 * astman_send_response_full(): `Response`, `ActionID` when the action had a non-empty one,
 * `EventList` for list starts, `Message`, then any extra headers.
 */
export function responseHeaders(
	response: string,
	actionId: string | undefined,
	message?: string,
	eventList?: string,
): Headers {
	const headers: Headers = [['Response', response]];
	if (actionId !== undefined && actionId !== '') headers.push(['ActionID', actionId]);
	if (eventList !== undefined) headers.push(['EventList', eventList]);
	if (message !== undefined) headers.push(['Message', message]);
	return headers;
}

/** `ActionID: x` as a one-header list, or nothing, for list items and completes. */
export function actionIdHeader(actionId: string | undefined): Headers {
	return actionId === undefined || actionId === '' ? [] : [['ActionID', actionId]];
}

/** Ping's `Timestamp`: seconds and microseconds. */
export function pingTimestamp(now = Date.now()): string {
	const seconds = Math.floor(now / 1000);
	const micros = (now % 1000) * 1000 + randomInt(1000);
	return `${seconds}.${String(micros).padStart(6, '0')}`;
}

/** EventTV / SessionTV: ISO time with milliseconds and `+0000`. */
export function eventTv(now = Date.now()): string {
	return new Date(now).toISOString().replace('Z', '+0000');
}

/** Cdr times: `2026-11-23 03:32:00` (UTC, as the capture machine ran). */
export function cdrTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** A session pointer as Asterisk prints it: `0x7f` and ten hex digits. */
export function sessionId(): string {
	return `0x7f${randomBytes(5).toString('hex')}`;
}

/** ast_random() printed with %ld. */
export function challenge(): string {
	return String(randomInt(1, 2 ** 31 - 1));
}

/** Unix seconds. */
export function unixSeconds(now = Date.now()): number {
	return Math.floor(now / 1000);
}

/** `Local/100@park-test-0000000b`: eight lowercase hex digits. */
export function channelSequence(n: number): string {
	return n.toString(16).padStart(8, '0');
}
