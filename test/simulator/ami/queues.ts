/**
 * Queue state of app_queue.c, as far as the AMI shows it: members with penalty, pause and
 * reason, the member blob of the QueueMember* events, and the two device states app_queue keeps
 * per queue (`Queue:<q>_avail`, `Queue:<q>_pause_<interface>`) whose changes appear as
 * DeviceStateChange events (d_queue).
 */
import { emitHangup, emitHangupRequest, emitNewchannel } from './call-events';
import { Channel } from './channel';
import type { Pbx } from './pbx';
import type { Headers, QueueConfig } from './types';

export interface QueueMember {
	interface: string;
	name: string;
	stateInterface: string;
	membership: 'dynamic' | 'static';
	penalty: number;
	callsTaken: number;
	lastCall: number;
	lastPause: number;
	loginTime: number;
	paused: boolean;
	pausedReason: string;
	wrapuptime: number;
}

/** A channel waiting in a queue (app_queue's queue_ent). */
export interface QueueCaller {
	channel: Channel;
	/** When it joined (ms); QueueEntry's Wait counts from here. */
	joinedAt: number;
	priority: number;
	originalPosition: number;
}

export interface Queue {
	name: string;
	strategy: string;
	members: QueueMember[];
	callers: QueueCaller[];
}

/** What `simulator.queues.addCaller()` needs; everything has a default. */
export interface QueueCallerOptions {
	/** Channel name; default `PJSIP/caller-<seq>`. */
	channel?: string;
	callerIdNum?: string;
	callerIdName?: string;
	/** Seconds already waited. Default 0. */
	wait?: number;
	/** Queue() priority. Default 0. */
	priority?: number;
}

export class QueueRegistry {
	readonly queues = new Map<string, Queue>();

	constructor(
		private readonly pbx: Pbx,
		configs: QueueConfig[],
	) {
		const started = Math.floor(pbx.startedAt / 1000);
		for (const config of configs) {
			this.queues.set(config.name, {
				name: config.name,
				strategy: config.strategy ?? 'ringall',
				members: (config.members ?? []).map((m) => ({
					...newMember(m.interface, m.name ?? m.interface, m.penalty ?? 0, m.loginTime ?? started),
					membership: m.membership ?? 'static',
					paused: m.paused ?? false,
				})),
				callers: [],
			});
		}
	}

	find(name: string): Queue | undefined {
		return [...this.queues.values()].find((q) => q.name.toLowerCase() === name.toLowerCase());
	}

	/**
	 * Put a caller in a queue, as a channel running Queue(<queue>) would be: the channel is up
	 * (Newchannel, QueueCallerJoin with Position and Count as in c5_queue_abandon) and stays until
	 * hung up (the Hangup action: QueueCallerAbandon, QueueCallerLeave, Hangup). Nobody answers.
	 */
	addCaller(queueName: string, options: QueueCallerOptions = {}): Channel {
		const queue = this.find(queueName);
		if (queue === undefined) throw new Error(`no queue ${queueName}`);
		const { pbx } = this;
		const id = pbx.nextUniqueid();
		const channel = new Channel(options.channel ?? `PJSIP/caller-${pbx.nextChannelSequence()}`, id, id, 'default', 's');
		channel.state = 6;
		channel.callerNum = options.callerIdNum;
		channel.callerName = options.callerIdName;
		channel.application = 'Queue';
		channel.applicationData = queue.name;
		emitNewchannel(pbx, channel);
		const caller: QueueCaller = {
			channel,
			joinedAt: Date.now() - (options.wait ?? 0) * 1000,
			priority: options.priority ?? 0,
			originalPosition: queue.callers.length + 1,
		};
		queue.callers.push(caller);
		pbx.emit('QueueCallerJoin', 'agent', [
			...channel.stateHeaders(),
			['Queue', queue.name],
			['Position', String(queue.callers.length)],
			['Count', String(queue.callers.length)],
		]);
		channel.onHangupRequest = (cause) => {
			emitHangupRequest(pbx, channel, cause, true);
			emitHangup(pbx, channel, 16);
		};
		channel.onGone = () => this.abandon(queue, caller);
		return channel;
	}

	/** Seconds a caller has waited (QueueEntry's Wait, QueueCallerAbandon's HoldTime). */
	static waited(caller: QueueCaller): number {
		return Math.floor((Date.now() - caller.joinedAt) / 1000);
	}

	private abandon(queue: Queue, caller: QueueCaller): void {
		const index = queue.callers.indexOf(caller);
		if (index < 0) return;
		queue.callers.splice(index, 1);
		const state = caller.channel.stateHeaders();
		this.pbx.emit('QueueCallerAbandon', 'agent', [
			...state,
			['Queue', queue.name],
			['Position', String(index + 1)],
			['OriginalPosition', String(caller.originalPosition)],
			['HoldTime', String(QueueRegistry.waited(caller))],
		]);
		this.pbx.emit('QueueCallerLeave', 'agent', [
			...state,
			['Queue', queue.name],
			['Position', String(index + 1)],
			['Count', String(queue.callers.length)],
		]);
	}

	/** The member blob shared by QueueMemberAdded/Removed/Pause/Penalty. */
	memberBlob(queue: Queue, member: QueueMember): Headers {
		return [
			['Queue', queue.name],
			['MemberName', member.name],
			['Interface', member.interface],
			['StateInterface', member.stateInterface],
			['Membership', member.membership],
			['Penalty', String(member.penalty)],
			['CallsTaken', String(member.callsTaken)],
			['LastCall', String(member.lastCall)],
			['LastPause', String(member.lastPause)],
			['LoginTime', String(member.loginTime)],
			['InCall', '0'],
			['Status', '1'],
			['Paused', member.paused ? '1' : '0'],
			['PausedReason', member.pausedReason],
			['Ringinuse', '1'],
			['Wrapuptime', String(member.wrapuptime)],
		];
	}

	memberEvent(event: string, queue: Queue, member: QueueMember): void {
		this.pbx.emit(event, 'agent', this.memberBlob(queue, member));
	}

	pauseDevice(queue: Queue, member: QueueMember): void {
		this.pbx.setDeviceState(`Queue:${queue.name}_pause_${member.interface}`, member.paused ? 'INUSE' : 'NOT_INUSE');
	}

	availDevice(queue: Queue): void {
		const available = queue.members.some((m) => !m.paused);
		this.pbx.setDeviceState(`Queue:${queue.name}_avail`, available ? 'NOT_INUSE' : 'INUSE');
	}
}

export function newMember(iface: string, name: string, penalty: number, loginTime: number): QueueMember {
	return {
		interface: iface,
		name,
		stateInterface: iface,
		membership: 'dynamic',
		penalty,
		callsTaken: 0,
		lastCall: 0,
		lastPause: 0,
		loginTime,
		paused: false,
		pausedReason: '',
		wrapuptime: 0,
	};
}
