/**
 * Reads a call-flow capture (../shared/asterisk/callflows/*.txt) back into the AMI messages the
 * recorder received, each with the capture's own clock (seconds since the recorder started).
 *
 * Format (see callflows/INDEX.md): `<seconds> <label> <dir> <bytes>`, `\r` and `\n` written out
 * literally. Only `R <<` lines are what the recorder received; `D` is the driver (`Events: off`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AmiParser, type AmiMessage } from '../../nodes/Asterisk/core/ami';

export const SHARED = path.resolve(__dirname, '../../../shared');
export const CALLFLOWS = path.join(SHARED, 'asterisk', 'callflows');

export interface TimedMessage {
	/** Seconds since the recorder started, from the line that ended the message. */
	at: number;
	message: AmiMessage;
}

const LINE = /^\s*([0-9.]+) (\S+) (<<|>>|##|--) ?(.*)$/;

function unescape(text: string): string {
	return text.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
}

/** Every message the recorder (`R`) received, in order, with its capture time. */
export function readCallflow(file: string): TimedMessage[] {
	const lines = fs.readFileSync(path.join(CALLFLOWS, file), 'utf8').split('\n');
	const out: TimedMessage[] = [];
	let now = 0;
	const parser = new AmiParser({ onMessage: (message) => out.push({ at: now, message }) }, { expectBanner: true });
	for (const line of lines) {
		const match = LINE.exec(line);
		if (match === null || match[2] !== 'R' || match[3] !== '<<') continue;
		now = Number(match[1]);
		parser.parse(Buffer.from(unescape(match[4]), 'utf8'));
	}
	return out;
}

/** The events only (responses dropped). */
export function readCallflowEvents(file: string): TimedMessage[] {
	return readCallflow(file).filter((m) => m.message.type === 'event');
}
