/**
 * The benchmark stream: the `Event:` messages Asterisk really sent (shared/asterisk/callflows and
 * transcripts), cycled into one buffer, ending with a marker event so that a lossy client still
 * knows the stream is over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { AmiParser } from '../../nodes/Asterisk/core/ami';
import { readTranscript } from '../support/transcripts';

export const END_EVENT = 'BenchEnd';
const END_MESSAGE = Buffer.from(`Event: ${END_EVENT}\r\nPrivilege: system,all\r\n\r\n`);

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
		for (const file of files) events.push(...eventsOfTranscript(path.join(dir, file)));
	}
	if (events.length === 0) throw new Error(`bench: no "<< Event:" messages in ${sharedDir}/asterisk`);
	return events;
}

/** The events of one capture as wire bytes; each recorded connection is parsed on its own. */
function eventsOfTranscript(file: string): Buffer[] {
	const { lines } = readTranscript(file);
	const connections = new Set(lines.map((line) => line.connection));
	const events: Buffer[] = [];
	for (const connection of connections) {
		const parser = new AmiParser(
			{ onMessage: (message) => (message.type === 'event' ? events.push(Buffer.from(`${message.text}\r\n\r\n`)) : undefined) },
			{ expectBanner: true },
		);
		for (const line of lines) if (line.connection === connection && line.direction === '<<' && line.bytes) parser.parse(line.bytes);
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
