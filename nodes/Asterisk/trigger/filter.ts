/**
 * The trigger's local event filter: which events to emit, from the user's event selection,
 * convenience fields and header rules. Pure: compiled once (regexes included), then asked about
 * each message. No n8n import; the node turns a FilterConfigError into a NodeOperationError.
 *
 * An event passes when
 *   its name is selected (case-insensitive; or every event is selected)
 *   AND every convenience field matches (context, extension, channel pattern, queue)
 *   AND the header rules match (all of them, or any of them; no rules = pass).
 *
 * A header may repeat in one event: a positive operation (equals, contains, starts with, regex)
 * matches when any of its values does; `notEquals` is the exact negation of `equals` (so it also
 * passes when the header is missing); `exists`/`notExists` look at presence only.
 */
import type { AmiMessage } from '../core/ami';

export type FilterOperation = 'equals' | 'notEquals' | 'contains' | 'startsWith' | 'regex' | 'exists' | 'notExists';

export const FILTER_OPERATIONS: readonly FilterOperation[] = [
	'equals',
	'notEquals',
	'contains',
	'startsWith',
	'regex',
	'exists',
	'notExists',
];

export interface FilterRule {
	/** Header name as Asterisk sends it; matched case-insensitively (`Channel`, `Exten`, `Cause`). */
	field: string;
	operation: FilterOperation;
	/** The value to compare with; a JavaScript regular expression for `regex`; unused by `exists`/`notExists`. */
	value?: string;
	/** Compare values case-insensitively (default: case-sensitive). */
	ignoreCase?: boolean;
}

/** `'all'`, or the event names to keep (case-insensitive, e.g. `['Hangup', 'dialend']`). */
export type EventSelection = 'all' | readonly string[];

export interface FilterOptions {
	events: EventSelection;
	rules?: readonly FilterRule[];
	/** `all` (default): every rule must match; `any`: one is enough. */
	combine?: 'all' | 'any';
	/** `Context` equals this. */
	context?: string;
	/** `Exten` equals this. */
	extension?: string;
	/** `Channel` matches this glob: `*` any run of characters, `?` one character (`PJSIP/1*`). */
	channelPattern?: string;
	/** `Queue` equals this. */
	queue?: string;
}

/** A user's filter settings cannot be compiled (an invalid regex, a rule without a field...). */
export class FilterConfigError extends Error {
	/** Index of the offending rule in `rules`, when it is a rule. */
	readonly ruleIndex: number | undefined;

	constructor(message: string, ruleIndex?: number) {
		super(message);
		this.name = 'FilterConfigError';
		this.ruleIndex = ruleIndex;
	}
}

export interface EventFilter {
	/** True when the event should be emitted. */
	matches(message: AmiMessage): boolean;
	/** The lower-cased selected event names, or `'all'`. */
	readonly events: 'all' | ReadonlySet<string>;
}

type Test = (message: AmiMessage) => boolean;

const OPERATION_NAMES = new Set<string>(FILTER_OPERATIONS);

/**
 * Compile the settings once. Throws FilterConfigError for an unknown operation, a missing field
 * or an invalid regular expression (the message names the rule and the regex engine's reason).
 */
export function compileFilter(options: FilterOptions): EventFilter {
	const events = compileEvents(options.events);
	const conditions: Test[] = convenienceRules(options).map((rule) => compileRule(rule, undefined));
	const rules = (options.rules ?? []).map((rule, index) => compileRule(rule, index));
	const combine = options.combine ?? 'all';
	if (combine !== 'all' && combine !== 'any') {
		throw new FilterConfigError(`Unknown rule combination "${String(combine)}": use "all" or "any"`);
	}
	const rulesMatch: Test =
		rules.length === 0
			? () => true
			: combine === 'all'
				? (m) => rules.every((test) => test(m))
				: (m) => rules.some((test) => test(m));
	return {
		events,
		matches(message: AmiMessage): boolean {
			const name = message.event;
			if (name === undefined) return false;
			if (events !== 'all' && !events.has(name.toLowerCase())) return false;
			for (const condition of conditions) if (!condition(message)) return false;
			return rulesMatch(message);
		},
	};
}

/** The convenience fields as ordinary rules (all of them required). */
export function convenienceRules(options: FilterOptions): FilterRule[] {
	const rules: FilterRule[] = [];
	if (nonEmpty(options.context)) rules.push({ field: 'Context', operation: 'equals', value: options.context });
	if (nonEmpty(options.extension)) rules.push({ field: 'Exten', operation: 'equals', value: options.extension });
	if (nonEmpty(options.channelPattern)) {
		rules.push({ field: 'Channel', operation: 'regex', value: globToRegexSource(options.channelPattern) });
	}
	if (nonEmpty(options.queue)) rules.push({ field: 'Queue', operation: 'equals', value: options.queue });
	return rules;
}

/** `PJSIP/1*` → `^PJSIP\/1.*$`: `*` any run, `?` one character, everything else literal. */
export function globToRegexSource(glob: string): string {
	let source = '^';
	for (const char of glob) {
		if (char === '*') source += '.*';
		else if (char === '?') source += '.';
		else source += escapeRegExp(char);
	}
	return `${source}$`;
}

export function escapeRegExp(text: string): string {
	return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * Event names from a list and a comma/space-separated custom string, deduplicated; an empty
 * result or a `*` entry means every event.
 */
export function parseEventNames(selected: readonly string[] = [], custom = ''): EventSelection {
	const names = [...selected, ...custom.split(/[\s,]+/)].map((n) => n.trim()).filter((n) => n !== '');
	if (names.length === 0 || names.includes('*')) return 'all';
	const seen = new Set<string>();
	const out: string[] = [];
	for (const name of names) {
		const key = name.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(name);
	}
	return out;
}

function compileEvents(selection: EventSelection): 'all' | ReadonlySet<string> {
	if (selection === 'all') return 'all';
	if (!Array.isArray(selection)) throw new FilterConfigError('Event selection must be "all" or a list of event names');
	return new Set(selection.map((name) => name.trim().toLowerCase()).filter((name) => name !== ''));
}

function compileRule(rule: FilterRule, index: number | undefined): Test {
	const where = index === undefined ? `Filter on ${rule.field}` : `Header rule ${index + 1} (${rule.field || 'no field'})`;
	const field = (rule.field ?? '').trim();
	if (field === '') throw new FilterConfigError(`${where}: the header name is empty`, index);
	if (!OPERATION_NAMES.has(rule.operation)) {
		throw new FilterConfigError(`${where}: unknown operation "${String(rule.operation)}"`, index);
	}
	const ignoreCase = rule.ignoreCase === true;
	const wanted = ignoreCase ? (rule.value ?? '').toLowerCase() : (rule.value ?? '');
	const norm = ignoreCase ? (v: string) => v.toLowerCase() : (v: string) => v;
	const any = (predicate: (value: string) => boolean): Test => (m) => m.getAll(field).some((v) => predicate(norm(v)));
	switch (rule.operation) {
		case 'equals':
			return any((v) => v === wanted);
		case 'notEquals': {
			const equals = any((v) => v === wanted);
			return (m) => !equals(m);
		}
		case 'contains':
			return any((v) => v.includes(wanted));
		case 'startsWith':
			return any((v) => v.startsWith(wanted));
		case 'regex': {
			const regex = compileRegex(rule.value ?? '', ignoreCase, where, index);
			return (m) => m.getAll(field).some((v) => regex.test(v));
		}
		case 'exists':
			return (m) => m.has(field);
		case 'notExists':
			return (m) => !m.has(field);
	}
}

function compileRegex(source: string, ignoreCase: boolean, where: string, index: number | undefined): RegExp {
	let failure: string | undefined;
	let regex: RegExp | undefined;
	try {
		// No `g` or `y` flag: `test` must not carry lastIndex from one event to the next.
		regex = new RegExp(source, ignoreCase ? 'i' : '');
	} catch (error) {
		failure = error instanceof Error ? error.message : String(error);
	}
	if (regex === undefined) {
		throw new FilterConfigError(`${where}: invalid regular expression /${source}/: ${failure ?? 'unknown error'}`, index);
	}
	return regex;
}

function nonEmpty(value: string | undefined): value is string {
	return value !== undefined && value.trim() !== '';
}
