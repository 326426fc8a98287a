/**
 * The parser on every byte Asterisk 22.10.1 really sent (shared/asterisk/transcripts and
 * callflows), whole and cut at random boundaries, checked against an oracle built from the capture's own lines:
 * one line per header, a blank line ending each message.
 */
import { readdirSync } from 'node:fs';

import { AmiParser, type AmiMessage } from '../../../nodes/Asterisk/core/ami';
import { randomChunks } from '../../support/split';
import { join } from 'node:path';

import { CALLFLOWS_DIR, TRANSCRIPTS_DIR, readTranscript, type Transcript } from '../../support/transcripts';

const captureFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.txt') && !name.endsWith('.ivr.txt'));

// Call flows hold two connections each (the driver D and the recorder R): one stream per connection.
const amiTranscripts = [
	...captureFiles(TRANSCRIPTS_DIR).map((name) => readTranscript(name)),
	...captureFiles(CALLFLOWS_DIR).flatMap((name) =>
		['D', 'R'].map((connection) => ({ ...readTranscript(join(CALLFLOWS_DIR, name), { connection }), name: `${name} ${connection}` })),
	),
].filter((transcript) => transcript.serverBytes.length > 0);

type Headers = Array<[string, string]>;

/** What the capture says Asterisk sent: the banner, then messages as header lists. */
function expectedFrom(transcript: Transcript): { banner: string; messages: Headers[] } {
	const lines = transcript.lines.filter((line) => line.direction === '<<').map((line) => line.bytes!.toString('utf8').replace(/\r?\n$/, ''));
	const [banner, ...rest] = lines;
	const messages: Headers[] = [];
	let current: Headers = [];
	for (const line of rest) {
		if (line === '') {
			if (current.length > 0) messages.push(current);
			current = [];
			continue;
		}
		const colon = line.indexOf(':');
		current.push([line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]);
	}
	return { banner, messages };
}

function parseChunks(chunks: Buffer[]): { banner: string[]; messages: AmiMessage[]; errors: number } {
	const result = { banner: [] as string[], messages: [] as AmiMessage[], errors: 0 };
	const parser = new AmiParser(
		{
			onBanner: (banner) => result.banner.push(banner),
			onMessage: (message) => result.messages.push(message),
			onError: () => result.errors++,
		},
		{ expectBanner: true },
	);
	for (const chunk of chunks) parser.parse(chunk);
	return result;
}

describe.each(amiTranscripts.map((t) => [t.name, t] as const))('capture %s', (_name, transcript) => {
	const expected = expectedFrom(transcript);

	it('parses into exactly the messages the capture shows', () => {
		const parsed = parseChunks([transcript.serverBytes]);
		expect(parsed.errors).toBe(0);
		expect(parsed.banner).toEqual([expected.banner]);
		expect(parsed.messages.map((m) => m.headers)).toEqual(expected.messages);
		expect(expected.messages.length).toBeGreaterThan(0);
	});

	it('gives the same messages cut at random boundaries', () => {
		for (let seed = 1; seed <= 25; seed++) {
			const parsed = parseChunks(randomChunks(transcript.serverBytes, seed, 1 + (seed % 40)));
			expect(parsed.messages.map((m) => m.headers)).toEqual(expected.messages);
		}
	});

	it('gives the same messages fed one byte at a time', () => {
		const bytes = transcript.serverBytes;
		const parsed = parseChunks([...bytes].map((byte) => Buffer.from([byte])));
		expect(parsed.messages.map((m) => m.headers)).toEqual(expected.messages);
	});
});

describe('facts of the captures the client relies on', () => {
	const parse = (name: string) => parseChunks([readTranscript(name).serverBytes]).messages;

	it('an OriginateResponse carries the ActionID and its own Response (b1)', () => {
		const originate = parse('b1_originate').find((m) => m.event === 'OriginateResponse')!;
		expect(originate.type).toBe('event');
		expect(originate.actionId).toBe('orig-1');
		expect(originate.response).toBe('Success');
		expect(originate.get('Reason')).toBe('4');
	});

	it('an event list starts with EventList: start and ends with a …Complete event (a4)', () => {
		const messages = parse('a4_limited');
		const start = messages.findIndex((m) => m.get('EventList') === 'start');
		expect(messages[start].actionId).toBe('l-3');
		const complete = messages.find((m) => m.event === 'QueueStatusComplete')!;
		expect(complete.get('EventList')).toBe('Complete');
		expect(complete.get('ListItems')).toBe('1');
	});

	it('Command output keeps its indentation and trailing spaces, one Output per line (e)', () => {
		const queue = parse('e_command').find((m) => m.actionId === 'cmd-queue_show_support')!;
		const output = queue.getAll('Output');
		expect(output[1]).toBe('   Members: ');
		expect(output.slice(-2)).toEqual(['', '']);
	});
});
