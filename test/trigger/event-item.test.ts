import { AmiMessage } from '../../nodes/Asterisk/core/ami';
import { gatherChanVariables, isChanVariableHeader, toEventItem } from '../../nodes/Asterisk/trigger';
import { readCallflowEvents } from './callflow';

const msg = (...lines: string[]) => new AmiMessage(lines.join('\r\n') + '\r\n');
const AT = Date.UTC(2026, 10, 23, 4, 52, 45, 123);

describe('gatherChanVariables', () => {
	it("['A=1','B=two'] → {A:'1', B:'two'}; split at the first '='; no '=' → ''", () => {
		expect(gatherChanVariables(['A=1', 'B=two'])).toEqual({ A: '1', B: 'two' });
		expect(gatherChanVariables(['URL=http://x/?a=b', 'EMPTY=', 'BARE'])).toEqual({ URL: 'http://x/?a=b', EMPTY: '', BARE: '' });
	});
	it('a hostile name stays an ordinary field', () => {
		const vars = gatherChanVariables(['__proto__=x']);
		expect(Object.keys(vars)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
	});
	it('recognizes every ChanVariable form Asterisk writes', () => {
		expect(['ChanVariable', 'DestChanVariable', 'chanvariable', 'ChanVariable(SIP/100-0001)'].every(isChanVariableHeader)).toBe(true);
		expect(isChanVariableHeader('Variable')).toBe(false);
	});
});

describe('toEventItem', () => {
	it('keeps header names as sent, repeated headers as arrays, gathers ChanVariable, adds receivedAt', () => {
		// Asterisk ≥ 12 (manager_channels.c): "%sChanVariable: %s=%s" per channelvars= entry
		const item = toEventItem(
			msg(
				'Event: DialBegin',
				'Privilege: call,all',
				'Channel: PJSIP/100-00000001',
				'ChanVariable: A=1',
				'ChanVariable: B=two',
				'DestChannel: PJSIP/200-00000002',
				'DestChanVariable: A=9',
				'DialString: 200',
			),
			{ receivedAt: AT },
		);
		expect(item).toEqual({
			Event: 'DialBegin',
			Privilege: 'call,all',
			Channel: 'PJSIP/100-00000001',
			ChanVariable: { A: '1', B: 'two' },
			DestChannel: 'PJSIP/200-00000002',
			DestChanVariable: { A: '9' },
			DialString: '200',
			receivedAt: '2026-11-23T04:52:45.123Z',
		});
	});
	it('Asterisk 11 form: one object per ChanVariable(<channel>) header', () => {
		const item = toEventItem(
			msg(
				'Event: Bridge',
				'ChanVariable(SIP/a-1): CDR(linkedid)=1469111531.1',
				'ChanVariable(SIP/a-1): CDR(dst)=5899',
				'ChanVariable(Local/5842@q-2;1): CDR(dst)=5842',
			),
			{ receivedAtField: '' },
		);
		expect(item).toEqual({
			Event: 'Bridge',
			'ChanVariable(SIP/a-1)': { 'CDR(linkedid)': '1469111531.1', 'CDR(dst)': '5899' },
			'ChanVariable(Local/5842@q-2;1)': { 'CDR(dst)': '5842' },
		});
	});
	it('a real event from the capture (c1 Hangup of agent;2), as JSON', () => {
		const hangup = readCallflowEvents('c1_answered.txt').find((e) => e.message.event === 'Hangup')!.message;
		const item = toEventItem(hangup, { receivedAt: AT });
		expect(item).toMatchObject({
			Event: 'Hangup',
			Channel: 'Local/agent@calls-00000001;2',
			Uniqueid: '1795409565.3',
			Linkedid: '1795409565.0',
			Cause: '16',
			'Cause-txt': 'Normal Clearing',
			AccountCode: '',
			receivedAt: '2026-11-23T04:52:45.123Z',
		});
		expect(JSON.parse(JSON.stringify(item))).toEqual(item);
	});
	it('a repeated non-ChanVariable header stays an array; gathering can be turned off', () => {
		const m = msg('Event: X', 'Output: a', 'Output: b', 'ChanVariable: A=1');
		expect(toEventItem(m, { receivedAtField: '', gatherChanVariables: false })).toEqual({
			Event: 'X',
			Output: ['a', 'b'],
			ChanVariable: 'A=1',
		});
	});
});
