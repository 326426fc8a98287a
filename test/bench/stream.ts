/**
 * The benchmark stream: the `Event:` messages Asterisk really sent (shared/asterisk/callflows and
 * transcripts), cycled into one buffer, ending with a marker event so that a lossy client still
 * knows the stream is over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const END_EVENT = 'BenchEnd';
const END_MESSAGE = Buffer.from(`Event: ${END_EVENT}\r\nPrivilege: system,all\r\n\r\n`);

/** `  0.012 R << Event: FullyBooted\r\n`: time, optional connection tag, direction, line. */
const LINE = /^\s*[\d.]+\s+(?:(\S+)\s+)?<< (.*)\\r\\n$/;

export interface BenchStream {
	/** Every event, back to back, the last one the END_EVENT marker. */
	readonly bytes: Buffer;
	/** Events in `bytes`, the marker included. */
	readonly events: number;
	/** Distinct captured events that were cycled. */
	readonly captured: number;
	readonly averageBytes: number;
	readonly averageHeaders: number;
}

/** The captures live in `shared/` beside the repository (CI checks it out there too). */
export function findSharedDir(repoRoot: string): string {
	const candidates = [process.env.ASTERISK_SHARED_DIR, path.resolve(repoRoot, '../shared')].filter(
		(dir): dir is string => dir !== undefined && dir !== '',
	);
	for (const dir of candidates) {
		if (fs.existsSync(path.join(dir, 'asterisk', 'callflows'))) return dir;
	}
	throw new Error(
		`bench: the Asterisk captures were not found (looked for asterisk/callflows in ${candidates.join(', ')}). ` +
			'Check out shared/ beside the repository, or set ASTERISK_SHARED_DIR.',
	);
}

/** Every `Event:` message Asterisk sent in the captures, as wire bytes, in file order. */
export function loadCapturedEvents(sharedDir: string): Buffer[] {
	const events: Buffer[] = [];
	for (const folder of ['callflows', 'transcripts']) {
		const dir = path.join(sharedDir, 'asterisk', folder);
		const files = fs
			.readdirSync(dir)
			.filter((name) => name.endsWith('.txt') && !name.endsWith('.ivr.txt'))
			.sort();
		for (const file of files) events.push(...eventsOfTranscript(fs.readFileSync(path.join(dir, file), 'utf8')));
	}
	if (events.length === 0) throw new Error(`bench: no "<< Event:" messages in ${sharedDir}/asterisk`);
	return events;
}

function eventsOfTranscript(text: string): Buffer[] {
	const events: Buffer[] = [];
	// One message in progress per connection tag: two recorded connections may interleave.
	const open = new Map<string, string[]>();
	for (const raw of text.split('\n')) {
		const match = LINE.exec(raw);
		if (match === null) continue;
		const tag = match[1] ?? '';
		const line = match[2];
		const lines = open.get(tag);
		if (lines === undefined) {
			if (line.startsWith('Event:')) open.set(tag, [line]);
			continue;
		}
		if (line === '') {
			events.push(Buffer.from(lines.map((l) => `${l}\r\n`).join('') + '\r\n'));
			open.delete(tag);
		} else {
			lines.push(line);
		}
	}
	return events;
}

/** `count` events: the captured ones cycled, the last replaced by the END_EVENT marker. */
export function buildStream(captured: Buffer[], count: number): BenchStream {
	const parts: Buffer[] = [];
	let bytes = 0;
	let headers = 0;
	// Lines of an event, less the blank one that ends it.
	const headerCounts = captured.map((event) => countLines(event) - 1);
	for (let i = 0; i < count - 1; i++) {
		const event = captured[i % captured.length];
		parts.push(event);
		bytes += event.length;
		headers += headerCounts[i % captured.length];
	}
	parts.push(END_MESSAGE);
	return {
		bytes: Buffer.concat(parts),
		events: count,
		captured: captured.length,
		averageBytes: bytes / (count - 1),
		averageHeaders: headers / (count - 1),
	};
}

function countLines(event: Buffer): number {
	let lines = 0;
	for (let at = event.indexOf(10); at >= 0; at = event.indexOf(10, at + 1)) lines++;
	return lines;
}
