/**
 * AmiMessage → the JSON of one output item.
 *
 * - Header names exactly as Asterisk sent them; a repeated header becomes an array of its values
 *   in order (AmiMessage.toObject()).
 * - Channel variables gathered into an object. Asterisk ≥ 12 writes one header per variable set
 *   with `channelvars=` in manager.conf, `ChanVariable: NAME=value` (main/manager_channels.c,
 *   `"%sChanVariable: %s=%s\r\n"`); the prefix names the channel's role in the event
 *   (`DestChanVariable`, `TransfererChanVariable`…). Asterisk 11 and older wrote
 *   `ChanVariable(<channel>): NAME=value`. Each such header is gathered under its own name:
 *   `ChanVariable: ['A=1', 'B=two']` → `ChanVariable: { A: '1', B: 'two' }`. The value is split at
 *   the first `=` (values may hold `=`); a name without `=` gets `''`; a repeated name keeps the last.
 *   (The captures in ../shared have no channelvars configured, so this format comes from the source.)
 * - `receivedAt`: when we read the event (ISO 8601), since events carry no time of their own
 *   unless manager.conf has `timestampevents = yes` (then `Timestamp` is kept as sent).
 */
import type { AmiMessage } from '../core/ami';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type EventItem = { [key: string]: JsonValue };

export interface EventItemOptions {
	/** When the event was read (ms since epoch or a Date); default now. */
	receivedAt?: number | Date;
	/** Name of the timestamp field (default `receivedAt`); an empty string leaves it out. */
	receivedAtField?: string;
	/** Gather channel variables into objects (default true). */
	gatherChanVariables?: boolean;
}

/** `ChanVariable`, `DestChanVariable`, `ChanVariable(SIP/100-0001)`…, any case. */
const CHAN_VARIABLE_HEADER = /chanvariable(\(.*\))?$/i;

export function isChanVariableHeader(name: string): boolean {
	return CHAN_VARIABLE_HEADER.test(name);
}

/** `['A=1', 'B=two=2', 'C']` → `{ A: '1', B: 'two=2', C: '' }` (safe for any name, `__proto__` too). */
export function gatherChanVariables(values: readonly string[]): { [name: string]: string } {
	const out: { [name: string]: string } = {};
	for (const entry of values) {
		const eq = entry.indexOf('=');
		const name = eq < 0 ? entry : entry.slice(0, eq);
		const value = eq < 0 ? '' : entry.slice(eq + 1);
		defineField(out, name, value);
	}
	return out;
}

/** One output item for one event. */
export function toEventItem(message: AmiMessage, options: EventItemOptions = {}): EventItem {
	const headers = message.toObject();
	const item: EventItem = {};
	const gather = options.gatherChanVariables !== false;
	for (const name of Object.keys(headers)) {
		const value = headers[name];
		if (gather && isChanVariableHeader(name)) {
			defineField(item, name, gatherChanVariables(Array.isArray(value) ? value : [value]));
		} else {
			defineField(item, name, Array.isArray(value) ? [...value] : value);
		}
	}
	const field = options.receivedAtField ?? 'receivedAt';
	if (field !== '') {
		const at = options.receivedAt ?? Date.now();
		defineField(item, field, new Date(at).toISOString());
	}
	return item;
}

/** Assign as an own data property, so that a header named `__proto__` is an ordinary field. */
function defineField<T>(target: { [key: string]: T }, name: string, value: T): void {
	Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
