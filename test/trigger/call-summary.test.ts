import { AmiMessage } from '../../nodes/Asterisk/core/ami';
import { CallTracker, hangupCause, type CallSummary, type CallTrackerOptions } from '../../nodes/Asterisk/trigger';
import { readCallflowEvents, type TimedMessage } from './callflow';

const T0 = Date.UTC(2026, 10, 23, 4, 52, 44);

/** Feed timed events with the tracker's clock on the capture's own clock; then let time pass. */
function run(events: TimedMessage[], options: CallTrackerOptions = {}) {
	let now = T0;
	const tracker = new CallTracker({ graceMs: 500, ...options, now: () => now });
	const summaries: CallSummary[] = [];
	for (const { at, message } of events) {
		now = T0 + Math.round(at * 1000);
		summaries.push(...tracker.observe(message));
	}
	now += 60_000;
	summaries.push(...tracker.sweep());
	return { summaries, tracker, left: tracker.close() };
}

function only(file: string, options?: CallTrackerOptions): CallSummary {
	const { summaries, left, tracker } = run(readCallflowEvents(file), options);
	expect(left).toEqual([]);
	expect(summaries).toHaveLength(1);
	expect(tracker.stats).toMatchObject({ active: 0, finished: 1, evictedMaxCalls: 0, evictedMaxAge: 0 });
	return summaries[0];
}

function nonNegative(s: CallSummary): void {
	for (const d of [s.ringDuration ?? 0, s.talkDuration, s.duration]) expect(d).toBeGreaterThanOrEqual(0);
	expect(Date.parse(s.endTime)).toBeGreaterThanOrEqual(Date.parse(s.startTime));
	expect(s.complete).toBe(true);
	expect(s.incompleteReason).toBeNull();
}

// Expected values below are read from callflows/INDEX.md (channel tables and key events).
describe('call summary on the real call flows (Asterisk 22.10.1)', () => {
	it('c1 answered: Alice 1001 → agent, rang 2 s, talked 3.5 s, Normal Clearing', () => {
		const s = only('c1_answered.txt');
		nonNegative(s);
		expect(s).toMatchObject({
			linkedid: '1795409565.0',
			disposition: 'answered',
			callerNumber: '1001',
			callerName: 'Alice',
			calleeNumber: 'agent',
			callerChannel: 'Local/caller@calls-00000000;1',
			calleeChannel: 'Local/agent@calls-00000001;1',
			dialStatus: 'ANSWER',
			hangupCause: 16,
			hangupCauseText: 'Normal Clearing',
			queue: null,
			agent: null,
			transferred: false,
		});
		expect(s.ringDuration).toBeCloseTo(2.0, 1); // DialBegin +0.012 → DialEnd ANSWER +2.008
		expect(s.talkDuration).toBeCloseTo(3.5, 1); // answer +2.008 → last Hangup +5.512
		expect(s.duration).toBeCloseTo(5.51, 1);
		expect(s.answerTime).not.toBeNull();
		expect(s.channels.map((c) => [c.uniqueid, c.hangupCause])).toEqual(
			expect.arrayContaining([
				['1795409565.0', 16],
				['1795409565.1', 16],
				['1795409565.2', 16],
				['1795409565.3', 16],
			]),
		);
		expect(s.channels).toHaveLength(4);
	});

	it('c2 no answer: DialStatus NOANSWER after 5 s although every cause is 16 or 0', () => {
		const s = only('c2_noanswer.txt');
		nonNegative(s);
		expect(s).toMatchObject({
			linkedid: '1795409576.4',
			disposition: 'no answer',
			callerNumber: '1001',
			calleeNumber: 'agentna',
			dialStatus: 'NOANSWER',
			answerTime: null,
			talkDuration: 0,
			hangupCause: 16,
		});
		expect(s.ringDuration).toBeCloseTo(5.0, 1);
		expect(s.channels.find((c) => c.uniqueid === '1795409576.6')?.hangupCause).toBe(0);
	});

	it('c3 busy: DialStatus BUSY, cause 17 User busy from the callee half', () => {
		const s = only('c3_busy.txt');
		nonNegative(s);
		expect(s).toMatchObject({
			linkedid: '1795409586.8',
			disposition: 'busy',
			callerNumber: '1001',
			callerName: 'Alice',
			calleeNumber: 'agentbusy',
			dialStatus: 'BUSY',
			hangupCause: 17,
			hangupCauseText: 'User busy',
			answerTime: null,
		});
		expect(s.channels.find((c) => c.uniqueid === '1795409586.11')?.hangupCause).toBe(17);
		expect(s.duration).toBeLessThan(0.1);
	});

	it('c4 queue answered: Bob 1002, queue sales, Agent One, hold 2 s', () => {
		const s = only('c4_queue_answered.txt');
		nonNegative(s);
		expect(s).toMatchObject({
			linkedid: '1795409592.12',
			disposition: 'answered',
			callerNumber: '1002',
			callerName: 'Bob',
			queue: 'sales',
			queueResult: 'answered',
			queueHoldTime: 2,
			agent: 'Agent One',
			agentInterface: 'Local/agent1@agents',
			calleeName: 'Agent One',
			calleeChannel: 'Local/agent1@agents-00000007;1',
			hangupCause: 16,
		});
		// answer = AgentConnect (+2.506), not the caller's early Up (+0.003)
		expect(s.ringDuration).toBeCloseTo(2.0, 1); // QueueCallerJoin +0.503 → AgentConnect +2.506
		expect(s.talkDuration).toBeCloseTo(3.5, 1); // → last Hangup +6.016
	});

	it('c5 queue abandon: caller hung up after 3.5 s; every cause 0', () => {
		const s = only('c5_queue_abandon.txt');
		nonNegative(s);
		expect(s).toMatchObject({
			linkedid: '1795409603.16',
			disposition: 'abandoned',
			callerNumber: '1002',
			queue: 'sales',
			queueResult: 'abandoned',
			queueHoldTime: 3,
			agent: null,
			dialStatus: 'CANCEL',
			hangupCause: 0,
			hangupCauseText: 'Unknown',
			answerTime: null,
			talkDuration: 0,
		});
		expect(s.ringDuration).toBeCloseTo(3.5, 1);
	});

	it('c6 queue timeout: QueueCallerAbandon is sent too, but it is a timeout (no answer)', () => {
		const s = only('c6_queue_timeout.txt');
		nonNegative(s);
		expect(s).toMatchObject({
			linkedid: '1795409613.20',
			disposition: 'no answer',
			queue: 'sales',
			queueResult: 'timeout',
			queueHoldTime: 5,
			dialStatus: 'NOANSWER',
			hangupCause: 16,
			callerNumber: '1002',
		});
		expect(s.ringDuration).toBeCloseTo(5.0, 1);
	});

	it('c6 without the QUEUESTATUS VarSet: still a timeout (the caller was up at the abandon)', () => {
		const events = readCallflowEvents('c6_queue_timeout.txt').filter(
			(e) => !(e.message.event === 'VarSet' && e.message.get('Variable') === 'QUEUESTATUS'),
		);
		const { summaries } = run(events);
		expect(summaries.map((s) => [s.disposition, s.queueResult])).toEqual([['no answer', 'timeout']]);
	});

	it.each(['c1_answered.txt', 'c2_noanswer.txt', 'c3_busy.txt', 'c4_queue_answered.txt', 'c5_queue_abandon.txt', 'c6_queue_timeout.txt'])(
		'%s with no grace period: still one summary, and late events never revive the call',
		(file) => {
			const { summaries, tracker, left } = run(readCallflowEvents(file), { graceMs: 0 });
			expect(summaries).toHaveLength(1);
			expect(left).toEqual([]);
			expect(tracker.stats.active).toBe(0);
		},
	);
});

describe('call summary: out of order', () => {
	const late = new Set(['Cdr', 'CEL', 'OriginateResponse']);
	it.each(['c1_answered.txt', 'c3_busy.txt', 'c4_queue_answered.txt', 'c5_queue_abandon.txt'])(
		'%s with every CEL/Cdr/OriginateResponse delivered first gives the same summary',
		(file) => {
			const events = readCallflowEvents(file);
			const reordered = [...events.filter((e) => late.has(e.message.event ?? '')), ...events.filter((e) => !late.has(e.message.event ?? ''))];
			const pick = (s: CallSummary) => [s.linkedid, s.disposition, s.hangupCause, s.callerNumber, s.calleeNumber, s.queue, s.agent, s.dialStatus];
			const inOrder = run(events).summaries;
			const shuffled = run(reordered).summaries;
			expect(shuffled).toHaveLength(1);
			expect(pick(shuffled[0])).toEqual(pick(inOrder[0]));
		},
	);

	it('a channel that appears within the grace period belongs to the same call', () => {
		const ev = scripted();
		let now = T0;
		const tracker = new CallTracker({ graceMs: 500, now: () => now });
		const out: CallSummary[] = [];
		const feed = (ms: number, m: AmiMessage) => {
			now = T0 + ms;
			out.push(...tracker.observe(m));
		};
		feed(0, ev.newchannel('L1', 'L1', 'PJSIP/100-1'));
		feed(100, ev.hangup('L1', 'L1', 'PJSIP/100-1', 16));
		feed(300, ev.newchannel('L1.2', 'L1', 'PJSIP/200-2'));
		feed(400, ev.hangup('L1.2', 'L1', 'PJSIP/200-2', 21));
		expect(out).toEqual([]);
		now = T0 + 899;
		expect(tracker.sweep()).toEqual([]);
		now = T0 + 900;
		const [s] = tracker.sweep();
		expect(s.channels.map((c) => c.channel)).toEqual(['PJSIP/100-1', 'PJSIP/200-2']);
		expect([s.hangupCause, s.hangupCauseText, s.disposition]).toEqual([21, 'Call Rejected', 'failed']);
	});
});

describe('call summary: bounded memory', () => {
	it('max calls: the oldest unfinished call is evicted, reported and counted', () => {
		const ev = scripted();
		let now = T0;
		const tracker = new CallTracker({ maxCalls: 2, now: () => now });
		expect(tracker.observe(ev.newchannel('A', 'A', 'PJSIP/1-a'))).toEqual([]);
		now += 10;
		expect(tracker.observe(ev.newchannel('B', 'B', 'PJSIP/1-b'))).toEqual([]);
		now += 10;
		const evicted = tracker.observe(ev.newchannel('C', 'C', 'PJSIP/1-c'));
		expect(evicted.map((s) => [s.linkedid, s.complete, s.incompleteReason])).toEqual([['A', false, 'evicted: max calls']]);
		expect(tracker.stats).toMatchObject({ active: 2, evictedMaxCalls: 1 });
		// A's late Hangup does not bring it back
		expect(tracker.observe(ev.hangup('A', 'A', 'PJSIP/1-a', 16))).toEqual([]);
		expect(tracker.stats).toMatchObject({ active: 2, lateEvents: 1 });
	});

	it('max age: a call that never finishes is evicted on sweep', () => {
		const ev = scripted();
		let now = T0;
		const tracker = new CallTracker({ maxAgeMs: 60_000, now: () => now, reportEvicted: true });
		tracker.observe(ev.newchannel('A', 'A', 'PJSIP/1-a'));
		now += 60_000;
		expect(tracker.sweep()).toEqual([]);
		now += 1;
		const [s] = tracker.sweep();
		expect([s.linkedid, s.complete, s.incompleteReason, s.disposition]).toEqual(['A', false, 'evicted: max age', 'no answer']);
		expect(tracker.stats).toMatchObject({ active: 0, evictedMaxAge: 1 });
	});

	it('reportEvicted: false only counts', () => {
		const ev = scripted();
		let now = T0;
		const tracker = new CallTracker({ maxCalls: 1, reportEvicted: false, now: () => now });
		tracker.observe(ev.newchannel('A', 'A', 'PJSIP/1-a'));
		now += 1;
		expect(tracker.observe(ev.newchannel('B', 'B', 'PJSIP/1-b'))).toEqual([]);
		expect(tracker.stats.evictedMaxCalls).toBe(1);
	});

	it('a call joined in the middle is summarized but marked incomplete; close() reports the rest', () => {
		const events = readCallflowEvents('c1_answered.txt');
		const firstDial = events.findIndex((e) => e.message.event === 'DialBegin' && e.message.has('Channel'));
		const { summaries } = run(events.slice(firstDial));
		expect(summaries.map((s) => [s.disposition, s.complete, s.incompleteReason])).toEqual([['answered', false, 'joined late']]);

		const firstHangup = events.findIndex((e) => e.message.event === 'Hangup');
		const cut = run(events.slice(0, firstHangup));
		expect(cut.summaries).toEqual([]);
		expect(cut.left.map((s) => [s.linkedid, s.complete, s.incompleteReason])).toEqual([['1795409565.0', false, 'tracker closed']]);
	});
});

describe('call summary: transfers', () => {
	it('blind transfer: one call, the caller ends up with a third party', () => {
		const ev = scripted();
		let now = T0;
		const tracker = new CallTracker({ graceMs: 0, now: () => now });
		const out: CallSummary[] = [];
		const at = (seconds: number, m: AmiMessage) => {
			now = T0 + seconds * 1000;
			out.push(...tracker.observe(m));
		};
		at(0, ev.newchannel('L', 'L', 'PJSIP/100-01', '100', 'Alice'));
		at(0.1, ev.dialBegin('L', 'L.2', 'PJSIP/100-01', 'PJSIP/200-02', '200'));
		at(3, ev.dialEnd('L', 'L.2', 'PJSIP/100-01', 'PJSIP/200-02', 'ANSWER'));
		at(10, ev.blindTransfer('L', '300', 'from-internal'));
		at(10.1, ev.hangup('L.2', 'L', 'PJSIP/200-02', 16));
		at(10.2, ev.dialBegin('L', 'L.3', 'PJSIP/100-01', 'PJSIP/300-03', '300'));
		at(12, ev.dialEnd('L', 'L.3', 'PJSIP/100-01', 'PJSIP/300-03', 'ANSWER'));
		at(20, ev.hangup('L.3', 'L', 'PJSIP/300-03', 16));
		expect(out).toEqual([]);
		at(20.01, ev.hangup('L', 'L', 'PJSIP/100-01', 16));
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({
			disposition: 'answered',
			callerNumber: '100',
			callerName: 'Alice',
			calleeNumber: '200',
			calleeChannel: 'PJSIP/200-02',
			finalCalleeChannel: 'PJSIP/300-03',
			transferred: true,
			transfers: [{ kind: 'blind', result: 'Success', target: '300@from-internal' }],
			talkDuration: 17.01,
			ringDuration: 2.9,
			duration: 20.01,
		});
		expect(out[0].channels).toHaveLength(3);
	});

	it('attended transfer joining two calls: each summary names the other', () => {
		const ev = scripted();
		const tracker = new CallTracker({ graceMs: 0, now: () => T0 });
		tracker.observe(ev.newchannel('L1', 'L1', 'PJSIP/100-01'));
		tracker.observe(ev.newchannel('L2', 'L2', 'PJSIP/200-02'));
		tracker.observe(
			msg(
				'Event: AttendedTransfer',
				'Result: Success',
				'OrigTransfererChannel: PJSIP/200-03',
				'OrigTransfererLinkedid: L1',
				'SecondTransfererChannel: PJSIP/200-02',
				'SecondTransfererLinkedid: L2',
				'TransferTargetChannel: PJSIP/300-04',
				'DestType: Bridge',
			),
		);
		const out = [...tracker.observe(ev.hangup('L1', 'L1', 'PJSIP/100-01', 16)), ...tracker.observe(ev.hangup('L2', 'L2', 'PJSIP/200-02', 16))];
		expect(out.map((s) => [s.linkedid, s.transferred, s.relatedLinkedids, s.transfers[0]?.target])).toEqual([
			['L1', true, ['L2'], 'PJSIP/300-04'],
			['L2', true, ['L1'], 'PJSIP/300-04'],
		]);
	});
});

describe('hangup causes', () => {
	it('the common Q.850 codes, with Asterisk texts', () => {
		expect([16, 17, 19, 21, 34].map((c) => hangupCause(c)?.text)).toEqual([
			'Normal Clearing',
			'User busy',
			'User alerting, no answer',
			'Call Rejected',
			'Circuit/channel congestion',
		]);
		expect(hangupCause('0')?.text).toBe('Unknown');
		expect(hangupCause(999, 'Something new')).toEqual({ code: 999, name: 'UNKNOWN', text: 'Something new' });
		expect(hangupCause('abc')).toBeUndefined();
	});
	it('every Cause/Cause-txt pair in the captures agrees with the table', () => {
		const files = ['c1_answered.txt', 'c2_noanswer.txt', 'c3_busy.txt', 'c5_queue_abandon.txt'];
		const pairs = files.flatMap((f) =>
			readCallflowEvents(f)
				.map((e) => e.message)
				.filter((m) => m.event === 'Hangup')
				.map((m) => [m.get('Cause'), m.get('Cause-txt')]),
		);
		expect(new Set(pairs.map((p) => p.join('=')))).toEqual(new Set(['16=Normal Clearing', '0=Unknown', '17=User busy']));
		for (const [code, text] of pairs) expect(hangupCause(code)?.text).toBe(text);
	});
});

function msg(...lines: string[]): AmiMessage {
	return new AmiMessage(lines.join('\r\n') + '\r\n');
}

/** Events in Asterisk's shapes (header names as in the captures), for scripted scenarios. */
function scripted() {
	const chan = (prefix: string, channel: string, uid: string, linked: string, num = '<unknown>', name = '<unknown>') => [
		`${prefix}Channel: ${channel}`,
		`${prefix}CallerIDNum: ${num}`,
		`${prefix}CallerIDName: ${name}`,
		`${prefix}Uniqueid: ${uid}`,
		`${prefix}Linkedid: ${linked}`,
	];
	return {
		newchannel: (uid: string, linked: string, channel: string, num?: string, name?: string) =>
			msg('Event: Newchannel', 'Privilege: call,all', ...chan('', channel, uid, linked, num, name), 'Exten: s', 'Context: default'),
		hangup: (uid: string, linked: string, channel: string, cause: number) =>
			msg('Event: Hangup', ...chan('', channel, uid, linked), `Cause: ${cause}`),
		dialBegin: (from: string, to: string, channel: string, dest: string, dialString: string) =>
			msg('Event: DialBegin', ...chan('', channel, from, 'L'), ...chan('Dest', dest, to, 'L'), `DialString: ${dialString}`),
		dialEnd: (from: string, to: string, channel: string, dest: string, status: string) =>
			msg('Event: DialEnd', ...chan('', channel, from, 'L'), ...chan('Dest', dest, to, 'L'), `DialStatus: ${status}`),
		blindTransfer: (linked: string, exten: string, context: string) =>
			msg(
				'Event: BlindTransfer',
				'Result: Success',
				'TransfererChannel: PJSIP/200-02',
				`TransfererLinkedid: ${linked}`,
				'TransfereeChannel: PJSIP/100-01',
				`TransfereeLinkedid: ${linked}`,
				'IsExternal: No',
				`Context: ${context}`,
				`Extension: ${exten}`,
			),
	};
}
