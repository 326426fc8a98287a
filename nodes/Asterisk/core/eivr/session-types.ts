/**
 * The vocabulary of IvrSession: its options, states, close reasons and events.
 */
import type { DtmfDigit, IvrEvent } from './codec';
import type { PlaybackResult } from './playlist';

export interface IvrSessionOptions {
	/** Pause after each command write, so Asterisk reads one line per wake-up. Default 20 ms. */
	readonly writeGapMs?: number;
	/** How long `P` and `G` wait for Asterisk's answer. Default 5000 ms (0: forever). */
	readonly requestTimeoutMs?: number;
	/** With option `i`: after `I,<ts>,HANGUP`, send `H` ourselves if nobody ended the call. Default 10000 ms. */
	readonly hangupGraceMs?: number;
	/** After `E`/`H` (sent or received), destroy the socket if Asterisk has not closed it. Default 2000 ms. */
	readonly closeTimeoutMs?: number;
	/** No byte either way for this long: send `E,idle timeout` (the dialplan continues). 0 = never (default). */
	readonly idleTimeoutMs?: number;
	/** Longest event line kept. Default 8 KiB. */
	readonly maxLineBytes?: number;
	/** Keys kept for the next collection when none is running. Default 32. */
	readonly maxTypeAheadDigits?: number;
}

export type IvrSessionState = 'open' | 'hungUp' | 'ending' | 'closed';
export type IvrCloseReason = 'exit' | 'hangup' | 'farHangup' | 'socketClosed' | 'idle' | 'destroyed' | 'error';

export interface IvrCloseInfo {
	readonly reason: IvrCloseReason;
	readonly error?: Error;
}

export interface PlayOptions {
	/** Add to what is playing instead of replacing it (`A` for every file). */
	readonly append?: boolean;
	/** Stop what is playing first with `I`, even if the first new file turns out to be missing. */
	readonly interrupt?: boolean;
}

export type IvrSessionEvents = {
	/** Every event line from Asterisk, parsed. */
	event: [IvrEvent];
	dtmf: [DtmfDigit];
	/** A file we queued ended (finished, stopped, dropped, missing, refused). */
	playback: [PlaybackResult];
	/** The far end hung up (`H`, or `I,<ts>,HANGUP` with option `i`). */
	hangup: [];
	/** A command line was written (without its LF). */
	command: [string];
	/** Something odd that does not end the call (an overlong line). */
	warning: [Error];
	close: [IvrCloseInfo];
};
