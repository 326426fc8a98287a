/**
 * How a finished call ended, from what the tracker saw. The rules, in order:
 *
 * 1. Queue calls (a QueueCallerJoin was seen), for the last queue the caller was in:
 *    AgentConnect → `answered`; a timeout → `no answer`; QueueCallerAbandon → `abandoned`.
 *    A queue timeout ALSO sends QueueCallerAbandon (app_queue's record_abandoned(), c6 capture):
 *    it is a timeout when `VarSet QUEUESTATUS=TIMEOUT` came, or when the caller's channel had no
 *    hangup request yet at the abandon (a real abandon follows the caller's hangup, c5).
 *    A caller who left a queue unanswered and was then dialed elsewhere falls through to rule 2.
 * 2. Dials with a calling channel (DialBegin/DialEnd with `Channel`): the outcome is DialEnd's
 *    DialStatus (INDEX fact 4: hangup causes do not say it). Any ANSWER → `answered`; else
 *    NOANSWER or CANCEL → `no answer` (as CDRs count a caller hanging up while it rings); else
 *    BUSY → `busy`; else CONGESTION, CHANUNAVAIL, INVALIDARGS… → `failed`.
 *    With no such dial, the Originate's own dial (no `Channel`) is used the same way.
 * 3. No dial at all: answered if a channel went Up (a call answered by the dialplan, an IVR);
 *    else the most specific hangup cause: 17 → `busy`, 18/19/20 → `no answer`, a network or
 *    number failure → `failed`, otherwise `no answer`.
 */

export type Disposition = 'answered' | 'no answer' | 'busy' | 'failed' | 'abandoned';

export type QueueResult = 'answered' | 'abandoned' | 'timeout' | 'left';

export interface QueueOutcomeFacts {
	connected: boolean;
	abandoned: boolean;
	/** `VarSet QUEUESTATUS` of the call, if any. */
	queueStatus?: string;
	/** At QueueCallerAbandon, the caller's channel had no hangup request (only with `abandoned`). */
	callerUpAtAbandon?: boolean;
}

export interface DispositionFacts {
	queue?: QueueOutcomeFacts;
	/** Final DialStatus of each dial made by a channel of the call (upper case), in order. */
	dialStatuses: readonly string[];
	/** Final DialStatus of each Originate dial (DialEnd without `Channel`). */
	originateStatuses: readonly string[];
	/** A channel of the call went Up. */
	anyUp: boolean;
	/** The most specific hangup cause (see summary.ts), if any. */
	cause?: number;
}

/** The queue part of rule 1. */
export function queueResult(queue: QueueOutcomeFacts): QueueResult {
	if (queue.connected) return 'answered';
	const status = (queue.queueStatus ?? '').toUpperCase();
	if (status === 'TIMEOUT') return 'timeout';
	if (queue.abandoned) return queue.callerUpAtAbandon === true && status === '' ? 'timeout' : 'abandoned';
	return 'left';
}

export function decideDisposition(facts: DispositionFacts): Disposition {
	if (facts.queue !== undefined) {
		const result = queueResult(facts.queue);
		if (result === 'answered') return 'answered';
		if (result === 'timeout' && !facts.dialStatuses.includes('ANSWER')) return 'no answer';
		if (result === 'abandoned') return 'abandoned';
	}
	const fromDials = fromDialStatuses(facts.dialStatuses) ?? fromDialStatuses(facts.originateStatuses);
	if (fromDials !== undefined) return fromDials;
	if (facts.anyUp) return 'answered';
	return fromCause(facts.cause);
}

/** DialStatus → disposition, for a set of dials; undefined when there is none. */
export function fromDialStatuses(statuses: readonly string[]): Disposition | undefined {
	if (statuses.length === 0) return undefined;
	const set = new Set(statuses.map((s) => s.toUpperCase()));
	if (set.has('ANSWER')) return 'answered';
	if (set.has('NOANSWER') || set.has('CANCEL')) return 'no answer';
	if (set.has('BUSY')) return 'busy';
	return 'failed';
}

const NO_ANSWER_CAUSES = new Set([18, 19, 20]);
const FAILURE_CAUSES = new Set([1, 2, 3, 5, 6, 21, 22, 27, 28, 34, 38, 41, 42, 44, 58, 66, 88, 102, 111, 127]);

function fromCause(cause: number | undefined): Disposition {
	if (cause === 17) return 'busy';
	if (cause !== undefined && NO_ANSWER_CAUSES.has(cause)) return 'no answer';
	if (cause !== undefined && FAILURE_CAUSES.has(cause)) return 'failed';
	return 'no answer';
}
