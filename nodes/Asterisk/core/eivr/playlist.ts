/**
 * Our picture of Asterisk's playlist, kept from the events alone.
 *
 * Asterisk acknowledges nothing when `S` or `A` succeeds, but every file it accepted ends with
 * exactly one event naming it: `F` (played to the end), `T` (stopped while playing), `D` (dropped
 * from the queue); a file it refused gets `Z,<file>` at once. So a file we queued is outstanding
 * until an event names it, and events settle the oldest outstanding entry of that name (a name
 * may be queued twice; Asterisk plays in order). A bare `Z` (the channel is not up, option `n`
 * without `T`) refuses the oldest entry: each refused `S`/`A` sends one.
 */
import type { IvrEvent } from './events';

export type PlaybackOutcome = 'finished' | 'stopped' | 'dropped' | 'missing' | 'refused';

export interface PlaybackResult {
	readonly file: string;
	readonly outcome: PlaybackOutcome;
}

interface Entry {
	readonly file: string;
	readonly settle: (result: PlaybackResult) => void;
}

export class Playlist {
	private entries: Entry[] = [];
	private readonly waiters = new Set<(error: Error) => void>();

	/** Files queued with `S`/`A` and not yet named by an event. */
	get active(): boolean {
		return this.entries.length > 0;
	}

	get outstanding(): readonly string[] {
		return this.entries.map((entry) => entry.file);
	}

	/** Track one queued file; `settle` runs once, when an event names it. */
	add(file: string, settle: (result: PlaybackResult) => void): void {
		this.entries.push({ file, settle });
	}

	/**
	 * Track files about to be queued, in order; resolves when every one has ended, rejects if
	 * `fail` comes first. Call it before the commands are written.
	 */
	track(files: readonly string[]): Promise<PlaybackResult[]> {
		return new Promise<PlaybackResult[]>((resolve, reject) => {
			const results: PlaybackResult[] = [];
			let left = files.length;
			if (left === 0) return resolve(results);
			this.waiters.add(reject);
			files.forEach((file, i) =>
				this.add(file, (result) => {
					results[i] = result;
					if (--left > 0) return;
					this.waiters.delete(reject);
					resolve(results);
				}),
			);
		});
	}

	/** Apply one event; returns the result it settled, if any. */
	apply(event: IvrEvent): PlaybackResult | undefined {
		switch (event.type) {
			case 'finished':
				return this.settleNamed(event.file, 'finished');
			case 'stopped':
				return this.settleNamed(event.file, 'stopped');
			case 'dropped':
				return this.settleNamed(event.file, 'dropped');
			case 'failed':
				if (event.data === undefined) return this.settleAt(0, 'refused');
				return this.settleNamed(event.data, 'missing');
			default:
				return undefined;
		}
	}

	/** The call is over (or ending): forget every entry and reject what `track` returned. */
	fail(error: Error): void {
		this.entries = [];
		for (const reject of this.waiters) reject(error);
		this.waiters.clear();
	}

	private settleNamed(file: string, outcome: PlaybackOutcome): PlaybackResult | undefined {
		const index = this.entries.findIndex((entry) => entry.file === file);
		return index === -1 ? undefined : this.settleAt(index, outcome);
	}

	private settleAt(index: number, outcome: PlaybackOutcome): PlaybackResult | undefined {
		const [entry] = this.entries.splice(index, 1);
		if (entry === undefined) return undefined;
		const result = { file: entry.file, outcome };
		entry.settle(result);
		return result;
	}
}
