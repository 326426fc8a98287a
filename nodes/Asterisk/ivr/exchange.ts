/**
 * Waiting for one turn's answer, as n8n delivers it (measured, see DESIGN.md):
 * - the Asterisk IVR node's `sendResponse` resolves the response promise with the answer;
 * - an execution that ends without answering resolves it too, with `{}` (or an HTTP-like error
 *   body in queue mode): no marker, so the fallback runs at once. A bare `{}` comes for a failed
 *   execution too (regular mode, just before the done promise): its reason, noAnswer or error, is
 *   the done promise's status (a short grace, in case done is late);
 * - the done promise settles when the execution is over (status `waiting` when a long Wait node
 *   parked it: the answer may still come, so only the turn timeout ends that wait);
 * - nothing at all within the turn timeout: the fallback.
 * The first of these decides; whatever comes later is ignored. No timer outlives the wait.
 */
import { IvrAnswerError, readAnswer, type IvrAnswer } from './turn';

export type FallbackReason = 'timeout' | 'noAnswer' | 'error';

export type WorkflowReply =
	| { kind: 'answer'; answer: IvrAnswer }
	| { kind: 'fallback'; reason: FallbackReason; detail: string }
	/** The call ended (or the trigger is closing) before the workflow answered. */
	| { kind: 'cancelled' };

/** What one emitted execution gives back. */
export interface PendingExecution {
	readonly response: Promise<unknown>;
	readonly done: Promise<unknown>;
}

/**
 * After the execution is over, how long a response may still arrive. In queue mode the answer
 * and the end of the job travel as separate messages from the worker.
 */
export const DONE_GRACE_MS = 200;

/**
 * After a response without an answer (`{}`), how long the done promise may take to tell whether
 * the execution failed. In regular mode it follows within milliseconds (after n8n saves the run).
 */
export const EMPTY_RESPONSE_GRACE_MS = 1000;

export function waitForReply(execution: PendingExecution, timeoutMs: number, cancelled: Promise<void>): Promise<WorkflowReply> {
	return new Promise<WorkflowReply>((resolve) => {
		let settled = false;
		const timers = new Set<NodeJS.Timeout>();
		const settle = (reply: WorkflowReply): void => {
			if (settled) return;
			settled = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			resolve(reply);
		};
		const after = (ms: number, reply: WorkflowReply): void => {
			if (settled) return;
			const timer = setTimeout(() => {
				timers.delete(timer);
				settle(reply);
			}, ms);
			timers.add(timer);
		};

		after(timeoutMs, { kind: 'fallback', reason: 'timeout', detail: `the workflow did not answer within ${timeoutMs / 1000} s` });
		void cancelled.then(() => settle({ kind: 'cancelled' }));
		// n8n resolves the response with `{}` when the execution ends, whether it failed or not.
		let emptyResponse = false;
		let doneReply: WorkflowReply | undefined;
		execution.response.then(
			(value) => {
				const reply = replyOf(value);
				if (reply.kind !== 'fallback' || reply.reason !== 'noAnswer') return settle(reply);
				if (doneReply !== undefined) return settle(doneReply);
				emptyResponse = true;
				after(EMPTY_RESPONSE_GRACE_MS, reply);
			},
			(error: unknown) => settle({ kind: 'fallback', reason: 'error', detail: `the execution failed: ${messageOf(error)}` }),
		);
		execution.done.then(
			(run) => {
				if (statusOf(run) === 'waiting') return;
				const failed = statusOf(run) === 'error' || statusOf(run) === 'crashed';
				doneReply = {
					kind: 'fallback',
					reason: failed ? 'error' : 'noAnswer',
					detail: failed ? 'the execution failed before an Asterisk IVR node answered' : 'the execution ended without an Asterisk IVR node answering',
				};
				if (emptyResponse) settle(doneReply);
				else after(DONE_GRACE_MS, doneReply);
			},
			(error: unknown) =>
				after(DONE_GRACE_MS, { kind: 'fallback', reason: 'error', detail: `the execution failed: ${messageOf(error)}` }),
		);
	});
}

function replyOf(value: unknown): WorkflowReply {
	try {
		const answer = readAnswer(value);
		if (answer !== undefined) return { kind: 'answer', answer };
	} catch (error) {
		const detail = error instanceof IvrAnswerError ? `the answer cannot be used: ${error.message}` : `the answer cannot be carried out: ${messageOf(error)}`;
		return { kind: 'fallback', reason: 'error', detail };
	}
	if (typeof value === 'object' && value !== null && 'statusCode' in value && (value as { statusCode: unknown }).statusCode === 500) {
		return { kind: 'fallback', reason: 'error', detail: 'the execution failed before an Asterisk IVR node answered' };
	}
	return { kind: 'fallback', reason: 'noAnswer', detail: 'the execution ended without an Asterisk IVR node answering' };
}

function statusOf(run: unknown): unknown {
	return typeof run === 'object' && run !== null && 'status' in run ? (run as { status: unknown }).status : undefined;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
