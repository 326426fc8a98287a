/**
 * Makes two AMI message streams comparable when one is a capture and the other the simulator:
 * values that differ between any two runs (times, pointers, ports, Uniqueids, channel sequence
 * numbers) are checked for their format and replaced by placeholders. Uniqueids and channel
 * sequence numbers are numbered by first appearance, so "the same channel" must stay the same.
 */
import type { AmiMessage } from '../../../../nodes/Asterisk/core/ami/message';

export type NormalisedMessage = Array<[string, string]>;

function placeholder(kind: string, format: RegExp, value: string): string {
	return format.test(value) ? `<${kind}>` : `<BAD ${kind}: ${value}>`;
}

const FIXED: Record<string, [string, RegExp]> = {
	uptime: ['uptime', /^\d+$/],
	lastreload: ['uptime', /^\d+$/],
	eventtv: ['tv', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/],
	sessiontv: ['tv', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/],
	sessionid: ['pointer', /^0x[0-9a-f]{12}$/],
	timestamp: ['timestamp', /^\d{10}\.\d{6}$/],
	challenge: ['challenge', /^\d{1,10}$/],
	starttime: ['cdrtime', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/],
	answertime: ['cdrtime', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/],
	endtime: ['cdrtime', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/],
	logintime: ['epoch', /^\d{10}$/],
};

export class Normaliser {
	private readonly ids = new Map<string, string>();
	private readonly sequences = new Map<string, string>();

	private id(value: string): string {
		if (!this.ids.has(value)) this.ids.set(value, `<uid${this.ids.size}>`);
		return this.ids.get(value)!;
	}

	private channelNames(value: string): string {
		return value.replace(/-([0-9a-f]{8})(?=;|$)/g, (_whole, seq: string) => {
			if (!this.sequences.has(seq)) this.sequences.set(seq, `<seq${this.sequences.size}>`);
			return `-${this.sequences.get(seq)!}`;
		});
	}

	value(name: string, value: string): string {
		const lower = name.toLowerCase();
		const fixed = FIXED[lower];
		if (fixed !== undefined) return placeholder(fixed[0], fixed[1], value);
		if (lower === 'lastpause' && value !== '0') return placeholder('epoch', /^\d{10}$/, value);
		if (lower === 'localaddress' || lower === 'remoteaddress') return value.replace(/\/\d+$/, '/<port>');
		if ((lower.endsWith('uniqueid') || lower.endsWith('linkedid')) && /^\d+\.\d+$/.test(value)) return this.id(value);
		if (lower === 'output') {
			return value
				.replace(/(System uptime|Last reload): \d+ seconds?/, '$1: <n> seconds')
				.replace(/login was \d+ secs ago/, 'login was <n> secs ago');
		}
		return this.channelNames(value);
	}

	message(message: AmiMessage): NormalisedMessage {
		return message.headers.map(([name, value]) => [name, this.value(name, value)]);
	}

	all(messages: AmiMessage[]): NormalisedMessage[] {
		return messages.map((m) => this.message(m));
	}
}

export function normaliseAll(messages: AmiMessage[]): NormalisedMessage[] {
	return new Normaliser().all(messages);
}

/** Order-free comparison: the same messages, each with its own header order. */
export function sortedForMultiset(messages: NormalisedMessage[]): string[] {
	return messages.map((m) => JSON.stringify(m)).sort();
}
