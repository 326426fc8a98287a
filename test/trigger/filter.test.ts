import { AmiMessage } from '../../nodes/Asterisk/core/ami';
import { FilterConfigError, compileFilter, parseEventNames, type FilterRule } from '../../nodes/Asterisk/trigger';
import { readCallflowEvents } from './callflow';

const msg = (...lines: string[]) => new AmiMessage(lines.join('\r\n') + '\r\n');

const HANGUP = msg(
	'Event: Hangup',
	'Privilege: call,all',
	'Channel: PJSIP/100-00000001',
	'Context: from-internal',
	'Exten: 200',
	'Cause: 16',
	'Cause-txt: Normal Clearing',
	'ChanVariable: A=1',
	'ChanVariable: B=two',
);
const QUEUE_JOIN = msg('Event: QueueCallerJoin', 'Channel: SIP/7-1', 'Queue: sales', 'Context: from-trunk', 'Exten: s');

const rule = (operation: FilterRule['operation'], field: string, value?: string, ignoreCase?: boolean): FilterRule => ({
	field,
	operation,
	value,
	ignoreCase,
});
const one = (r: FilterRule, m = HANGUP) => compileFilter({ events: 'all', rules: [r] }).matches(m);

describe('compileFilter: event selection', () => {
	it('matches names case-insensitively and drops the others', () => {
		const filter = compileFilter({ events: ['hangup', 'DIALEND'] });
		expect(filter.matches(HANGUP)).toBe(true);
		expect(filter.matches(QUEUE_JOIN)).toBe(false);
	});
	it('all events, but never a response', () => {
		const filter = compileFilter({ events: 'all' });
		expect(filter.matches(QUEUE_JOIN)).toBe(true);
		expect(filter.matches(msg('Response: Success', 'Message: Pong'))).toBe(false);
	});
	it('parseEventNames merges the list and the custom names; empty or * means all', () => {
		expect(parseEventNames(['Hangup'], 'MyEvent, hangup  DialEnd')).toEqual(['Hangup', 'MyEvent', 'DialEnd']);
		expect(parseEventNames([], ' ')).toBe('all');
		expect(parseEventNames(['Hangup'], '*')).toBe('all');
	});
});

describe('compileFilter: each operation', () => {
	it('equals (case-sensitive unless ignoreCase; header name never case-sensitive)', () => {
		expect(one(rule('equals', 'context', 'from-internal'))).toBe(true);
		expect(one(rule('equals', 'Context', 'From-Internal'))).toBe(false);
		expect(one(rule('equals', 'Context', 'From-Internal', true))).toBe(true);
		expect(one(rule('equals', 'Context', 'from'))).toBe(false);
	});
	it('notEquals is the negation of equals (a missing header passes)', () => {
		expect(one(rule('notEquals', 'Context', 'from-internal'))).toBe(false);
		expect(one(rule('notEquals', 'Context', 'default'))).toBe(true);
		expect(one(rule('notEquals', 'Queue', 'sales'))).toBe(true);
	});
	it('contains and startsWith', () => {
		expect(one(rule('contains', 'Channel', '/100-'))).toBe(true);
		expect(one(rule('contains', 'Channel', '/101-'))).toBe(false);
		expect(one(rule('startsWith', 'Channel', 'PJSIP/'))).toBe(true);
		expect(one(rule('startsWith', 'Channel', 'SIP/'))).toBe(false);
	});
	it('regex, any value of a repeated header', () => {
		expect(one(rule('regex', 'Cause', '^1[67]$'))).toBe(true);
		expect(one(rule('regex', 'Cause', '^17$'))).toBe(false);
		expect(one(rule('regex', 'ChanVariable', '^B='))).toBe(true);
		expect(one(rule('regex', 'Channel', '^pjsip/', true))).toBe(true);
	});
	it('exists and notExists', () => {
		expect(one(rule('exists', 'Cause'))).toBe(true);
		expect(one(rule('exists', 'Queue'))).toBe(false);
		expect(one(rule('notExists', 'Queue'))).toBe(true);
		expect(one(rule('notExists', 'cause'))).toBe(false);
	});
	it('a regex is compiled once and carries no state between events', () => {
		const filter = compileFilter({ events: 'all', rules: [rule('regex', 'Cause', '16')] });
		expect([filter.matches(HANGUP), filter.matches(HANGUP), filter.matches(HANGUP)]).toEqual([true, true, true]);
	});
});

describe('compileFilter: all / any and convenience fields', () => {
	const rules = [rule('equals', 'Cause', '17'), rule('startsWith', 'Channel', 'PJSIP/')];
	it('all needs every rule, any one of them, no rules pass', () => {
		expect(compileFilter({ events: 'all', rules, combine: 'all' }).matches(HANGUP)).toBe(false);
		expect(compileFilter({ events: 'all', rules, combine: 'any' }).matches(HANGUP)).toBe(true);
		expect(compileFilter({ events: 'all', rules: [], combine: 'any' }).matches(HANGUP)).toBe(true);
	});
	it('convenience fields are always required, whatever the combination', () => {
		const base = { events: 'all' as const, rules, combine: 'any' as const };
		expect(compileFilter({ ...base, context: 'from-internal' }).matches(HANGUP)).toBe(true);
		expect(compileFilter({ ...base, context: 'default' }).matches(HANGUP)).toBe(false);
		expect(compileFilter({ events: 'all', extension: '200' }).matches(HANGUP)).toBe(true);
		expect(compileFilter({ events: 'all', queue: 'sales' }).matches(QUEUE_JOIN)).toBe(true);
		expect(compileFilter({ events: 'all', queue: 'sales' }).matches(HANGUP)).toBe(false);
	});
	it('channel pattern is a glob over the whole Channel value', () => {
		expect(compileFilter({ events: 'all', channelPattern: 'PJSIP/1*' }).matches(HANGUP)).toBe(true);
		expect(compileFilter({ events: 'all', channelPattern: 'PJSIP/1?0-*' }).matches(HANGUP)).toBe(true);
		expect(compileFilter({ events: 'all', channelPattern: 'PJSIP/2*' }).matches(HANGUP)).toBe(false);
		expect(compileFilter({ events: 'all', channelPattern: 'PJSIP/1' }).matches(HANGUP)).toBe(false);
		// `.` in a glob is a literal dot, not "any character"
		expect(compileFilter({ events: 'all', channelPattern: 'PJSIP.100*' }).matches(HANGUP)).toBe(false);
	});
});

describe('compileFilter: invalid settings', () => {
	it('an invalid regex fails at compile time, naming the rule and the reason', () => {
		let caught: unknown;
		try {
			compileFilter({ events: 'all', rules: [rule('exists', 'Cause'), rule('regex', 'Channel', '([unclosed')] });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(FilterConfigError);
		expect((caught as FilterConfigError).ruleIndex).toBe(1);
		expect((caught as Error).message).toMatch(/^Header rule 2 \(Channel\): invalid regular expression \/\(\[unclosed\/: /);
	});
	it('an empty field or an unknown operation is refused', () => {
		expect(() => compileFilter({ events: 'all', rules: [rule('equals', ' ', 'x')] })).toThrow(FilterConfigError);
		expect(() =>
			compileFilter({ events: 'all', rules: [{ field: 'Cause', operation: 'matches' as FilterRule['operation'] }] }),
		).toThrow(/unknown operation "matches"/);
	});
});

describe('compileFilter on a real call (c1_answered)', () => {
	const events = readCallflowEvents('c1_answered.txt').map((e) => e.message);
	it('keeps the four Hangups of the call, with their real causes', () => {
		const filter = compileFilter({ events: ['hangup'], rules: [rule('equals', 'Cause', '16')] });
		const kept = events.filter((m) => filter.matches(m));
		expect(kept.map((m) => m.get('Channel'))).toEqual([
			'Local/agent@calls-00000001;2',
			'Local/agent@calls-00000001;1',
			'Local/caller@calls-00000000;1',
			'Local/caller@calls-00000000;2',
		]);
	});
	it('channel pattern + event list', () => {
		const filter = compileFilter({ events: ['DialBegin', 'DialEnd'], channelPattern: 'Local/caller@calls-*;2' });
		expect(events.filter((m) => filter.matches(m)).map((m) => `${m.event} ${m.get('DialStatus') ?? ''}`)).toEqual([
			'DialBegin ',
			'DialEnd ANSWER',
		]);
	});
});
