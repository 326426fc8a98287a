/**
 * One digit collection: keys in, a result out (max digits, a terminator key, or a timeout).
 *
 * Timers count only while nothing is playing: the first-digit timeout starts when the prompt
 * ends, as callers expect from Asterisk's own Read(). With barge-in, the first key stops the
 * prompt (the session sends `I,0`; Asterisk answers `T`/`D`, which ends the playback). Without
 * barge-in the prompt plays on and keys pressed meanwhile still count. Keys pressed before the
 * collection started (type-ahead, kept by the session) count first unless `flush` is set.
 */
import type { DtmfDigit } from './events';
import { isDtmfDigit } from './events';

export interface CollectDigitsOptions {
	/** Stop after this many digits (terminator not counted). Default 1. */
	readonly maxDigits?: number;
	/** Keys that end the input and are not part of it, e.g. `'#'`. Default: none. */
	readonly terminator?: string;
	/** Wait for the first key, counted from the end of the playback. Default 5000 ms. */
	readonly firstDigitTimeoutMs?: number;
	/** Wait between keys. Default 3000 ms. */
	readonly interDigitTimeoutMs?: number;
	/** A key stops the playback. Default true. */
	readonly bargeIn?: boolean;
	/** Forget keys pressed before this collection started. Default false. */
	readonly flush?: boolean;
}

export type CollectEndReason = 'maxDigits' | 'terminator' | 'timeout';

export interface CollectDigitsResult {
	readonly digits: string;
	readonly reason: CollectEndReason;
	/** The key that ended the input, when `reason` is `terminator`. */
	readonly terminator?: DtmfDigit;
}

/** What a collection needs of its session. */
export interface CollectionHost {
	isPlaying(): boolean;
	/** Stop the playback now (barge-in). */
	interrupt(): void;
}

interface Settings {
	readonly maxDigits: number;
	readonly terminator: string;
	readonly firstDigitTimeoutMs: number;
	readonly interDigitTimeoutMs: number;
	readonly bargeIn: boolean;
}

export function collectSettings(options: CollectDigitsOptions): Settings {
	const maxDigits = options.maxDigits ?? 1;
	if (!Number.isInteger(maxDigits) || maxDigits < 1 || maxDigits > 256) {
		throw new RangeError('maxDigits must be a whole number from 1 to 256');
	}
	const terminator = options.terminator ?? '';
	for (const key of terminator) {
		if (!isDtmfDigit(key)) throw new RangeError(`terminator "${key}" is not a DTMF key (0-9 * # A-D)`);
	}
	const firstDigitTimeoutMs = options.firstDigitTimeoutMs ?? 5000;
	const interDigitTimeoutMs = options.interDigitTimeoutMs ?? 3000;
	for (const [name, value] of [['firstDigitTimeoutMs', firstDigitTimeoutMs], ['interDigitTimeoutMs', interDigitTimeoutMs]] as const) {
		if (!Number.isFinite(value) || value < 0 || value > 2_147_483_647) {
			throw new RangeError(`${name} must be a number of milliseconds >= 0`);
		}
	}
	return { maxDigits, terminator, firstDigitTimeoutMs, interDigitTimeoutMs, bargeIn: options.bargeIn ?? true };
}

export class DigitCollection {
	readonly promise: Promise<CollectDigitsResult>;
	private resolvePromise!: (result: CollectDigitsResult) => void;
	private rejectPromise!: (error: Error) => void;
	private digits = '';
	private done = false;
	private timer: NodeJS.Timeout | undefined;
	private interrupted = false;

	constructor(
		private readonly settings: Settings,
		private readonly host: CollectionHost,
	) {
		this.promise = new Promise<CollectDigitsResult>((resolve, reject) => {
			this.resolvePromise = resolve;
			this.rejectPromise = reject;
		});
	}

	get finished(): boolean {
		return this.done;
	}

	/** Begin with the keys pressed ahead; returns those it did not use (they stay buffered). */
	start(typedAhead: readonly DtmfDigit[]): DtmfDigit[] {
		let used = 0;
		while (used < typedAhead.length && !this.done) this.accept(typedAhead[used++]);
		if (!this.done) this.arm();
		return typedAhead.slice(used);
	}

	/** One key; returns false when the collection is already over (the key is not used). */
	accept(digit: DtmfDigit): boolean {
		if (this.done) return false;
		if (this.settings.bargeIn && !this.interrupted && this.host.isPlaying()) {
			this.interrupted = true;
			this.host.interrupt();
		}
		if (this.settings.terminator.includes(digit)) {
			this.finish({ digits: this.digits, reason: 'terminator', terminator: digit });
			return true;
		}
		this.digits += digit;
		if (this.digits.length >= this.settings.maxDigits) {
			this.finish({ digits: this.digits, reason: 'maxDigits' });
			return true;
		}
		this.arm();
		return true;
	}

	/** The session's playlist has nothing outstanding any more: timers may run. */
	playbackIdle(): void {
		if (!this.done && this.timer === undefined) this.arm();
	}

	/** End without a result (hangup, session closed). */
	cancel(error: Error): void {
		if (this.done) return;
		this.stop();
		this.rejectPromise(error);
	}

	private arm(): void {
		this.clearTimer();
		if (this.done || this.host.isPlaying()) return;
		const ms = this.digits.length === 0 ? this.settings.firstDigitTimeoutMs : this.settings.interDigitTimeoutMs;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.finish({ digits: this.digits, reason: 'timeout' });
		}, ms);
	}

	private finish(result: CollectDigitsResult): void {
		if (this.done) return;
		this.stop();
		this.resolvePromise(result);
	}

	private stop(): void {
		this.done = true;
		this.clearTimer();
	}

	private clearTimer(): void {
		if (this.timer !== undefined) clearTimeout(this.timer);
		this.timer = undefined;
	}
}
