import { AmiParser, type AmiMessage, type AmiProtocolError } from '../../../nodes/Asterisk/core/ami';
import { everySplit, randomChunks } from '../../support/split';

interface Parsed {
	banners: string[];
	messages: AmiMessage[];
	errors: AmiProtocolError[];
}

function parse(chunks: Buffer[], options: { expectBanner?: boolean; maxLineBytes?: number; maxMessageBytes?: number } = {}): Parsed {
	const parsed: Parsed = { banners: [], messages: [], errors: [] };
	const parser = new AmiParser(
		{
			onBanner: (banner) => parsed.banners.push(banner),
			onMessage: (message) => parsed.messages.push(message),
			onError: (error) => parsed.errors.push(error),
		},
		{ expectBanner: true, ...options },
	);
	for (const chunk of chunks) parser.parse(chunk);
	return parsed;
}

const summary = (parsed: Parsed) => ({
	banners: parsed.banners,
	messages: parsed.messages.map((m) => [m.type, m.headers]),
	errors: parsed.errors.map((e) => e.violation),
});

const LOGIN = Buffer.from(
	'Asterisk Call Manager/11.0.0\r\n' +
		'Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n' +
		'Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 2\r\nLastReload: 2\r\nStatus: Fully Booted\r\n\r\n',
);

describe('AmiParser', () => {
	it('reads the one-line banner, then messages', () => {
		const parsed = parse([LOGIN]);
		expect(parsed.banners).toEqual(['Asterisk Call Manager/11.0.0']);
		expect(parsed.messages.map((m) => m.type)).toEqual(['response', 'event']);
		expect(parsed.messages[0].actionId).toBe('login-1');
		expect(parsed.messages[1].event).toBe('FullyBooted');
		expect(parsed.messages[1].get('status')).toBe('Fully Booted');
	});

	it('gives the same messages however the bytes are split', () => {
		const whole = summary(parse([LOGIN]));
		for (const chunks of everySplit(LOGIN)) expect(summary(parse(chunks))).toEqual(whole);
	});

	it('accepts \\r\\n, bare \\n and \\r\\n\\n endings alike', () => {
		const bytes = Buffer.from(
			'Asterisk Call Manager/11.0.0\n' +
				'Event: A\nX: 1\n\n' +
				'Event: B\r\nX: 2\r\n\n' +
				'Event: C\r\nX: 3\r\n\r\n' +
				'Event: D\nX: 4\r\n\r\n',
		);
		const expected = {
			banners: ['Asterisk Call Manager/11.0.0'],
			messages: ['A', 'B', 'C', 'D'].map((name, i) => ['event', [['Event', name], ['X', String(i + 1)]]]),
			errors: [],
		};
		for (const chunks of everySplit(bytes)) expect(summary(parse(chunks))).toEqual(expected);
	});

	it('skips stray blank lines between messages', () => {
		const parsed = parse([Buffer.from('Asterisk Call Manager/11.0.0\r\n\r\n\nEvent: A\r\n\r\n\r\n\r\nEvent: B\r\n\r\n')]);
		expect(parsed.messages.map((m) => m.event)).toEqual(['A', 'B']);
	});

	it('keeps every value of a repeated header, in order, names as sent, looked up in any case', () => {
		const [message] = parse([
			Buffer.from('Event: VarSet\r\nChanVariable: A=1\r\nchanvariable: B=2\r\nCHANVARIABLE: C=3\r\n\r\n'),
		], { expectBanner: false }).messages;
		expect(message.getAll('ChanVariable')).toEqual(['A=1', 'B=2', 'C=3']);
		expect(message.get('CHANVARIABLE')).toBe('A=1');
		// JSON keeps names exactly as sent: a repeated header becomes an array of its values.
		expect(message.toObject()).toEqual({ Event: 'VarSet', ChanVariable: 'A=1', chanvariable: 'B=2', CHANVARIABLE: 'C=3' });
		const [repeated] = parse([Buffer.from('Response: Success\r\nOutput: a\r\nOutput: b\r\nOutput: c\r\n\r\n')], {
			expectBanner: false,
		}).messages;
		expect(repeated.toObject()).toEqual({ Response: 'Success', Output: ['a', 'b', 'c'] });
	});

	it('keeps values as sent: empty, with colons, with leading spaces beyond the one after the colon', () => {
		const [message] = parse([Buffer.from('Response: Success\r\nAccountCode: \r\nOutput:    Members: \r\nTime: 12:30:00\r\nEmpty:\r\n\r\n')], {
			expectBanner: false,
		}).messages;
		expect(message.get('AccountCode')).toBe('');
		expect(message.get('Output')).toBe('   Members: ');
		expect(message.get('Time')).toBe('12:30:00');
		expect(message.get('Empty')).toBe('');
	});

	it('treats a message with both Event and Response as an event (OriginateResponse)', () => {
		const [message] = parse([Buffer.from('Event: OriginateResponse\r\nActionID: o-1\r\nResponse: Failure\r\nReason: 5\r\n\r\n')], {
			expectBanner: false,
		}).messages;
		expect(message.type).toBe('event');
		expect(message.response).toBe('Failure');
		const [late] = parse([Buffer.from('Response: Success\r\nEvent: Odd\r\n\r\n')], { expectBanner: false }).messages;
		expect(late.type).toBe('event');
	});

	it('decodes UTF-8 characters split across chunks', () => {
		const bytes = Buffer.from('Event: Newchannel\r\nCallerIDName: Zoë Ångström ☎ 📞\r\n\r\n', 'utf8');
		for (const chunks of everySplit(bytes)) {
			const { messages } = parse(chunks, { expectBanner: false });
			expect(messages).toHaveLength(1);
			expect(messages[0].get('CallerIDName')).toBe('Zoë Ångström ☎ 📞');
		}
	});

	it('makes __proto__ an ordinary property in toObject()', () => {
		const [message] = parse([Buffer.from('Event: X\r\n__proto__: polluted\r\nconstructor: c\r\n\r\n')], { expectBanner: false }).messages;
		const object = message.toObject();
		expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
		expect(Object.prototype.hasOwnProperty.call(object, '__proto__')).toBe(true);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(JSON.parse(JSON.stringify(object))).toEqual(JSON.parse('{"Event":"X","__proto__":"polluted","constructor":"c"}'));
	});

	describe('Command output', () => {
		it('reads Asterisk ≥ 14 Output headers', () => {
			const [message] = parse([
				Buffer.from('Response: Success\r\nActionID: c1\r\nMessage: Command output follows\r\nOutput: line one\r\nOutput: \r\nOutput: line three\r\n\r\n'),
			], { expectBanner: false }).messages;
			expect(message.getAll('Output')).toEqual(['line one', '', 'line three']);
		});

		const follows = Buffer.from(
			'Response: Follows\r\nPrivilege: Command\r\nActionID: c2\r\n' +
				'Name/username             Host            Dyn\n' +
				'\n' +
				'200/200: (Unspecified)    Yes\n' +
				'--END COMMAND--\r\n\r\n' +
				'Event: After\r\n\r\n',
		);

		it('reads Asterisk ≤ 13 Response: Follows, blank lines and colons in the raw text included, at any split', () => {
			const expected = [
				[
					'response',
					[
						['Response', 'Follows'],
						['Privilege', 'Command'],
						['ActionID', 'c2'],
						['Output', 'Name/username             Host            Dyn'],
						['Output', ''],
						['Output', '200/200: (Unspecified)    Yes'],
					],
				],
				['event', [['Event', 'After']]],
			];
			for (const chunks of everySplit(follows)) {
				expect(summary(parse(chunks, { expectBanner: false })).messages).toEqual(expected);
			}
		});

		it('reads a Follows whose output does not end with a newline', () => {
			const [message] = parse([Buffer.from('Response: Follows\r\nPrivilege: Command\r\nNo such command--END COMMAND--\r\n\r\n')], {
				expectBanner: false,
			}).messages;
			expect(message.getAll('Output')).toEqual(['No such command']);
		});
	});

	describe('limits', () => {
		it('reports a line over the limit, skips its message, and reads the next one', () => {
			const bytes = Buffer.from(`Event: Big\r\nData: ${'x'.repeat(200)}\r\n\r\nEvent: Next\r\n\r\n`);
			for (const chunks of [[bytes], randomChunks(bytes, 7, 13), randomChunks(bytes, 8, 150)]) {
				const parsed = parse(chunks, { expectBanner: false, maxLineBytes: 100, maxMessageBytes: 10_000 });
				expect(parsed.errors.map((e) => e.violation)).toEqual(['LINE_TOO_LONG']);
				expect(parsed.messages.map((m) => m.event)).toEqual(['Next']);
			}
		});

		it('reports a message over the limit, skips it, and reads the next one', () => {
			const lines = Array.from({ length: 50 }, (_, i) => `Header${i}: value ${i}\r\n`).join('');
			const bytes = Buffer.from(`Event: Big\r\n${lines}\r\nEvent: Next\r\n\r\n`);
			for (const chunks of [[bytes], randomChunks(bytes, 3, 11)]) {
				const parsed = parse(chunks, { expectBanner: false, maxLineBytes: 100, maxMessageBytes: 500 });
				expect(parsed.errors.map((e) => e.violation)).toEqual(['MESSAGE_TOO_LARGE']);
				expect(parsed.messages.map((m) => m.event)).toEqual(['Next']);
			}
		});

		it('never holds more than the limits, whatever a hostile peer sends', () => {
			const parser = new AmiParser({ onMessage: () => undefined, onError: () => undefined }, { maxLineBytes: 1024, maxMessageBytes: 4096 });
			const garbage = Buffer.alloc(1000, 'A');
			let most = 0;
			for (let i = 0; i < 5000; i++) {
				parser.parse(garbage);
				most = Math.max(most, parser.bufferedBytes);
			}
			expect(most).toBeLessThanOrEqual(4096 + 1000);
		});

		it('reports a peer that is not Asterisk', () => {
			const parsed = parse([Buffer.from('SSH-2.0-OpenSSH_9.2\r\n')]);
			expect(parsed.errors.map((e) => e.violation)).toEqual(['NOT_AMI']);
			expect(parsed.errors[0].message).toContain('SSH-2.0-OpenSSH_9.2');
		});
	});
});
