import { AmiUnsafeActionError, MAX_HEADER_LINES, serializeAction } from '../../../nodes/Asterisk/core/ami';

describe('serializeAction', () => {
	it('writes Action first, headers in order, ActionID last, and a blank line', () => {
		const bytes = serializeAction('Originate', { Channel: 'Local/100@park-test', Async: true, Priority: 1 }, 'orig-1');
		expect(bytes.toString()).toBe(
			'Action: Originate\r\nChannel: Local/100@park-test\r\nAsync: true\r\nPriority: 1\r\nActionID: orig-1\r\n\r\n',
		);
	});

	it('repeats a header once per array value (one Variable per variable, as Asterisk splits on commas)', () => {
		const bytes = serializeAction('Originate', { Variable: ['MYVAR1=one', 'MYVAR2=two,three'] });
		expect(bytes.toString()).toBe('Action: Originate\r\nVariable: MYVAR1=one\r\nVariable: MYVAR2=two,three\r\n\r\n');
	});

	it('keeps ordered pairs as given, repeated names included', () => {
		const bytes = serializeAction('UserEvent', [
			['UserEvent', 'Lead'],
			['Header', 'a'],
			['Header', 'b'],
		]);
		expect(bytes.toString()).toBe('Action: UserEvent\r\nUserEvent: Lead\r\nHeader: a\r\nHeader: b\r\n\r\n');
	});

	it('leaves out undefined and null values', () => {
		expect(serializeAction('Ping', { A: undefined, B: null }).toString()).toBe('Action: Ping\r\n\r\n');
	});

	it('writes UTF-8', () => {
		const bytes = serializeAction('Setvar', { Variable: 'NAME', Value: 'Zoë ☎' });
		expect(bytes.equals(Buffer.from('Action: Setvar\r\nVariable: NAME\r\nValue: Zoë ☎\r\n\r\n', 'utf8'))).toBe(true);
	});

	describe('refuses what would inject or be cut, naming the header and never its value', () => {
		const secret = 'top-secret-123';
		const cases: Array<[string, () => Buffer, string]> = [
			['CR LF in a value', () => serializeAction('Setvar', { Value: '123\r\nAction: Command' }), 'Value'],
			['a lone LF in a value', () => serializeAction('Setvar', { Value: 'a\nb' }), 'Value'],
			['a lone CR in a value', () => serializeAction('Setvar', { Value: 'a\rb' }), 'Value'],
			['NUL in a value', () => serializeAction('Setvar', { Value: 'a\0b' }), 'Value'],
			['a line break in a secret', () => serializeAction('Login', { Secret: `${secret}\r\nAction: Command` }), 'Secret'],
			['CR LF in the action name', () => serializeAction('Ping\r\nAction: Command', {}), 'Action'],
			['CR LF in the ActionID', () => serializeAction('Ping', {}, 'x\r\nAction: Command'), 'ActionID'],
			['a colon in a name', () => serializeAction('Ping', { 'Action: Command\r\nX': 'y' }), 'Action'],
			['a line break in a name', () => serializeAction('Ping', { 'X\r\nAction': 'Command' }), 'X'],
			['an empty name', () => serializeAction('Ping', [['', 'x']]), '(empty name)'],
			['a repeated value with a line break', () => serializeAction('Originate', { Variable: ['A=1', 'B=2\nAction: Hangup'] }), 'Variable'],
		];
		it.each(cases)('%s', (_label, build, header) => {
			let caught: unknown;
			try {
				build();
			} catch (error) {
				caught = error;
			}
			expect(caught).toBeInstanceOf(AmiUnsafeActionError);
			const error = caught as AmiUnsafeActionError;
			expect(error.header).toContain(header);
			expect(error.message).toContain('nothing was sent');
			expect(error.message).not.toContain(secret);
			expect(error.message).not.toContain('\n');
		});
	});

	it('accepts a line of exactly 1024 bytes and refuses 1025 (Asterisk reads 1024)', () => {
		const value = 'x'.repeat(1024 - 'Value: '.length - 2);
		expect(serializeAction('Setvar', { Value: value }).length).toBeGreaterThan(1024);
		expect(() => serializeAction('Setvar', { Value: value + 'x' })).toThrow(/"Value" refused: the line would be 1025 bytes/);
	});

	it('counts bytes, not characters, against the line limit', () => {
		const value = '€'.repeat(340); // 1020 bytes in UTF-8
		expect(() => serializeAction('Setvar', { Value: value })).toThrow(AmiUnsafeActionError);
	});

	it('refuses more header lines than Asterisk keeps', () => {
		const headers = Array.from({ length: MAX_HEADER_LINES - 1 }, (_, i) => ['Variable', `V${i}=1`] as [string, string]);
		expect(() => serializeAction('Originate', headers)).not.toThrow();
		expect(() => serializeAction('Originate', headers, 'id-1')).toThrow(/keeps only the first 128/);
	});
});
