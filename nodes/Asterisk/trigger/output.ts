/**
 * Where the trigger's items go: nowhere until armed; then either a stream (batched or one
 * execution per item) or, for n8n's "listen for test event", the first item alone, once.
 */
import { Batcher } from './batcher';

export type OutputMode = 'stream' | 'once';

export interface OutputOptions {
	/** Items per execution (1: one execution per item). */
	maxItems: number;
	/** Flush this long after a batch's first item (0: only by count). */
	maxWaitMs: number;
	/** Starts one execution with these items (n8n's `emit`). */
	emit(items: object[]): void;
	/** An emit that threw (from a batch timer there is no caller to throw to). */
	onError(error: unknown): void;
}

export class TriggerOutput {
	/** Items handed to emit. */
	emitted = 0;
	/** Executions started. */
	executions = 0;

	private readonly options: OutputOptions;
	private readonly batcher: Batcher<object>;
	private mode: OutputMode | undefined;
	private closed = false;

	constructor(options: OutputOptions) {
		this.options = options;
		this.batcher = new Batcher<object>({
			maxItems: options.maxItems,
			maxWaitMs: options.maxItems > 1 ? options.maxWaitMs : 0,
			onFlush: (batch) => this.send(batch),
			onError: (error) => options.onError(error),
		});
	}

	/** True while items are wanted. */
	get armed(): boolean {
		return this.mode !== undefined && !this.closed;
	}

	arm(mode: OutputMode): void {
		if (!this.closed) this.mode = mode;
	}

	push(item: object): void {
		if (this.mode === undefined || this.closed) return;
		if (this.mode === 'once') {
			// The test event: one item, at once, then nothing more.
			this.mode = undefined;
			this.send([item]);
			return;
		}
		this.batcher.push(item);
	}

	/** Flush what waits (in stream mode) and take nothing more. */
	close(): void {
		if (this.closed) return;
		this.batcher.close();
		this.closed = true;
		this.mode = undefined;
	}

	private send(items: object[]): void {
		this.emitted += items.length;
		this.executions++;
		this.options.emit(items);
	}
}
