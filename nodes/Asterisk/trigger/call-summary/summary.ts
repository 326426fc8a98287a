/**
 * CallState → the one item emitted per finished call. Times are ISO 8601 strings, durations
 * seconds with millisecond precision, measured on the tracker's clock (receive time, or the
 * events' `Timestamp` when manager.conf has `timestampevents`).
 *
 * Who is who (callflows/INDEX.md, fact 6):
 * - the caller is the call's first channel (Uniqueid = Linkedid); its number and name come from
 *   NewCallerid and later events (Newchannel of a Local channel says `<unknown>`), else from the
 *   first DialBegin;
 * - the callee is the answered dial's destination (else the first dial's): number from
 *   DialString (`PJSIP/100` or `100@trunk` → `100`), name from the queue member (MemberName) or
 *   the dialing channel's connected line when it names someone other than the caller.
 * - ring = dial start (queue: QueueCallerJoin) → answer (or the end of ringing); talk = answer
 *   (queue: AgentConnect; note a queue caller's channel is Up long before) → last Hangup.
 */
import type { CallState, ChannelState, DialState, QueueState } from './call-state';
import { decideDisposition, queueResult, type Disposition, type QueueResult } from './disposition';
import { hangupCause } from './hangup-causes';

export type IncompleteReason = 'joined late' | 'evicted: max calls' | 'evicted: max age' | 'tracker closed';

export interface CallSummaryChannel {
	channel: string | null;
	uniqueid: string;
	hangupCause: number | null;
	hangupCauseText: string | null;
}

export interface CallSummary {
	linkedid: string;
	disposition: Disposition;
	callerNumber: string | null;
	callerName: string | null;
	calleeNumber: string | null;
	calleeName: string | null;
	callerChannel: string | null;
	calleeChannel: string | null;
	/** Exten and Context the call entered the dialplan with (the caller's first channel). */
	dialedExten: string | null;
	context: string | null;
	startTime: string;
	answerTime: string | null;
	endTime: string;
	/** Seconds of ringing (or of waiting in the queue); null when nothing was dialed. */
	ringDuration: number | null;
	talkDuration: number;
	duration: number;
	/** The DialStatus of the callee's dial (ANSWER, NOANSWER, BUSY, CANCEL, CONGESTION...). */
	dialStatus: string | null;
	/** The most specific hangup cause of the call's channels (not 0 or 16 if any says more). */
	hangupCause: number | null;
	hangupCauseName: string | null;
	hangupCauseText: string | null;
	hangupCauseMeaning: string | null;
	queue: string | null;
	queueResult: QueueResult | null;
	/** Seconds in the queue as app_queue reports them (whole seconds). */
	queueHoldTime: number | null;
	agent: string | null;
	agentInterface: string | null;
	transferred: boolean;
	transfers: Array<{ kind: 'blind' | 'attended'; time: string; result: string | null; target: string | null }>;
	/** The party the caller was last connected to, when a transfer changed it. */
	finalCalleeChannel: string | null;
	/** Other calls (Linkedids) joined to this one by a transfer. */
	relatedLinkedids: string[];
	channels: CallSummaryChannel[];
	eventCount: number;
	/** False when the call was not seen from its start to its last Hangup. */
	complete: boolean;
	incompleteReason: IncompleteReason | null;
}

export function buildSummary(call: CallState, reason?: IncompleteReason): CallSummary {
	const channels = [...call.channels.values()];
	const caller = call.channels.get(call.linkedid) ?? channels[0];
	const realDials = call.dials.filter((d) => d.from !== undefined);
	const answered = realDials.filter((d) => d.statuses.includes('ANSWER'));
	const mainDial = answered[0] ?? realDials[0];
	const lastAnswered = answered[answered.length - 1];
	const queue = pickQueue(call.queues);

	const cause = mostSpecificCause(channels);
	const causeInfo = cause === undefined ? undefined : hangupCause(cause.cause, cause.causeTxt);
	const disposition = decideDisposition({
		queue:
			queue === undefined
				? undefined
				: {
						connected: queue.connectedAt !== undefined,
						abandoned: queue.abandonedAt !== undefined,
						queueStatus: call.queueStatus,
						callerUpAtAbandon: queue.callerUpAtAbandon,
					},
		dialStatuses: realDials.map(finalStatus).filter((s): s is string => s !== undefined),
		originateStatuses: call.dials
			.filter((d) => d.from === undefined)
			.map(finalStatus)
			.filter((s): s is string => s !== undefined),
		anyUp: channels.some((c) => c.upAt !== undefined),
		cause: cause?.cause,
	});

	const startAt = call.firstAt;
	const endAt = Math.max(call.firstAt, ...channels.map((c) => c.hungUpAt ?? call.firstAt));
	const answerAt = answerTime(queue, mainDial, realDials.length === 0 && queue === undefined ? channels : []);
	const ringStart = queue?.joinedAt ?? mainDial?.begunAt;
	const ringEnd = answerAt ?? queue?.abandonedAt ?? queue?.leftAt ?? mainDial?.endedAt ?? endAt;

	const callerNumber = caller?.callerIdNum ?? realDials[0]?.callerIdNum ?? null;
	const callerName = caller?.callerIdName ?? realDials[0]?.callerIdName ?? null;
	const dialer = mainDial?.from === undefined ? undefined : call.channels.get(mainDial.from);
	const connectedName = dialer?.connectedLineName;

	return {
		linkedid: call.linkedid,
		disposition,
		callerNumber,
		callerName,
		calleeNumber: dialTarget(mainDial?.dialString),
		calleeName: queue?.agentName ?? (connectedName !== undefined && connectedName !== callerName ? connectedName : null),
		callerChannel: caller?.channel ?? null,
		calleeChannel: mainDial?.destChannel ?? null,
		dialedExten: caller?.exten ?? null,
		context: caller?.context ?? null,
		startTime: iso(startAt),
		answerTime: answerAt === undefined ? null : iso(answerAt),
		endTime: iso(endAt),
		ringDuration: ringStart === undefined ? null : seconds(ringEnd - ringStart),
		talkDuration: answerAt === undefined ? 0 : seconds(endAt - answerAt),
		duration: seconds(endAt - startAt),
		dialStatus: mainDial === undefined ? null : (finalStatus(mainDial) ?? null),
		hangupCause: causeInfo?.code ?? null,
		hangupCauseName: causeInfo?.name ?? null,
		hangupCauseText: causeInfo?.text ?? null,
		hangupCauseMeaning: causeInfo?.meaning ?? null,
		queue: queue?.name ?? null,
		queueResult: queue === undefined ? null : queueResult({
			connected: queue.connectedAt !== undefined,
			abandoned: queue.abandonedAt !== undefined,
			queueStatus: call.queueStatus,
			callerUpAtAbandon: queue.callerUpAtAbandon,
		}),
		queueHoldTime: queue?.holdTime ?? null,
		agent: queue?.agentName ?? null,
		agentInterface: queue?.agentInterface ?? null,
		transferred: call.transfers.length > 0,
		transfers: call.transfers.map((t) => ({ kind: t.kind, time: iso(t.at), result: t.result ?? null, target: t.target ?? null })),
		finalCalleeChannel:
			lastAnswered !== undefined && lastAnswered !== mainDial ? (lastAnswered.destChannel ?? null) : null,
		relatedLinkedids: [...new Set(call.transfers.flatMap((t) => t.otherLinkedids))].filter((l) => l !== call.linkedid),
		channels: channels.map((c) => ({
			channel: c.channel ?? null,
			uniqueid: c.uniqueid,
			hangupCause: c.cause ?? null,
			hangupCauseText: c.cause === undefined ? null : (hangupCause(c.cause, c.causeTxt)?.text ?? null),
		})),
		eventCount: call.eventCount,
		complete: reason === undefined && call.startSeen,
		incompleteReason: reason ?? (call.startSeen ? null : 'joined late'),
	};
}

/** `PJSIP/100` → `100`, `100@trunk` → `100`, `Local/agent1@agents` → `agent1`, `PJSIP/trunk/sip:5551234@x` → `5551234`. */
export function dialTarget(dialString: string | undefined): string | null {
	if (dialString === undefined || dialString === '') return null;
	let target = dialString.split('&')[0];
	const comma = target.indexOf(',');
	if (comma >= 0) target = target.slice(0, comma);
	const slash = target.lastIndexOf('/');
	if (slash >= 0) target = target.slice(slash + 1);
	target = target.replace(/^sips?:/i, '');
	const at = target.indexOf('@');
	if (at > 0) target = target.slice(0, at);
	return target === '' ? null : target;
}

/** Not 0 (unknown) or 16 (normal) if any channel says more; else 16; else 0. Earliest wins. */
function mostSpecificCause(channels: ChannelState[]): ChannelState | undefined {
	const withCause = channels.filter((c) => c.cause !== undefined).sort((a, b) => (a.hungUpAt ?? 0) - (b.hungUpAt ?? 0));
	return (
		withCause.find((c) => c.cause !== 0 && c.cause !== 16) ??
		withCause.find((c) => c.cause === 16) ??
		withCause[0]
	);
}

function pickQueue(queues: QueueState[]): QueueState | undefined {
	return queues.find((q) => q.connectedAt !== undefined) ?? queues[queues.length - 1];
}

function answerTime(queue: QueueState | undefined, dial: DialState | undefined, undialed: ChannelState[]): number | undefined {
	if (queue?.connectedAt !== undefined) return queue.connectedAt;
	if (dial !== undefined && dial.statuses.includes('ANSWER')) return dial.endedAt;
	const ups = undialed.map((c) => c.upAt).filter((t): t is number => t !== undefined);
	return ups.length === 0 ? undefined : Math.min(...ups);
}

function finalStatus(dial: DialState): string | undefined {
	if (dial.statuses.includes('ANSWER')) return 'ANSWER';
	return dial.statuses[0];
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function seconds(ms: number): number {
	return Math.max(0, Math.round(ms)) / 1000;
}
