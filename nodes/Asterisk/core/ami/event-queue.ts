/**
 * A subscriber's own bounded queue. The client reads the socket without pause, whatever its
 * consumers do: Asterisk drops a client that stops reading for its `writetimeout` (100 ms by
 * default). A slow consumer therefore gets a queue of its own; when it overflows, the oldest
 * events are dropped and counted, and the connection lives on.
 */
import type { AmiMessage } from './message';

export type AmiEventHandler = (event: AmiMessage) => void | Promise<void>;

export interface AmiSubscriptionOptions {
	/** Events held for a consumer that is still busy (default 10 000). */
	maxQueued?: number;
	/** Called when the handler throws or rejects; the queue goes on with the next event. */
	onHandlerError?: (error: unknown, event: AmiMessage) => void;
}

export class AmiSubscription {
	/** Events dropped because the consumer lagged. */
	dropped = 0;
	/** Events handed to the handler. */
	delivered = 0;

	private readonly handler: AmiEventHandler;
	private readonly maxQueued: number;
	private readonly onHandlerError: ((error: unknown, event: AmiMessage) => void) | undefined;
	private readonly queue: Array<AmiMessage | undefined> = [];
	private head = 0;
	private busy = false;
	private closed = false;
	private readonly onClose: (subscription: AmiSubscription) => void;

	constructor(handler: AmiEventHandler, options: AmiSubscriptionOptions, onClose: (subscription: AmiSubscription) => void) {
		this.handler = handler;
		this.maxQueued = Math.max(1, options.maxQueued ?? 10_000);
		this.onHandlerError = options.onHandlerError;
		this.onClose = onClose;
	}

	/** Events waiting for the consumer. */
	get queued(): number {
		return this.queue.length - this.head;
	}

	push(event: AmiMessage): void {
		if (this.closed) return;
		if (!this.busy) {
			this.run(event);
			return;
		}
		if (this.queued >= this.maxQueued) {
			this.queue[this.head++] = undefined;
			this.dropped++;
		}
		this.queue.push(event);
	}

	unsubscribe(): void {
		if (this.closed) return;
		this.closed = true;
		this.queue.length = 0;
		this.head = 0;
		this.onClose(this);
	}

	private run(event: AmiMessage): void {
		this.delivered++;
		let outcome: void | Promise<void>;
		try {
			outcome = this.handler(event);
		} catch (error) {
			this.onHandlerError?.(error, event);
			return;
		}
		if (outcome === undefined || typeof (outcome as Promise<void>).then !== 'function') return;
		this.busy = true;
		(outcome as Promise<void>).then(
			() => this.next(),
			(error: unknown) => {
				this.onHandlerError?.(error, event);
				this.next();
			},
		);
	}

	private next(): void {
		this.busy = false;
		while (!this.busy && !this.closed && this.head < this.queue.length) {
			const event = this.queue[this.head];
			this.queue[this.head++] = undefined;
			if (this.head > 1024 && this.head * 2 > this.queue.length) {
				this.queue.splice(0, this.head);
				this.head = 0;
			}
			if (event !== undefined) this.run(event);
		}
	}
}
