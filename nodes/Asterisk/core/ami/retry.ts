/**
 * Reconnect policy: given how many attempts have failed so far (0 for the first), the delay in
 * milliseconds before the next one, or null to give up.
 */
export type RetryStrategy = (attempt: number) => number | null;

export interface BackoffOptions {
	/** First delay, in ms (default 500). */
	initialDelayMs?: number;
	/** Cap on any delay, in ms (default 30 000). */
	maxDelayMs?: number;
	/** Give up after this many failed attempts (default: never). */
	maxAttempts?: number;
	/** Source of randomness in [0, 1), for tests. */
	random?: () => number;
}

/**
 * Capped exponential backoff with "equal jitter": half the delay is fixed, half random, so a
 * fleet of clients that lost the same Asterisk do not all knock again at the same instant.
 */
export function exponentialBackoff(options: BackoffOptions = {}): RetryStrategy {
	const initial = options.initialDelayMs ?? 500;
	const cap = options.maxDelayMs ?? 30_000;
	const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
	const random = options.random ?? Math.random;
	return (attempt) => {
		if (attempt >= maxAttempts) return null;
		const ceiling = Math.min(cap, initial * 2 ** Math.min(attempt, 30));
		return Math.round(ceiling / 2 + random() * (ceiling / 2));
	};
}
