/**
 * Session event filters as main/manager.c evaluates them (manager_add_filter, should_send_event,
 * filter_cmp_fn). A legacy filter is a POSIX extended regex tested against the whole event text
 * (`Event: X\r\nPrivilege: …`), unanchored; a leading `!` makes it an exclude filter. The rule:
 * no filters → everything; include filters only → an event must match one; exclude only → it
 * must match none; both → it must match an include and no exclude. Filters only add: the only
 * way to drop one is a new connection.
 *
 * Advanced filters (`MatchCriteria: action(exclude),name(Hangup),header(Cause),method(exact)`)
 * are supported too. Patterns are POSIX EREs, translated to JavaScript (posix-ere.ts).
 */
import { posixEreToJs } from './posix-ere';

export interface EventFilter {
	exclude: boolean;
	eventName?: string;
	headerName?: string;
	method: 'regex' | 'exact' | 'starts_with' | 'ends_with' | 'contains' | 'none';
	pattern: string;
	regex?: RegExp;
}

export type FilterParseResult = EventFilter | 'format' | 'compile';

export function parseFilter(pattern: string, matchCriteria = ''): FilterParseResult {
	let exclude = false;
	let body = pattern;
	if (body.startsWith('!')) {
		exclude = true;
		body = body.slice(1);
	}
	const filter: EventFilter = { exclude, method: 'regex', pattern: body };
	if (matchCriteria === '') {
		if (body === '') return 'format';
	} else {
		filter.method = 'none';
		for (const option of matchCriteria.split(',').map((o) => o.trim())) {
			const match = /^(action|name|header|method)\((.*)\)$/.exec(option);
			if (match === null) return 'format';
			const [, key, value] = match;
			if (key === 'action') {
				if (value !== 'include' && value !== 'exclude') return 'format';
				filter.exclude = value === 'exclude';
			} else if (key === 'name') {
				filter.eventName = value;
			} else if (key === 'header') {
				filter.headerName = value.endsWith(':') ? value : `${value}:`;
			} else {
				if (!['regex', 'exact', 'starts_with', 'ends_with', 'contains', 'none'].includes(value)) return 'format';
				filter.method = value as EventFilter['method'];
			}
		}
	}
	if (filter.method === 'regex') {
		try {
			filter.regex = new RegExp(posixEreToJs(body));
		} catch {
			return 'compile';
		}
	}
	return filter;
}

function matchData(filter: EventFilter, data: string): boolean {
	switch (filter.method) {
		case 'regex':
			return filter.regex!.test(data);
		case 'exact':
			return data === filter.pattern;
		case 'starts_with':
			return data.startsWith(filter.pattern);
		case 'ends_with':
			return data.endsWith(filter.pattern);
		case 'contains':
			return data.includes(filter.pattern);
		case 'none':
			return true;
	}
}

function matches(filter: EventFilter, eventName: string, text: string): boolean {
	if (filter.eventName !== undefined && filter.eventName.toLowerCase() !== eventName.toLowerCase()) return false;
	if (filter.headerName === undefined) return matchData(filter, text);
	for (const line of text.split('\r\n')) {
		if (!line.startsWith(filter.headerName)) continue;
		const value = line.slice(filter.headerName.length).trimStart();
		if (value !== '' && matchData(filter, value)) return true;
	}
	return false;
}

export class EventFilters {
	private readonly include: EventFilter[] = [];
	private readonly exclude: EventFilter[] = [];

	add(filter: EventFilter): void {
		(filter.exclude ? this.exclude : this.include).push(filter);
	}

	/** should_send_event(): `text` is the whole event as written on the wire. */
	allows(eventName: string, text: string): boolean {
		if (this.include.length > 0 && !this.include.some((f) => matches(f, eventName, text))) return false;
		return !this.exclude.some((f) => matches(f, eventName, text));
	}
}
