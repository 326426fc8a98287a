import {
	formatCommand,
	IvrUnsafeCommandError,
	MAX_COMMAND_BYTES,
	parseEvent,
	parseVariables,
	serializeCommand,
} from '../../../nodes/Asterisk/core/eivr';
import type { IvrCommand, IvrEvent } from '../../../nodes/Asterisk/core/eivr';
import { readTranscript, transcriptNames } from './helpers';

describe('parseEvent on every line Asterisk sent in the captures', () => {
	const received = transcriptNames().flatMap((name) =>
		readTranscript(name)
			.filter((line) => line.direction === '<<')
			.map((line) => [name, line.text, line.ending] as const),
	);

	it('found the captured lines', () => {
		expect(received.length).toBeGreaterThan(30);
	});

	it.each(received)('%s: %j is a known event, LF-terminated, with its timestamp', (_name, text, ending) => {
		expect(ending).toBe('\n');
		const event = parseEvent(text);
		expect(event.type).not.toBe('unknown');
		expect(event.raw).toBe(text);
		expect(event.timestamp).toBeGreaterThan(1_700_000_000);
	});
});

describe('parseEvent', () => {
	const table: Array<[string, Partial<IvrEvent>]> = [
		['P,1795404744,ivr://127.0.0.1:2949,arg1,arg2', { type: 'params', url: 'ivr://127.0.0.1:2949', args: ['arg1', 'arg2'] }],
		['P,1795404744,ivr://127.0.0.1:2949', { type: 'params', url: 'ivr://127.0.0.1:2949', args: [] }],
		['G,1795404746,FOO=bar', { type: 'variables', variables: { FOO: 'bar' }, data: 'FOO=bar' }],
		[
			'G,1795404753,A=1,B=two words,C=,UNSET_VAR=,CALLERID(num)=,CHANNEL=',
			{ type: 'variables', variables: { A: '1', B: 'two words', C: '', UNSET_VAR: '', 'CALLERID(num)': '', CHANNEL: '' } },
		],
		['F,1795404752,hello-world', { type: 'finished', file: 'hello-world' }],
		['Z,1795404753,no-such-file', { type: 'failed', data: 'no-such-file' }],
		['Z,1795404753', { type: 'failed', data: undefined }],
		['T,1795404757,demo-congrats', { type: 'stopped', file: 'demo-congrats' }],
		['D,1795404757,beep', { type: 'dropped', file: 'beep' }],
		['D,1795404757', { type: 'dtmf', digit: 'D' }],
		['A,1795404770', { type: 'dtmf', digit: 'A' }],
		['#,1795404769', { type: 'dtmf', digit: '#' }],
		['*,1795404770', { type: 'dtmf', digit: '*' }],
		['0,1795404770', { type: 'dtmf', digit: '0' }],
		['E,1795404746', { type: 'exit' }],
		['H,1795404760', { type: 'hangup' }],
		['I,1795404760,HANGUP', { type: 'inform', message: 'HANGUP' }],
		// %10d pads a short time with spaces; a CR before the LF is tolerated.
		['H,  12345678', { type: 'hangup', timestamp: 12345678 }],
		['F,1795404752,beep\r', { type: 'finished', file: 'beep', raw: 'F,1795404752,beep' }],
		['Q,1795404752,new', { type: 'unknown', tag: 'Q', data: 'new' }],
		['garbage', { type: 'unknown', tag: 'g', timestamp: undefined }],
		['', { type: 'unknown', tag: '' }],
	];
	it.each(table)('%j', (line, expected) => {
		expect(parseEvent(line)).toMatchObject(expected);
	});

	it('keeps the timestamp as a number', () => {
		expect(parseEvent('1,1795404767').timestamp).toBe(1795404767);
	});
});

describe('parseVariables', () => {
	it('joins comma pieces without "=" to the previous value', () => {
		expect(parseVariables('A=1,2,3,B=x')).toEqual({ A: '1,2,3', B: 'x' });
	});
	it('is exact with the names that were asked, even with ",X=" lookalikes', () => {
		expect(parseVariables('A=a,b=c,B=d', ['A', 'B'])).toEqual({ A: 'a,b=c', B: 'd' });
		expect(parseVariables('A=x=y,B=', ['A', 'B'])).toEqual({ A: 'x=y', B: '' });
	});
	it('leaves out names cut off by Asterisk (answers are cut at 2047 bytes)', () => {
		expect(parseVariables('A=1,B=2', ['A', 'B', 'C'])).toEqual({ A: '1', B: '2' });
	});
	it('falls back when the answer does not start with the first name', () => {
		expect(parseVariables('X=1', ['A'])).toEqual({ X: '1' });
	});
	it('keeps a variable named __proto__ as an ordinary key', () => {
		const values = parseVariables('__proto__=x,A=1', ['__proto__', 'A']);
		expect(Object.keys(values)).toEqual(['__proto__', 'A']);
		expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
		expect(Object.keys(parseVariables('__proto__=y'))).toEqual(['__proto__']);
	});
	it('reads an empty answer as no variables', () => {
		expect(parseVariables('')).toEqual({});
	});
});

describe('formatCommand / serializeCommand', () => {
	const table: Array<[IvrCommand, string]> = [
		[{ type: 'getParams' }, 'P,0'],
		[{ type: 'play', file: 'demo-congrats' }, 'S,demo-congrats'],
		[{ type: 'append', file: 'beep' }, 'A,beep'],
		[{ type: 'interrupt' }, 'I,0'],
		[{ type: 'setVariables', variables: { FOO: 'bar' } }, 'V,FOO=bar'],
		[{ type: 'setVariables', variables: { A: '1', B: 'two words', C: '' } }, 'V,A=1,B=two words,C='],
		[{ type: 'setVariables', variables: { URL: 'a=b' } }, 'V,URL=a=b'],
		[{ type: 'getVariables', names: ['A', 'B', 'C', 'UNSET_VAR', 'CALLERID(num)', 'CHANNEL'] }, 'G,A,B,C,UNSET_VAR,CALLERID(num),CHANNEL'],
		[{ type: 'log', message: 'hello from the IVR server' }, 'L,hello from the IVR server'],
		[{ type: 'option', option: 'autoclear' }, 'O,autoclear'],
		[{ type: 'option', option: 'noautoclear' }, 'O,noautoclear'],
		[{ type: 'answer' }, 'T,0'],
		[{ type: 'sendDtmf', digits: '98' }, 'D,98'],
		[{ type: 'sendDtmf', digits: '1w2', intervalMs: 100 }, 'D,1w2,100'],
		[{ type: 'sendDtmf', digits: '#', durationMs: 300 }, 'D,#,,300'],
		[{ type: 'exit', message: 'bye' }, 'E,bye'],
		[{ type: 'exit' }, 'E,exit'],
		[{ type: 'exit', message: '   ' }, 'E,exit'],
		[{ type: 'hangup', message: 'bye' }, 'H,bye'],
		[{ type: 'hangup', message: '' }, 'H,hangup'],
		[{ type: 'log', message: ' a, b ' }, 'L,a, b'],
	];
	it.each(table)('%j → %s', (command, line) => {
		expect(formatCommand(command)).toBe(line);
		expect(serializeCommand(command).toString('utf8')).toBe(`${line}\n`);
	});

	it('produces every command line our IVR server sent in the captures that it should produce', () => {
		// The captures also hold deliberate oddities (I, Q,…, G, GX, GXY, O,bogusoption, CRLF).
		const ours = new Set(table.map(([, line]) => line));
		const sentLines = transcriptNames()
			.flatMap((name) => readTranscript(name))
			.filter((line) => line.direction === '>>' && line.ending === '\n')
			.map((line) => line.text);
		const covered = sentLines.filter((line) => ours.has(line));
		expect(covered).toEqual(expect.arrayContaining(['P,0', 'S,demo-congrats', 'V,FOO=bar', 'G,A,B,C,UNSET_VAR,CALLERID(num),CHANNEL', 'E,bye', 'H,bye', 'I,0', 'T,0', 'D,98']));
	});

	it('keeps UTF-8 text as UTF-8 bytes', () => {
		expect(serializeCommand({ type: 'setVariables', variables: { NAME: 'Zoë 😀' } })).toEqual(Buffer.from('V,NAME=Zoë 😀\n'));
	});
});

describe('refusals: no user value can become another command', () => {
	const refused: Array<[string, IvrCommand, RegExp]> = [
		['LF in a file name', { type: 'play', file: 'beep\nH,bye' }, /file name/],
		['CR in a file name', { type: 'append', file: 'beep\rH,bye' }, /file name/],
		['NUL in a file name', { type: 'play', file: 'beep\0' }, /file name/],
		['tab in a file name', { type: 'play', file: 'be\tep' }, /file name/],
		['a Playback list', { type: 'play', file: 'hello&beep' }, /"&" or ","/],
		['a comma in a file name', { type: 'append', file: 'beep,skip' }, /"&" or ","/],
		['an empty file name', { type: 'play', file: '' }, /file name is empty/],
		['a file name with trailing space', { type: 'play', file: 'beep ' }, /white space/],
		['LF in a variable value', { type: 'setVariables', variables: { A: '1\nH,bye' } }, /value of variable "A"/],
		['comma in a variable value', { type: 'setVariables', variables: { A: '1,B=2' } }, /value of variable "A".*","/],
		['trailing space in a variable value', { type: 'setVariables', variables: { A: 'x ' } }, /value of variable "A".*white space/],
		['"=" in a variable name', { type: 'setVariables', variables: { 'A=B': '1' } }, /variable name "A=B".*"="/],
		['comma in a variable name', { type: 'setVariables', variables: { 'A,H': '1' } }, /variable name "A,H".*","/],
		['LF in a variable name', { type: 'getVariables', names: ['A\nH,bye'] }, /variable name "A\\nH,bye"/],
		['space in a variable name', { type: 'getVariables', names: ['A B'] }, /variable name "A B".*white space/],
		['comma in a G name', { type: 'getVariables', names: ['HASH(a,b)'] }, /","/],
		['an empty G list', { type: 'getVariables', names: [] }, /is empty/],
		['an empty V list', { type: 'setVariables', variables: {} }, /is empty/],
		['an empty G name', { type: 'getVariables', names: [''] }, /is empty/],
		['LF in an exit message', { type: 'exit', message: 'bye\nH,x' }, /message/],
		['LF in a hangup message', { type: 'hangup', message: 'bye\r\n' }, /message/],
		['LF in a log message', { type: 'log', message: 'a\nE,x' }, /message/],
		['an empty log message', { type: 'log', message: ' ' }, /message is empty/],
		['a bad option', { type: 'option', option: 'bogus' as 'autoclear' }, /option/],
		['letters as DTMF', { type: 'sendDtmf', digits: '1\nH' }, /digits/],
		['a bad DTMF interval', { type: 'sendDtmf', digits: '1', intervalMs: -1 }, /intervalMs/],
		['a line fgets would cut', { type: 'log', message: 'x'.repeat(MAX_COMMAND_BYTES) }, /would be 1026 bytes/],
	];
	it.each(refused)('%s', (_what, command, reason) => {
		let error: unknown;
		try {
			serializeCommand(command);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(IvrUnsafeCommandError);
		expect((error as IvrUnsafeCommandError).code).toBe('UNSAFE_COMMAND');
		expect((error as Error).message).toMatch(reason);
		expect((error as Error).message).toMatch(/nothing was sent/);
	});

	it('accepts the longest line Asterisk reads whole (1022 bytes + LF)', () => {
		const message = 'x'.repeat(MAX_COMMAND_BYTES - 3);
		expect(serializeCommand({ type: 'log', message }).length).toBe(MAX_COMMAND_BYTES);
		expect(() => serializeCommand({ type: 'log', message: `${message}x` })).toThrow(IvrUnsafeCommandError);
	});

	it('counts bytes, not characters', () => {
		const message = 'é'.repeat(600);
		expect(() => serializeCommand({ type: 'log', message })).toThrow(/bytes/);
	});

	it('never names a refused value, only the field', () => {
		expect(() => serializeCommand({ type: 'setVariables', variables: { PIN: 'secret\n' } })).toThrow(/^(?!.*secret).*$/);
	});
});
