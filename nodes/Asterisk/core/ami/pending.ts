/**
 * The ActionID table: every action in flight, how it completes, and its timer.
 *
 * It owns each action's timer and clears it on every way out (answer, timeout, disconnect), so a
 * client that is closed leaves nothing scheduled. It never re-sends anything.
 */
import type { AmiCompletion } from './completion';
import { AmiActionError, AmiError } from './errors';
import type { AmiMessage } from './message';

export interface AmiActionResult {
	readonly action: string;
	readonly actionId: string;
	/** Asterisk's response (`Response: Success`, `Goodbye`, `Follows`…). */
	readonly response: AmiMessage;
	/** For an event list, its item events in order (the `…Complete` event excluded). */
	readonly events: AmiMessage[];
	/** The `…Complete` event of a list, or the OriginateResponse of an async Originate. */
	readonly complete?: AmiMessage;
}

interface PendingAction {
	readonly action: string;
	readonly actionId: string;
	readonly completion: AmiCompletion;
	readonly resolve: (result: AmiActionResult) => void;
	readonly reject: (error: Error) => void;
	timer: NodeJS.Timeout | undefined;
	response: AmiMessage | undefined;
	complete: AmiMessage | undefined;
	readonly events: AmiMessage[];
	/** Whether events carrying this ActionID belong to the action (lists, async Originate). */
	collecting: boolean;
}

const PERMISSION_DENIED = 'permission denied';

export class PendingActions {
	private readonly table = new Map<string, PendingAction>();
	private collectingCount = 0;

	get size(): number {
		return this.table.size;
	}

	/** True while some action wants events: only then must events be matched by ActionID. */
	get isCollecting(): boolean {
		return this.collectingCount > 0;
	}

	add(action: string, actionId: string, completion: AmiCompletion, timeoutMs: number): Promise<AmiActionResult> {
		return new Promise<AmiActionResult>((resolve, reject) => {
			const pending: PendingAction = {
				action,
				actionId,
				completion,
				resolve,
				reject,
				timer: undefined,
				response: undefined,
				complete: undefined,
				events: [],
				collecting: false,
			};
			// An OriginateResponse may in principle overtake the response that queued the call, so
			// an async Originate listens for its events from the start.
			if (completion.kind !== 'response') this.setCollecting(pending, true);
			if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
				pending.timer = setTimeout(() => {
					this.finish(pending);
					reject(new AmiError('ACTION_TIMEOUT', `Asterisk did not complete ${action} within ${timeoutMs} ms`));
				}, timeoutMs);
			}
			this.table.set(actionId, pending);
		});
	}

	/** Settle the action waiting for this response, if any; false when it is not ours. */
	handleResponse(message: AmiMessage): boolean {
		const actionId = message.actionId;
		if (actionId === undefined) return false;
		const pending = this.table.get(actionId);
		if (pending === undefined || pending.response !== undefined) return false;
		pending.response = message;
		if (message.response?.toLowerCase() === 'error') {
			this.finish(pending);
			const denied = message.get('Message')?.toLowerCase() === PERMISSION_DENIED;
			pending.reject(new AmiActionError(pending.action, message, denied ? 'PERMISSION_DENIED' : 'ACTION_FAILED'));
			return true;
		}
		if (pending.completion.kind === 'response') {
			if (message.get('EventList')?.toLowerCase() !== 'start') {
				this.succeed(pending);
				return true;
			}
			this.setCollecting(pending, true);
			return true;
		}
		if (pending.complete !== undefined) this.succeed(pending);
		return true;
	}

	/** Take an event that belongs to an action in flight; false when it is a broadcast event. */
	handleEvent(message: AmiMessage): boolean {
		const actionId = message.actionId;
		if (actionId === undefined) return false;
		const pending = this.table.get(actionId);
		if (pending === undefined || !pending.collecting) return false;
		const name = message.event?.toLowerCase();
		if (pending.completion.kind === 'originate') {
			if (name !== 'originateresponse') return false;
			pending.complete = message;
			if (pending.response !== undefined) this.succeed(pending);
			return true;
		}
		const completes =
			message.get('EventList')?.toLowerCase() === 'complete' ||
			(pending.completion.kind === 'list' && name === pending.completion.completeEvent.toLowerCase());
		if (!completes) {
			pending.events.push(message);
			return true;
		}
		pending.complete = message;
		if (pending.response !== undefined) this.succeed(pending);
		return true;
	}

	/** Reject every action in flight (the connection is gone); none is ever sent again. */
	rejectAll(error: (action: string) => AmiError): void {
		const all = [...this.table.values()];
		for (const pending of all) {
			this.finish(pending);
			pending.reject(error(pending.action));
		}
	}

	/** Forget an action whose bytes never reached the socket. */
	cancel(actionId: string, error: Error): void {
		const pending = this.table.get(actionId);
		if (pending === undefined) return;
		this.finish(pending);
		pending.reject(error);
	}

	private succeed(pending: PendingAction): void {
		this.finish(pending);
		pending.resolve({
			action: pending.action,
			actionId: pending.actionId,
			response: pending.response!,
			events: pending.events,
			complete: pending.complete,
		});
	}

	private finish(pending: PendingAction): void {
		if (pending.timer !== undefined) clearTimeout(pending.timer);
		pending.timer = undefined;
		this.setCollecting(pending, false);
		this.table.delete(pending.actionId);
	}

	private setCollecting(pending: PendingAction, collecting: boolean): void {
		if (pending.collecting === collecting) return;
		pending.collecting = collecting;
		this.collectingCount += collecting ? 1 : -1;
	}
}
