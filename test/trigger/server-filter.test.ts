import type { AmiMessage } from '../../nodes/Asterisk/core/ami';
import {
	CALL_SUMMARY_EVENTS,
	MAX_FILTER_PATTERN_BYTES,
	buildServerFilter,
	compileFilter,
	serverFilterActions,
	type FilterOptions,
} from '../../nodes/Asterisk/trigger';
import { readCallflowEvents } from './callflow';

/**
 * manager.c's decision for one event (should_send_event), with each POSIX ERE we generate run as
 * a JavaScript regex: `[[:cntrl:]]` → a control character, `.` → any character (no REG_NEWLINE).
 */
function eraToJs(pattern: string): RegExp {
	let out = '';
	for (let i = 0; i < pattern.length; i++) {
		if (pattern.startsWith('[[:cntrl:]]', i)) {
			out += '[\\x00-\\x1f\\x7f]';
			i += '[[:cntrl:]]'.length - 1;
		} else if (pattern[i] === '\\') {
			out += `\\${pattern[i + 1]}`;
			i++;
		} else if (pattern[i] === '.') out += '[\\s\\S]';
		else out += pattern[i];
	}
	return new RegExp(out);
}

function serverSends(filters: string[], message: AmiMessage): boolean {
	const text = message.text.endsWith('\r\n') ? message.text : `${message.text}\r\n`;
	const includes = filters.filter((f) => !f.startsWith('!')).map(eraToJs);
	const excludes = filters.filter((f) => f.startsWith('!')).map((f) => eraToJs(f.slice(1)));
	const included = includes.length === 0 || includes.some((r) => r.test(text));
	return included && !excludes.some((r) => r.test(text));
}

const FILES = ['c1_answered.txt', 'c2_noanswer.txt', 'c3_busy.txt', 'c4_queue_answered.txt', 'c5_queue_abandon.txt', 'c6_queue_timeout.txt'];
const EVENTS = FILES.flatMap((f) => readCallflowEvents(f).map((e) => e.message));

describe('buildServerFilter: patterns', () => {
	it('all events and no rules: no filter at all', () => {
		expect(buildServerFilter({ events: 'all' }).filters).toEqual([]);
	});
	it('event names become one case-insensitive, anchored include', () => {
		expect(buildServerFilter({ events: ['Hangup', 'dialend'] }).filters).toEqual([
			'^Event: ([Hh][Aa][Nn][Gg][Uu][Pp]|[Dd][Ii][Aa][Ll][Ee][Nn][Dd])[[:cntrl:]]',
		]);
	});
	it('one required header is chained onto the names; negative rules become excludes', () => {
		const plan = buildServerFilter({
			events: ['Hangup'],
			context: 'from-internal',
			rules: [{ field: 'Cause', operation: 'notEquals', value: '16' }],
		});
		expect(plan.filters).toEqual([
			'![[:cntrl:]][Cc][Aa][Uu][Ss][Ee]: ?16[[:cntrl:]]',
			'^Event: ([Hh][Aa][Nn][Gg][Uu][Pp])[[:cntrl:]].*[[:cntrl:]][Cc][Oo][Nn][Tt][Ee][Xx][Tt]: ?from-internal[[:cntrl:]]',
		]);
		expect(serverFilterActions(plan)[0]).toEqual({ Operation: 'Add', Filter: plan.filters[0] });
	});
	it('values are ERE literals', () => {
		const plan = buildServerFilter({ events: 'all', rules: [{ field: 'Exten', operation: 'equals', value: '*97(1)+x.y' }] });
		expect(plan.filters).toEqual(['[[:cntrl:]][Ee][Xx][Tt][Ee][Nn]: ?\\*97\\(1\\)\\+x\\.y[[:cntrl:]]']);
	});
	it('"any" rules: one include per rule, or names only when one rule cannot be sent', () => {
		const any: FilterOptions = {
			events: ['Hangup'],
			combine: 'any',
			rules: [
				{ field: 'Cause', operation: 'equals', value: '17' },
				{ field: 'Queue', operation: 'exists' },
			],
		};
		expect(buildServerFilter(any).filters).toHaveLength(2);
		const withRegex = { ...any, rules: [...any.rules!, { field: 'Channel', operation: 'regex' as const, value: '^PJSIP/\\d+' }] };
		const plan = buildServerFilter(withRegex);
		expect(plan.filters).toEqual(['^Event: ([Hh][Aa][Nn][Gg][Uu][Pp])[[:cntrl:]]']);
		expect(plan.notTranslated.join(' ')).toMatch(/JavaScript regexes stay local/);
	});
	it('regex, ignoreCase and Event rules stay local', () => {
		const plan = buildServerFilter({
			events: 'all',
			rules: [
				{ field: 'Channel', operation: 'regex', value: '^(PJSIP|SIP)/' },
				{ field: 'Context', operation: 'equals', value: 'X', ignoreCase: true },
				{ field: 'Event', operation: 'equals', value: 'Hangup' },
			],
		});
		expect(plan.filters).toEqual([]);
		expect(plan.notTranslated).toHaveLength(3);
	});
	it('kept events (call summary) get their own include and are spared by excludes', () => {
		const plan = buildServerFilter(
			{ events: ['Hangup', 'UserEvent'], rules: [{ field: 'Cause', operation: 'notEquals', value: '16' }] },
			{ keepEvents: CALL_SUMMARY_EVENTS },
		);
		expect(plan.filters[0].startsWith('!^Event: ([Uu][Ss][Ee][Rr][Ee][Vv][Ee][Nn][Tt])[[:cntrl:]].*')).toBe(true);
		expect(plan.filters.some((f) => f.startsWith('^Event: ([Nn][Ee][Ww][Cc][Hh][Aa][Nn][Nn][Ee][Ll]|'))).toBe(true);
		const allEvents = buildServerFilter(
			{ events: 'all', rules: [{ field: 'Cause', operation: 'notExists' }] },
			{ keepEvents: CALL_SUMMARY_EVENTS },
		);
		expect(allEvents.filters).toEqual([]);
	});
	it('long name lists are split over several includes, each within one AMI line', () => {
		const names = Array.from({ length: 120 }, (_, i) => `CustomEventNumber${i}`);
		const plan = buildServerFilter({ events: names });
		expect(plan.filters.length).toBeGreaterThan(1);
		for (const f of plan.filters) expect(Buffer.byteLength(`Filter: ${f}\r\n`)).toBeLessThanOrEqual(1024);
		expect(MAX_FILTER_PATTERN_BYTES).toBeLessThan(1024);
	});
	it('throws the local FilterConfigError for an invalid regex', () => {
		expect(() => buildServerFilter({ events: 'all', rules: [{ field: 'X', operation: 'regex', value: '(' }] })).toThrow(
			/invalid regular expression/,
		);
	});
});

describe('buildServerFilter never cuts what the local filter keeps (real events, c1..c6)', () => {
	const cases: Array<[string, FilterOptions]> = [
		['names', { events: ['Hangup', 'DialEnd', 'queuecallerabandon'] }],
		['context', { events: ['Newchannel', 'Hangup'], context: 'calls' }],
		['exten', { events: 'all', extension: 'q' }],
		['queue', { events: 'all', queue: 'sales' }],
		['channel glob', { events: ['Hangup'], channelPattern: 'Local/agent?@*;1' }],
		['cause notEquals', { events: ['Hangup'], rules: [{ field: 'Cause', operation: 'notEquals', value: '16' }] }],
		['notExists', { events: 'all', rules: [{ field: 'DestChannel', operation: 'notExists' }] }],
		['contains', { events: 'all', rules: [{ field: 'Channel', operation: 'contains', value: '@agents' }] }],
		[
			'any',
			{
				events: ['DialEnd', 'Hangup'],
				combine: 'any',
				rules: [
					{ field: 'DialStatus', operation: 'equals', value: 'BUSY' },
					{ field: 'Cause', operation: 'startsWith', value: '1' },
				],
			},
		],
	];
	it.each(cases)('%s', (_name, options) => {
		const local = compileFilter(options);
		const plan = buildServerFilter(options);
		expect(plan.filters.length).toBeGreaterThan(0);
		let kept = 0;
		let cut = 0;
		for (const message of EVENTS) {
			const sends = serverSends(plan.filters, message);
			if (local.matches(message)) {
				kept++;
				expect({ sends, event: message.text }).toEqual({ sends: true, event: message.text });
			} else if (!sends) cut++;
		}
		expect(kept).toBeGreaterThan(0);
		expect(cut).toBeGreaterThan(0);
	});
	it('kept call-summary events always get through', () => {
		const plan = buildServerFilter(
			{ events: ['Hangup'], rules: [{ field: 'Cause', operation: 'equals', value: '17' }] },
			{ keepEvents: CALL_SUMMARY_EVENTS },
		);
		const kept = new Set(CALL_SUMMARY_EVENTS.map((n) => n.toLowerCase()));
		for (const message of EVENTS) {
			if (kept.has((message.event ?? '').toLowerCase())) expect(serverSends(plan.filters, message)).toBe(true);
		}
		// Hangup is a kept event: the Cause rule may not be chained onto it, so causes 0 and 16 pass.
		expect(EVENTS.filter((m) => m.event === 'Hangup').every((m) => serverSends(plan.filters, m))).toBe(true);
		expect(EVENTS.some((m) => !serverSends(plan.filters, m))).toBe(true);
	});
});
