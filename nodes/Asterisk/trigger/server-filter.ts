/**
 * Server-side event filtering: from the same settings as the local filter, the `Filter` patterns
 * to send Asterisk (`Action: Filter`, `Operation: Add`, `Filter: <pattern>`) so that it stops
 * sending events we would drop anyway. The local filter always runs too: these patterns are only
 * a traffic cut, and they are built so that they **never cut an event the local filter keeps**.
 * Whatever cannot be expressed safely is simply left to the local filter.
 *
 * How manager.c applies them (main/manager.c, `should_send_event`, `match_eventdata`): a legacy
 * filter is a POSIX extended regex (`regcomp(REG_EXTENDED | REG_NOSUB)`, no REG_NEWLINE, no
 * REG_ICASE) run with `regexec` on the whole event text, which always starts `Event: <name>\r\n`
 * and has `\r\n` after every header line. A leading `!` makes it an exclude filter. With include
 * filters only, an event passes when any include matches; with excludes only, when none matches;
 * with both, when an include matches and no exclude does.
 *
 * What we send, and why it is safe:
 * - Event names: `^Event: (Hangup|Newchannel)[[:cntrl:]]`, letters as `[Hh]` classes because
 *   the local match is case-insensitive. `[[:cntrl:]]` stands for the `\r` (a filter value cannot
 *   hold CR or LF). Long lists are split over several includes (they OR together).
 * - One required header condition (a convenience field, or in "all" mode a rule) may be chained
 *   onto the event include: `^Event: (...)[[:cntrl:]].*[[:cntrl:]][Cc]ontext: ?sales[[:cntrl:]]`.
 *   Only one, because header order is not ours to assume.
 * - In "any" mode, one include per rule, if every rule can be expressed; else names only.
 * - In "all" mode, `notEquals` / `notExists` rules become exclude filters.
 * - Never translated (left to the local filter): `regex` rules (JavaScript ≠ POSIX), `ignoreCase`
 *   rules, rules on the `Event` header, fields that are not plain ASCII names, values that are
 *   not plain text, and anything that would not fit in one 1024-byte AMI line.
 * - `.*` is used where a value may hold anything (glob `*` and `?`, `contains`): since `.` also
 *   matches line ends here, it can only let more through, never less.
 *
 * Send the excludes first, then the includes (the order returned): an include turns on
 * Asterisk's "implied exclude all", so while a list of includes is being added, events of the
 * later ones are cut. Sending the filters while the session's event mask is off (log in with
 * `Events: off`, add filters, then `Action: Events`, `EventMask: on`) avoids that window entirely.
 * `Filter` needs the `system` write permission; on `Response: Error` keep going without it.
 */
import { MAX_LINE_BYTES } from '../core/ami';
import { compileFilter, convenienceRules, type FilterOptions, type FilterRule } from './filter';

export interface ServerFilterOptions {
	/**
	 * Events that must reach us whatever the user's selection, e.g. CALL_SUMMARY_EVENTS when the
	 * call summary runs beside (or instead of) the event output. Excludes never apply to them.
	 */
	keepEvents?: readonly string[];
}

export interface ServerFilterPlan {
	/** Patterns for `Filter:`, in the order to send them (excludes, then includes). Empty = no filter. */
	filters: string[];
	/** What was left to the local filter, and why (for logs / the node's notice). */
	notTranslated: string[];
}

/** The longest pattern: one `Filter: <pattern>\r\n` line must fit in Asterisk's 1024-byte buffer. */
export const MAX_FILTER_PATTERN_BYTES = MAX_LINE_BYTES - 'Filter: \r\n'.length - 4;

const CNTRL = '[[:cntrl:]]';
const FIELD_NAME = /^[A-Za-z0-9_-]+$/;

interface Condition {
	kind: 'include' | 'exclude';
	/** Regex for one header line, starting at the control character before its name. */
	pattern: string;
}

/**
 * Build the server filter patterns. Validates the settings through compileFilter first (and so
 * throws the same FilterConfigError for an invalid regex).
 */
export function buildServerFilter(options: FilterOptions, serverOptions: ServerFilterOptions = {}): ServerFilterPlan {
	const local = compileFilter(options);
	const notTranslated: string[] = [];
	const keep = (serverOptions.keepEvents ?? []).map((n) => n.trim()).filter((n) => n !== '');

	const conditions: Condition[] = [];
	for (const rule of convenienceRules(options)) {
		const condition = translate(rule, notTranslated);
		if (condition !== undefined) conditions.push(condition);
	}
	const rules = options.rules ?? [];
	const ruleConditions = rules.map((rule) => translate(rule, notTranslated));
	const combine = options.combine ?? 'all';

	// The header parts to chain onto the event-name includes: a list of alternatives (OR).
	let alternatives: Array<string | undefined> = [undefined];
	const excludes: string[] = [];
	if (combine === 'any' && rules.length > 0) {
		const all = ruleConditions.every((c) => c !== undefined && c.kind === 'include');
		if (all) alternatives = ruleConditions.map((c) => c!.pattern);
		else {
			if (ruleConditions.some((c) => c !== undefined)) notTranslated.push('"any" rules: not every rule can be sent to Asterisk');
			if (conditions.length > 0) alternatives = [conditions[0].pattern];
		}
	} else {
		const required = [...conditions, ...ruleConditions.filter((c): c is Condition => c !== undefined && c.kind === 'include')];
		if (required.length > 0) alternatives = [required[0].pattern];
		for (const c of ruleConditions) if (c !== undefined && c.kind === 'exclude') excludes.push(c.pattern);
	}

	const names = local.events === 'all' ? 'all' : selectedNames(options);
	if (names !== 'all' && names.some((n) => !FIELD_NAME.test(n))) {
		notTranslated.push('event names: not all are plain ASCII names');
		return finish([], [], notTranslated);
	}
	if (names !== 'all' && names.length === 0) return finish([], [], notTranslated);

	const includes: string[] = [];
	for (const alternative of alternatives) {
		if (names === 'all') {
			if (alternative !== undefined) includes.push(alternative);
			else return finish([], scopeExcludes(excludes, 'all', keep, notTranslated), notTranslated);
			continue;
		}
		const built = eventIncludes(names, alternative === undefined ? '' : `.*${alternative}`);
		if (built === undefined) {
			notTranslated.push('event names: too long for one filter line');
			return finish([], [], notTranslated);
		}
		includes.push(...built);
	}
	if (includes.length > 0 && keep.length > 0) {
		const kept = keep.every((n) => FIELD_NAME.test(n)) ? eventIncludes(keep, '') : undefined;
		// Without the kept events the includes would starve their consumer: send no includes then.
		if (kept === undefined) {
			notTranslated.push('kept events: cannot be expressed; includes dropped');
			return finish([], scopeExcludes(excludes, names, keep, notTranslated), notTranslated);
		}
		includes.unshift(...kept);
	}
	return finish(includes, scopeExcludes(excludes, names, keep, notTranslated), notTranslated);
}

/** The `Action: Filter` headers for each pattern, ready for the client (one action each). */
export function serverFilterActions(plan: ServerFilterPlan): Array<{ Operation: 'Add'; Filter: string }> {
	return plan.filters.map((filter) => ({ Operation: 'Add', Filter: filter }));
}

/** A literal for a POSIX ERE: `\` before each of `^.[$()|*+?{\` (the ERE specials). */
export function escapeEre(text: string): string {
	return text.replace(/[\\^.[$()|*+?{]/g, '\\$&');
}

/** Case-insensitive ASCII literal: `Hangup` → `[Hh][Aa][Nn][Gg][Uu][Pp]`. */
export function caselessEre(text: string): string {
	let out = '';
	for (const char of text) {
		const lower = char.toLowerCase();
		const upper = char.toUpperCase();
		// U+212A KELVIN SIGN lower-cases to "k": the local match would accept it, so must we.
		if (lower === 'k') out += '(k|K|\u212A)';
		else if (lower !== upper) out += `[${upper}${lower}]`;
		else out += escapeEre(char);
	}
	return out;
}

function selectedNames(options: FilterOptions): string[] {
	if (options.events === 'all') return [];
	const seen = new Set<string>();
	const out: string[] = [];
	for (const raw of options.events) {
		const name = raw.trim();
		if (name === '' || seen.has(name.toLowerCase())) continue;
		seen.add(name.toLowerCase());
		out.push(name);
	}
	return out;
}

function translate(rule: FilterRule, notTranslated: string[]): Condition | undefined {
	const field = rule.field.trim();
	const why = (reason: string): undefined => {
		notTranslated.push(`${field || '(no field)'} ${rule.operation}: ${reason}`);
		return undefined;
	};
	if (!FIELD_NAME.test(field)) return why('not a plain header name');
	if (field.toLowerCase() === 'event') return why('rules on Event stay local');
	if (rule.ignoreCase === true && rule.operation !== 'exists' && rule.operation !== 'notExists') {
		return why('case-insensitive values stay local');
	}
	const value = rule.value ?? '';
	const head = `${CNTRL}${caselessEre(field)}:`;
	let condition: Condition;
	switch (rule.operation) {
		case 'exists':
			condition = { kind: 'include', pattern: head };
			break;
		case 'notExists':
			condition = { kind: 'exclude', pattern: head };
			break;
		case 'regex': {
			const glob = globFromRegexSource(value);
			if (glob === undefined) return why('JavaScript regexes stay local');
			condition = { kind: 'include', pattern: `${head} ?${glob}${CNTRL}` };
			break;
		}
		default: {
			if (!isPlainText(value)) return why('value is not plain text');
			const literal = escapeEre(value);
			if (rule.operation === 'equals') condition = { kind: 'include', pattern: `${head} ?${literal}${CNTRL}` };
			else if (rule.operation === 'notEquals') condition = { kind: 'exclude', pattern: `${head} ?${literal}${CNTRL}` };
			else if (rule.operation === 'startsWith') condition = { kind: 'include', pattern: `${head} ?${literal}` };
			else condition = { kind: 'include', pattern: `${head} ?.*${literal}` };
		}
	}
	if (Buffer.byteLength(condition.pattern) > MAX_FILTER_PATTERN_BYTES / 2) return why('too long');
	return condition;
}

/**
 * The channel-pattern convenience field is compiled by filter.ts to `^lit.*lit$` (globToRegexSource).
 * Turn exactly that shape back into an ERE, every wildcard as `.*` (never narrower than local).
 */
function globFromRegexSource(source: string): string | undefined {
	if (!source.startsWith('^') || !source.endsWith('$')) return undefined;
	const body = source.slice(1, -1);
	let out = '';
	for (let i = 0; i < body.length; i++) {
		const char = body[i];
		if (char === '\\') {
			const next = body[i + 1];
			// Only identity escapes of punctuation (`\/`, `\.`): `\d`, `\b`, `\u…` are classes or more.
			if (next === undefined || !/[!-/:-@[-`{-~]/.test(next)) return undefined;
			out += escapeEre(next);
			i++;
		} else if (char === '.') {
			if (body[i + 1] === '*') i++;
			if (!out.endsWith('.*')) out += '.*';
		} else if (/[\^$*+?()[\]{}|]/.test(char)) {
			return undefined;
		} else {
			if (!isPlainText(char)) return undefined;
			out += escapeEre(char);
		}
	}
	return out;
}

/** Printable text the parser and regexec will see identically (no control characters, no U+FFFD). */
function isPlainText(value: string): boolean {
	return !/[\u0000-\u001f\u007f\ufffd]/.test(value);
}

/** `^Event: (A|B)[[:cntrl:]]<suffix>`, split so that each stays under the line limit. */
function eventIncludes(names: readonly string[], suffix: string): string[] | undefined {
	const out: string[] = [];
	let group: string[] = [];
	const render = (g: string[]) => `^Event: (${g.join('|')})${CNTRL}${suffix}`;
	for (const name of names) {
		const part = caselessEre(name);
		if (Buffer.byteLength(render([part])) > MAX_FILTER_PATTERN_BYTES) return undefined;
		if (group.length > 0 && Buffer.byteLength(render([...group, part])) > MAX_FILTER_PATTERN_BYTES) {
			out.push(render(group));
			group = [];
		}
		group.push(part);
	}
	if (group.length > 0) out.push(render(group));
	return out;
}

/** Excludes must spare the kept events: scope them to the user's other events, or drop them. */
function scopeExcludes(
	excludes: readonly string[],
	names: 'all' | readonly string[],
	keep: readonly string[],
	notTranslated: string[],
): string[] {
	if (excludes.length === 0 || keep.length === 0) return [...excludes];
	if (names === 'all') {
		notTranslated.push('exclude rules: kept events would be cut; left local');
		return [];
	}
	const kept = new Set(keep.map((n) => n.toLowerCase()));
	const own = names.filter((n) => !kept.has(n.toLowerCase()));
	if (own.length === 0) return [];
	const out: string[] = [];
	for (const exclude of excludes) {
		const scoped = eventIncludes(own, `.*${exclude}`);
		if (scoped === undefined) notTranslated.push('exclude rules: too long once scoped; left local');
		else out.push(...scoped);
	}
	return out;
}

function finish(includes: string[], excludes: string[], notTranslated: string[]): ServerFilterPlan {
	return { filters: [...excludes.map((e) => `!${e}`), ...includes], notTranslated };
}
