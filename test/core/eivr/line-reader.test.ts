import { LineReader } from '../../../nodes/Asterisk/core/eivr';
import type { LineReaderItem } from '../../../nodes/Asterisk/core/eivr';
import { readTranscript, transcriptNames } from './helpers';

function feed(reader: LineReader, chunks: Buffer[]): LineReaderItem[] {
	return chunks.flatMap((chunk) => reader.push(chunk));
}

const lines = (items: LineReaderItem[]): string[] => items.map((item) => (item.kind === 'line' ? item.line : `<overflow ${item.bytes}>`));

describe('LineReader', () => {
	// Everything Asterisk sent in the captures, plus multi-byte UTF-8 of 2, 3 and 4 bytes.
	const captured = transcriptNames().flatMap((name) =>
		readTranscript(name)
			.filter((line) => line.direction === '<<')
			.map((line) => line.text),
	);
	const expected = [...captured, 'G,1795404753,NAME=Zoë,CITY=東京,FACE=😀', 'F,1795404753,x'];
	const stream = Buffer.from(expected.map((line) => `${line}\n`).join(''), 'utf8');

	it('reads the whole capture stream in one chunk', () => {
		expect(lines(new LineReader().push(stream))).toEqual(expected);
	});

	it('gives the same lines whatever the split point (every byte boundary)', () => {
		for (let at = 0; at <= stream.length; at++) {
			const reader = new LineReader();
			expect(lines(feed(reader, [stream.subarray(0, at), stream.subarray(at)]))).toEqual(expected);
			expect(reader.pendingBytes).toBe(0);
		}
	});

	it('decodes UTF-8 split inside a character, one byte per chunk', () => {
		const text = 'G,1795404753,A=😀é東\n';
		const bytes = Buffer.from(text);
		const chunks = [...bytes].map((byte) => Buffer.from([byte]));
		expect(lines(feed(new LineReader(), chunks))).toEqual([text.slice(0, -1)]);
	});

	it('accepts CRLF, also with CR and LF in different chunks', () => {
		const reader = new LineReader();
		expect(lines(feed(reader, [Buffer.from('E,1795404798\r'), Buffer.from('\nH,1795404798\r\n')]))).toEqual(['E,1795404798', 'H,1795404798']);
	});

	it('keeps a partial line until its LF', () => {
		const reader = new LineReader();
		expect(reader.push(Buffer.from('F,1795404752,hel'))).toEqual([]);
		expect(reader.pendingBytes).toBe(16);
		expect(lines(reader.push(Buffer.from('lo-world\n')))).toEqual(['F,1795404752,hello-world']);
	});

	it('drops a line over the limit, reports it once, and reads the next line', () => {
		const reader = new LineReader({ maxLineBytes: 16 });
		const long = `G,1795404753,${'x'.repeat(40)}`;
		const items = feed(reader, [Buffer.from(long.slice(0, 10)), Buffer.from(long.slice(10)), Buffer.from('\nH,1795404760\n')]);
		expect(items).toEqual([{ kind: 'overflow', bytes: long.length }, { kind: 'line', line: 'H,1795404760' }]);
	});

	it('never holds more than the limit while dropping', () => {
		const reader = new LineReader({ maxLineBytes: 1024 });
		for (let i = 0; i < 100; i++) reader.push(Buffer.alloc(1000, 0x41));
		expect(reader.pendingBytes).toBe(100_000);
		expect(lines(reader.push(Buffer.from('\nE,1795404798\n')))).toEqual(['<overflow 100000>', 'E,1795404798']);
	});

	it('takes a line of exactly the limit, with or without CR', () => {
		const reader = new LineReader({ maxLineBytes: 8 });
		expect(lines(reader.push(Buffer.from('12345678\n12345678\r\n123456789\n')))).toEqual(['12345678', '12345678', '<overflow 9>']);
	});

	it('reset() forgets a partial line and says how much was lost', () => {
		const reader = new LineReader();
		reader.push(Buffer.from('F,17954'));
		expect(reader.reset()).toBe(7);
		expect(lines(reader.push(Buffer.from('H,1795404760\n')))).toEqual(['H,1795404760']);
	});

	it('refuses a nonsense limit', () => {
		expect(() => new LineReader({ maxLineBytes: 0 })).toThrow(RangeError);
	});
});
