/**
 * Reads the real-Asterisk captures of shared/asterisk/transcripts and shared/asterisk/callflows
 * (format in their README): one protocol line per transcript line, `>>` what the client sent,
 * `<<` what Asterisk sent, line endings written out as the literal text `\r\n` or `\n`. Call
 * flows carry one more column, the connection (`D` the driver, `R` the recorder). Gives back the
 * exact bytes each side sent, so parser tests can feed Asterisk's bytes and simulator tests can
 * replay the client's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * Where the captures are: `AMI_TRANSCRIPTS_DIR`, else the repository's own copy in
 * test/fixtures/ami when there is one, else the shared folder beside the repository.
 */
export const TRANSCRIPTS_DIR =
	process.env.AMI_TRANSCRIPTS_DIR ??
	[join(__dirname, '..', 'fixtures', 'ami'), join(__dirname, '..', '..', '..', 'shared', 'asterisk', 'transcripts')].find((dir) =>
		existsSync(join(dir, 'a1_login.txt')),
	) ??
	join(__dirname, '..', '..', '..', 'shared', 'asterisk', 'transcripts');

/** The whole-call captures (always read from shared/ beside the repository). */
export const CALLFLOWS_DIR = process.env.AMI_CALLFLOWS_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'asterisk', 'callflows');

export type TranscriptDirection = '>>' | '<<' | '##' | '--';

export interface TranscriptLine {
	/** Seconds since the recorder started. */
	time: number;
	/** In call flows, which connection the line belongs to (`D`, `R`, `*`); else undefined. */
	connection?: string;
	direction: TranscriptDirection;
	/** The line as written in the transcript (line-ending marker included). */
	text: string;
	/** For `>>` and `<<`: the bytes that went over the wire. */
	bytes?: Buffer;
}

/** One client message and what the server sent after it, until the client's next message. */
export interface TranscriptStep {
	time: number;
	client: Buffer;
	server: Buffer;
}

export interface Transcript {
	name: string;
	lines: TranscriptLine[];
	/** Everything Asterisk sent (`<<`), banner included, as one buffer. */
	serverBytes: Buffer;
	/** Every client message (`>>` lines up to and including the blank line), in order. */
	clientMessages: Buffer[];
	/** What Asterisk sent before the client's first message (the banner). */
	greeting: Buffer;
	steps: TranscriptStep[];
	/** `##` notes, for test names. */
	notes: string[];
}

const LINE = /^\s*(\d+(?:\.\d+)?) (?:([A-Za-z*]) )?(>>|<<|##|--) ?(.*)$/;

export interface ReadOptions {
	/** Keep only this connection's lines (call flows record two: `D` and `R`). */
	connection?: string;
}

/** `Output: x\r\n` → the bytes `Output: x` CR LF; `x\n` → `x` LF; no marker → no line end. */
export function decodeLine(text: string): Buffer {
	if (text.endsWith('\\r\\n')) return Buffer.from(`${text.slice(0, -4)}\r\n`, 'utf8');
	if (text.endsWith('\\n')) return Buffer.from(`${text.slice(0, -2)}\n`, 'utf8');
	return Buffer.from(text, 'utf8');
}

function resolve(nameOrPath: string): string {
	if (isAbsolute(nameOrPath)) return nameOrPath;
	return join(TRANSCRIPTS_DIR, nameOrPath.endsWith('.txt') ? nameOrPath : `${nameOrPath}.txt`);
}

export function readTranscript(nameOrPath: string, options: ReadOptions = {}): Transcript {
	const path = resolve(nameOrPath);
	const lines: TranscriptLine[] = [];
	for (const raw of readFileSync(path, 'utf8').split('\n')) {
		const match = LINE.exec(raw);
		if (match === null) continue;
		const connection = match[2];
		if (options.connection !== undefined && connection !== options.connection) continue;
		const direction = match[3] as TranscriptDirection;
		const line: TranscriptLine = { time: Number.parseFloat(match[1]), direction, text: match[4] };
		if (connection !== undefined) line.connection = connection;
		if (direction === '>>' || direction === '<<') line.bytes = decodeLine(match[4]);
		lines.push(line);
	}
	const server: Buffer[] = [];
	const clientMessages: Buffer[] = [];
	const steps: TranscriptStep[] = [];
	const greeting: Buffer[] = [];
	let pendingClient: Buffer[] = [];
	let current: { time: number; client: Buffer; server: Buffer[] } | undefined;
	const closeStep = (): void => {
		if (current !== undefined) steps.push({ time: current.time, client: current.client, server: Buffer.concat(current.server) });
		current = undefined;
	};
	for (const line of lines) {
		if (line.bytes === undefined) continue;
		if (line.direction === '<<') {
			server.push(line.bytes);
			(current === undefined ? greeting : current.server).push(line.bytes);
			continue;
		}
		pendingClient.push(line.bytes);
		const text = line.bytes.toString('utf8');
		if (text === '\r\n' || text === '\n') {
			const message = Buffer.concat(pendingClient);
			pendingClient = [];
			clientMessages.push(message);
			closeStep();
			current = { time: line.time, client: message, server: [] };
		}
	}
	closeStep();
	return {
		name: path.slice(path.lastIndexOf('/') + 1, -4),
		lines,
		serverBytes: Buffer.concat(server),
		clientMessages,
		greeting: Buffer.concat(greeting),
		steps,
		notes: lines.filter((l) => l.direction === '##').map((l) => l.text),
	};
}
