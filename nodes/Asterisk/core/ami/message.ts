/**
 * One AMI message as Asterisk sent it: a response, an event, or (rarely) neither.
 *
 * Framing is cheap and header decoding is not, so a message keeps the decoded text and splits it
 * into headers only when a header is first asked for. A client that routes an event by its name
 * and hands it on never pays for the other fourteen headers.
 *
 * Header names are matched case-insensitively (Asterisk does) but kept as sent. A header may
 * repeat (`ChanVariable`, `Variable`, `Output`): every value is kept, in order.
 */
export type AmiMessageType = 'response' | 'event' | 'unknown';

export type AmiHeaderObject = Record<string, string | string[]>;

const EVENT_PREFIX = 'Event:';
const RESPONSE_PREFIX = 'Response:';

export class AmiMessage {
	/** The message text without its terminating blank line, line endings as received. */
	readonly text: string;

	/** Decoded headers as one flat list, `[name0, value0, name1, value1, …]`: one allocation. */
	private fields: string[] | undefined;
	private cachedType: AmiMessageType | undefined;

	constructor(text: string, headers?: ReadonlyArray<readonly [string, string]>) {
		this.text = text;
		if (headers !== undefined) this.fields = headers.flat();
	}

	/** `event` when the message has an `Event` header (even with a `Response` one, as
	 * OriginateResponse does), `response` when it has a `Response` header, else `unknown`. */
	get type(): AmiMessageType {
		if (this.cachedType === undefined) this.cachedType = this.classify();
		return this.cachedType;
	}

	/** The event name (`Newchannel`), or undefined for a response. */
	get event(): string | undefined {
		return this.get('Event');
	}

	/** `Success`, `Error`, `Goodbye`, `Follows`…; for an event, its own `Response` header if any. */
	get response(): string | undefined {
		return this.get('Response');
	}

	get actionId(): string | undefined {
		return this.get('ActionID');
	}

	/** The first value of a header, matched case-insensitively. */
	get(name: string): string | undefined {
		const index = this.indexOf(name, 0);
		return index < 0 ? undefined : this.fields![index + 1];
	}

	/** Every value of a header, in the order sent. */
	getAll(name: string): string[] {
		const found: string[] = [];
		for (let index = this.indexOf(name, 0); index >= 0; index = this.indexOf(name, index + 2)) {
			found.push(this.fields![index + 1]);
		}
		return found;
	}

	has(name: string): boolean {
		return this.indexOf(name, 0) >= 0;
	}

	/** Every header as `[name, value]`, in order, names as sent. */
	get headers(): Array<[string, string]> {
		const fields = this.decode();
		const pairs: Array<[string, string]> = [];
		for (let i = 0; i < fields.length; i += 2) pairs.push([fields[i], fields[i + 1]]);
		return pairs;
	}

	get headerCount(): number {
		return this.decode().length / 2;
	}

	/**
	 * Headers as a plain JSON object, names exactly as sent, a repeated header as an array of
	 * its values in order. Safe for hostile names: `__proto__` becomes an ordinary property.
	 */
	toObject(): AmiHeaderObject {
		const fields = this.decode();
		const result: AmiHeaderObject = {};
		for (let i = 0; i < fields.length; i += 2) {
			const name = fields[i];
			const value = fields[i + 1];
			if (!Object.prototype.hasOwnProperty.call(result, name)) {
				if (name === '__proto__') {
					Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
				} else {
					result[name] = value;
				}
				continue;
			}
			const existing = result[name];
			if (Array.isArray(existing)) existing.push(value);
			else result[name] = [existing, value];
		}
		return result;
	}

	private classify(): AmiMessageType {
		// Asterisk writes `Event:` first on every event: the common case needs no decoding.
		if (this.text.startsWith(EVENT_PREFIX)) return 'event';
		if (this.has('Event')) return 'event';
		if (this.text.startsWith(RESPONSE_PREFIX) || this.has('Response')) return 'response';
		return 'unknown';
	}

	/** Index in `fields` of the first header named `name` (any case) at or after `from`. */
	private indexOf(name: string, from: number): number {
		const fields = this.decode();
		let lower: string | undefined;
		for (let i = from; i < fields.length; i += 2) {
			const candidate = fields[i];
			if (candidate.length !== name.length) continue;
			if (candidate === name) return i;
			lower ??= name.toLowerCase();
			if (candidate.toLowerCase() === lower) return i;
		}
		return -1;
	}

	private decode(): string[] {
		if (this.fields !== undefined) return this.fields;
		const fields: string[] = [];
		const text = this.text;
		let start = 0;
		while (start <= text.length) {
			let end = text.indexOf('\n', start);
			if (end < 0) end = text.length;
			const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
			if (lineEnd > start) {
				const colon = text.indexOf(':', start);
				if (colon < 0 || colon >= lineEnd) {
					// A line with no colon: keep it, under an empty name, rather than drop data.
					fields.push('', text.slice(start, lineEnd));
				} else {
					// Asterisk writes "Name: value"; only that one space is syntax. More spaces are
					// data (CLI output indentation in `Output:` lines).
					const valueStart = text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
					fields.push(text.slice(start, colon), valueStart >= lineEnd ? '' : text.slice(valueStart, lineEnd));
				}
			}
			start = end + 1;
		}
		this.fields = fields;
		return fields;
	}
}
