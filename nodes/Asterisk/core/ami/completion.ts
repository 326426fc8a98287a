/**
 * How an action ends, as data. Nothing here guesses from Asterisk's message text.
 *
 * - `response`: at its response; if that response says `EventList: start`, at the event that
 *   says `EventList: Complete` (the `…Complete` event), collecting the item events between.
 * - `list`: as `response`, for servers or actions that announce no EventList: items are collected
 *   until the named complete event.
 * - `originate`: an `Async: true` Originate, which ends at the OriginateResponse event carrying
 *   its ActionID (Asterisk's response only says the call was queued).
 */
export type AmiCompletion =
	| { readonly kind: 'response' }
	| { readonly kind: 'list'; readonly completeEvent: string }
	| { readonly kind: 'originate' };

export const RESPONSE: AmiCompletion = { kind: 'response' };
export const ORIGINATE: AmiCompletion = { kind: 'originate' };

export function listUntil(completeEvent: string): AmiCompletion {
	return { kind: 'list', completeEvent };
}
