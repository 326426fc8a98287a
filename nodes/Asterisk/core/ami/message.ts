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

	private names: string[] | undefined;
	private values: string[] | undefined;
	private lowerNames: string[] | undefined;
	private cachedType: AmiMessageType | undefined;

	constructor(text: string, headers?: ReadonlyArray<readonly [string, string]>) {
		this.text = text;
		if (headers !== undefined) {
			this.names = headers.map((h) => h[0]);
			this.values = headers.map((h) => h[1]);
		}
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
		return index < 0 ? undefined : this.values![index];
	}

	/** Every value of a header, in the order sent. */
	getAll(name: string): string[] {
		const found: string[] = [];
		for (let index = this.indexOf(name, 0); index >= 0; index = this.indexOf(name, index + 1)) {
			found.push(this.values![index]);
		}
		return found;
	}

	has(name: string): boolean {
		return this.indexOf(name, 0) >= 0;
	}

	/** Every header as `[name, value]`, in order, names as sent. */
	get headers(): Array<[string, string]> {
		this.decode();
		return this.names!.map((name, i) => [name, this.values![i]]);
	}

	get headerCount(): number {
		this.decode();
		return this.names!.length;
	}

	/**
	 * Headers as a plain JSON object: names as first sent, a repeated header as an array of its
	 * values. Safe for hostile names: `__proto__` becomes an ordinary property.
	 */
	toObject(): AmiHeaderObject {
		this.decode();
		const names = this.names!;
		const values = this.values!;
		const lowerNames = this.lower();
		const result: AmiHeaderObject = {};
		const keyOf = new Map<string, string>();
		for (let i = 0; i < names.length; i++) {
			const known = keyOf.get(lowerNames[i]);
			if (known === undefined) {
				keyOf.set(lowerNames[i], names[i]);
				Object.defineProperty(result, names[i], {
					value: values[i],
					enumerable: true,
					writable: true,
					configurable: true,
				});
				continue;
			}
			const existing = result[known];
			if (Array.isArray(existing)) existing.push(values[i]);
			else result[known] = [existing, values[i]];
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

	private indexOf(name: string, from: number): number {
		this.decode();
		const names = this.names!;
		const wanted = name.toLowerCase();
		const lowerNames = this.lower();
		for (let i = from; i < names.length; i++) {
			if (lowerNames[i] === wanted) return i;
		}
		return -1;
	}

	private lower(): string[] {
		if (this.lowerNames === undefined) this.lowerNames = this.names!.map((n) => n.toLowerCase());
		return this.lowerNames;
	}

	private decode(): void {
		if (this.names !== undefined) return;
		const names: string[] = [];
		const values: string[] = [];
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
					names.push('');
					values.push(text.slice(start, lineEnd));
				} else {
					names.push(text.slice(start, colon));
					// Asterisk writes "Name: value"; only that one space is syntax. More spaces are
					// data (CLI output indentation in `Output:` lines).
					const valueStart = text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
					values.push(valueStart >= lineEnd ? '' : text.slice(valueStart, lineEnd));
				}
			}
			start = end + 1;
		}
		this.names = names;
		this.values = values;
	}
}
