/**
 * Matches `P` and `G` answers to the requests that asked for them.
 *
 * The protocol has no request ids: Asterisk handles commands one at a time, in order, so the
 * n-th `G` event answers the n-th `G` command. A request that times out keeps its place in the
 * queue so that its late answer is swallowed instead of being given to the next request.
 */
import { IvrTimeoutError } from './errors';
import type { IvrEvent } from './events';

export type ReplyTag = 'params' | 'variables';

interface Waiter {
	readonly tag: ReplyTag;
	readonly resolve: (event: IvrEvent) => void;
	readonly reject: (error: Error) => void;
	timer: NodeJS.Timeout | undefined;
	/** Timed out or cancelled: the answer, when it comes, is dropped. */
	abandoned: boolean;
}

export class ReplyQueue {
	private readonly waiters: Waiter[] = [];

	constructor(private readonly timeoutMs: number) {}

	/** Wait for the next answer of this kind. Call it before the command is written. */
	expect(tag: ReplyTag, what: string): Promise<IvrEvent> {
		return new Promise<IvrEvent>((resolve, reject) => {
			const waiter: Waiter = { tag, resolve, reject, timer: undefined, abandoned: false };
			if (this.timeoutMs > 0) {
				waiter.timer = setTimeout(() => {
					waiter.timer = undefined;
					waiter.abandoned = true;
					reject(new IvrTimeoutError(`Asterisk did not answer ${what} within ${this.timeoutMs} ms`));
				}, this.timeoutMs);
			}
			this.waiters.push(waiter);
		});
	}

	/** Give an event to the oldest request of its kind; returns false if nobody asked for it. */
	deliver(event: IvrEvent): boolean {
		if (event.type !== 'params' && event.type !== 'variables') return false;
		const index = this.waiters.findIndex((waiter) => waiter.tag === event.type);
		if (index === -1) return false;
		const [waiter] = this.waiters.splice(index, 1);
		if (waiter.timer !== undefined) clearTimeout(waiter.timer);
		if (!waiter.abandoned) waiter.resolve(event);
		return true;
	}

	/** Reject everything (the session is over). */
	rejectAll(error: Error): void {
		for (const waiter of this.waiters.splice(0)) {
			if (waiter.timer !== undefined) clearTimeout(waiter.timer);
			if (!waiter.abandoned) waiter.reject(error);
		}
	}
}
