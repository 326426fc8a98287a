/**
 * What we know about one call (one Linkedid) while it lives, and how each AMI event updates it.
 * No lifecycle here (see tracker.ts) and no output shape (see summary.ts).
 *
 * Facts from the captures (callflows/INDEX.md) this relies on:
 * - every channel of a call carries the call's Linkedid (queue members, transfer targets too);
 * - CEL/Cdr/OriginateResponse may arrive before the Newchannel of their channel: any event with a
 *   Uniqueid and a Linkedid registers the channel, whatever its kind;
 * - the Originate's own DialBegin/DialEnd have no `Channel` header: kept apart from real dials;
 * - `<unknown>` is Asterisk's "no caller id", not a number.
 */
import type { AmiMessage } from '../../core/ami';

export interface ChannelState {
	uniqueid: string;
	channel?: string;
	firstAt: number;
	upAt?: number;
	hangupRequestedAt?: number;
	hungUpAt?: number;
	cause?: number;
	causeTxt?: string;
	callerIdNum?: string;
	callerIdName?: string;
	connectedLineNum?: string;
	connectedLineName?: string;
	/** Exten / Context the channel was created in (from Newchannel). */
	exten?: string;
	context?: string;
}

export interface DialState {
	/** Uniqueid of the dialing channel; undefined for an Originate dial (no `Channel` header). */
	from?: string;
	to?: string;
	destChannel?: string;
	dialString?: string;
	callerIdNum?: string;
	callerIdName?: string;
	begunAt: number;
	endedAt?: number;
	/** Every DialEnd status for this pair, in order (a queue member may get NOANSWER then CANCEL). */
	statuses: string[];
}

export interface QueueState {
	name: string;
	callerUniqueid?: string;
	joinedAt: number;
	position?: number;
	leftAt?: number;
	connectedAt?: number;
	agentName?: string;
	agentInterface?: string;
	agentChannel?: string;
	holdTime?: number;
	talkTime?: number;
	completeReason?: string;
	abandonedAt?: number;
	/** The queue caller's channel had no hangup request when QueueCallerAbandon came: a timeout. */
	callerUpAtAbandon?: boolean;
	calledAgents: string[];
}

export interface TransferState {
	kind: 'blind' | 'attended';
	at: number;
	result?: string;
	/** Blind: `Extension@Context`; attended: the target channel or app. */
	target?: string;
	/** Linkedids of the other call taking part, when the transfer joined two calls. */
	otherLinkedids: string[];
}

export interface CallState {
	linkedid: string;
	firstAt: number;
	lastAt: number;
	/** Newchannel of the first channel (Uniqueid = Linkedid) was seen: we saw the call begin. */
	startSeen: boolean;
	channels: Map<string, ChannelState>;
	dials: DialState[];
	queues: QueueState[];
	transfers: TransferState[];
	queueStatus?: string;
	linkedidEnded: boolean;
	eventCount: number;
	/** When every known channel had hung up (reset when a new channel appears). */
	allHungUpAt?: number;
}

export function newCallState(linkedid: string, at: number): CallState {
	return {
		linkedid,
		firstAt: at,
		lastAt: at,
		startSeen: false,
		channels: new Map(),
		dials: [],
		queues: [],
		transfers: [],
		linkedidEnded: false,
		eventCount: 0,
	};
}

/** A real id: Asterisk writes `<unknown>` or `none` where there is none (global VarSet). */
export function validId(value: string | undefined): value is string {
	return value !== undefined && value !== '' && value !== '<unknown>' && value !== 'none';
}

function validCallerId(value: string | undefined): value is string {
	return value !== undefined && value !== '' && value !== '<unknown>';
}

/** Linkedid of the event's own channel (`Linkedid`, or CEL's `LinkedID`: get() ignores case). */
export function linkedidOf(message: AmiMessage): string | undefined {
	const own = message.get('Linkedid');
	return validId(own) ? own : undefined;
}

/** Apply one event to its call. `at` is the event's time in ms. */
export function applyEvent(call: CallState, message: AmiMessage, at: number): void {
	call.eventCount++;
	if (at < call.firstAt) call.firstAt = at;
	if (at > call.lastAt) call.lastAt = at;
	const event = (message.event ?? '').toLowerCase();
	const uniqueid = message.get('Uniqueid');
	const own = validId(uniqueid) ? touchChannel(call, message, '', uniqueid, at) : undefined;
	const destUid = message.get('DestUniqueid');
	const destLinked = message.get('DestLinkedid');
	const dest =
		validId(destUid) && (destLinked === undefined || destLinked === call.linkedid)
			? touchChannel(call, message, 'Dest', destUid, at)
			: undefined;

	switch (event) {
		case 'newchannel':
			if (own !== undefined) {
				own.exten ??= message.get('Exten');
				own.context ??= message.get('Context');
				if (own.uniqueid === call.linkedid) call.startSeen = true;
			}
			break;
		case 'newstate':
			if (own !== undefined && isUp(message)) own.upAt ??= at;
			break;
		case 'hanguprequest':
		case 'softhanguprequest':
			if (own !== undefined) own.hangupRequestedAt ??= at;
			break;
		case 'hangup':
			if (own !== undefined) {
				own.hungUpAt = at;
				const cause = Number(message.get('Cause'));
				if (Number.isInteger(cause)) own.cause = cause;
				own.causeTxt = message.get('Cause-txt');
			}
			break;
		case 'dialbegin':
			call.dials.push({
				from: own?.uniqueid,
				to: dest?.uniqueid,
				destChannel: message.get('DestChannel'),
				dialString: message.get('DialString'),
				callerIdNum: own === undefined ? undefined : cleanCallerId(message.get('CallerIDNum')),
				callerIdName: own === undefined ? undefined : cleanCallerId(message.get('CallerIDName')),
				begunAt: at,
				statuses: [],
			});
			break;
		case 'dialend':
			dialEnd(call, own?.uniqueid, dest?.uniqueid, message, at);
			break;
		case 'queuecallerjoin':
			call.queues.push({
				name: message.get('Queue') ?? '',
				callerUniqueid: own?.uniqueid,
				joinedAt: at,
				position: toNumber(message.get('Position')),
				calledAgents: [],
			});
			break;
		case 'agentcalled': {
			const queue = currentQueue(call, message);
			const member = message.get('MemberName') ?? message.get('Interface');
			if (queue !== undefined && member !== undefined && !queue.calledAgents.includes(member)) queue.calledAgents.push(member);
			break;
		}
		case 'agentconnect': {
			const queue = currentQueue(call, message);
			if (queue !== undefined) {
				queue.connectedAt ??= at;
				queue.agentName = message.get('MemberName');
				queue.agentInterface = message.get('Interface');
				queue.agentChannel = message.get('DestChannel');
				queue.holdTime = toNumber(message.get('HoldTime'));
			}
			break;
		}
		case 'agentcomplete': {
			const queue = currentQueue(call, message);
			if (queue !== undefined) {
				queue.talkTime = toNumber(message.get('TalkTime'));
				queue.completeReason = message.get('Reason');
			}
			break;
		}
		case 'queuecallerabandon': {
			const queue = currentQueue(call, message);
			if (queue !== undefined) {
				queue.abandonedAt ??= at;
				queue.holdTime = toNumber(message.get('HoldTime'));
				queue.callerUpAtAbandon = own === undefined || (own.hangupRequestedAt === undefined && own.hungUpAt === undefined);
			}
			break;
		}
		case 'queuecallerleave': {
			const queue = currentQueue(call, message);
			if (queue !== undefined) queue.leftAt ??= at;
			break;
		}
		case 'varset':
			if ((message.get('Variable') ?? '').toUpperCase() === 'QUEUESTATUS') call.queueStatus = message.get('Value');
			break;
		case 'cel':
			if ((message.get('EventName') ?? '').toUpperCase() === 'LINKEDID_END') call.linkedidEnded = true;
			break;
	}
}

/** A transfer event (its linkedids are prefixed: TransfererLinkedid, OrigTransfererLinkedid...). */
export function transferOf(message: AmiMessage, at: number): TransferState | undefined {
	const event = (message.event ?? '').toLowerCase();
	if (event !== 'blindtransfer' && event !== 'attendedtransfer') return undefined;
	const linked = new Set<string>();
	for (const [name, value] of message.headers) if (/linkedid$/i.test(name) && validId(value)) linked.add(value);
	if (event === 'blindtransfer') {
		const exten = message.get('Extension');
		const context = message.get('Context');
		return {
			kind: 'blind',
			at,
			result: message.get('Result'),
			target: exten === undefined ? undefined : context ? `${exten}@${context}` : exten,
			otherLinkedids: [...linked],
		};
	}
	return {
		kind: 'attended',
		at,
		result: message.get('Result'),
		target: message.get('TransferTargetChannel') ?? message.get('DestApp') ?? message.get('SecondTransfererChannel'),
		otherLinkedids: [...linked],
	};
}

function touchChannel(call: CallState, message: AmiMessage, prefix: '' | 'Dest', uniqueid: string, at: number): ChannelState {
	let state = call.channels.get(uniqueid);
	if (state === undefined) {
		state = { uniqueid, firstAt: at };
		call.channels.set(uniqueid, state);
		call.allHungUpAt = undefined;
	}
	const channel = message.get(`${prefix}Channel`);
	if (validId(channel)) state.channel = channel;
	const num = cleanCallerId(message.get(`${prefix}CallerIDNum`));
	const name = cleanCallerId(message.get(`${prefix}CallerIDName`));
	if (num !== undefined) state.callerIdNum = num;
	if (name !== undefined) state.callerIdName = name;
	const connectedNum = cleanCallerId(message.get(`${prefix}ConnectedLineNum`));
	const connectedName = cleanCallerId(message.get(`${prefix}ConnectedLineName`));
	if (connectedNum !== undefined) state.connectedLineNum = connectedNum;
	if (connectedName !== undefined) state.connectedLineName = connectedName;
	return state;
}

function dialEnd(call: CallState, from: string | undefined, to: string | undefined, message: AmiMessage, at: number): void {
	const status = message.get('DialStatus') ?? '';
	// The latest dial of this pair (a queue re-rings the same member after `retry`).
	for (let i = call.dials.length - 1; i >= 0; i--) {
		const dial = call.dials[i];
		if (dial.from === from && dial.to === to) {
			dial.endedAt ??= at;
			if (status !== '') dial.statuses.push(status.toUpperCase());
			return;
		}
	}
	// A DialEnd without its DialBegin (we joined late): keep it as a dial of its own.
	call.dials.push({
		from,
		to,
		destChannel: message.get('DestChannel'),
		begunAt: at,
		endedAt: at,
		statuses: status === '' ? [] : [status.toUpperCase()],
	});
}

function currentQueue(call: CallState, message: AmiMessage): QueueState | undefined {
	const name = message.get('Queue');
	for (let i = call.queues.length - 1; i >= 0; i--) {
		if (name === undefined || call.queues[i].name === name) return call.queues[i];
	}
	if (name === undefined) return undefined;
	// An agent/abandon event whose QueueCallerJoin we missed.
	const queue: QueueState = { name, joinedAt: call.firstAt, calledAgents: [] };
	call.queues.push(queue);
	return queue;
}

function isUp(message: AmiMessage): boolean {
	return message.get('ChannelState') === '6' || (message.get('ChannelStateDesc') ?? '').toLowerCase() === 'up';
}

function cleanCallerId(value: string | undefined): string | undefined {
	return validCallerId(value) ? value : undefined;
}

function toNumber(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}
