/**
 * Reads a call-flow capture (../shared/asterisk/callflows/*.txt) back into the AMI messages the
 * recorder received, each with the capture's own clock (seconds since the recorder started).
 *
 * Format (see callflows/INDEX.md): `<seconds> <label> <dir> <bytes>`, `\r` and `\n` written out
 * literally. Only `R <<` lines are what the recorder received; `D` is the driver (`Events: off`).
 */
import * as path from 'node:path';

import { AmiParser, type AmiMessage } from '../../nodes/Asterisk/core/ami';
import { CALLFLOWS_DIR, readTranscript } from '../support/transcripts';

export const SHARED = path.resolve(__dirname, '../../../shared');
export const CALLFLOWS = CALLFLOWS_DIR;

export interface TimedMessage {
	/** Seconds since the recorder started, from the line that ended the message. */
	at: number;
	message: AmiMessage;
}

/** Every message the recorder (`R`) received, in order, with its capture time. */
export function readCallflow(file: string): TimedMessage[] {
	const out: TimedMessage[] = [];
	let now = 0;
	const parser = new AmiParser({ onMessage: (message) => out.push({ at: now, message }) }, { expectBanner: true });
	for (const line of readTranscript(path.join(CALLFLOWS, file), { connection: 'R' }).lines) {
		if (line.direction !== '<<' || line.bytes === undefined) continue;
		now = line.time;
		parser.parse(line.bytes);
	}
	return out;
}

/** The events only (responses dropped). */
export function readCallflowEvents(file: string): TimedMessage[] {
	return readCallflow(file).filter((m) => m.message.type === 'event');
}
