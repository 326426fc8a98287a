/**
 * The trigger's AMI client options: the credential's, plus what a long-lived listener needs.
 * The session logs in with events off (set-up turns them on once filters are in place), pings
 * when the line has been quiet for 30 s, and reconnects for ever with capped, jittered backoff.
 */
import { exponentialBackoff, type AmiClientOptions } from '../core/ami';
import { clientOptions, type AsteriskAmiCredentials } from '../transport/connect';

export const KEEPALIVE_INTERVAL_MS = 30_000;
export const RECONNECT_INITIAL_DELAY_MS = 500;
export const RECONNECT_MAX_DELAY_MS = 30_000;

export function triggerClientOptions(credentials: AsteriskAmiCredentials): AmiClientOptions {
	return {
		...clientOptions(credentials, { events: 'off' }),
		keepaliveIntervalMs: KEEPALIVE_INTERVAL_MS,
		reconnect: exponentialBackoff({ initialDelayMs: RECONNECT_INITIAL_DELAY_MS, maxDelayMs: RECONNECT_MAX_DELAY_MS }),
	};
}
