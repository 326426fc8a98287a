/**
 * Queue state of app_queue.c, as far as the AMI shows it: members with penalty, pause and
 * reason, the member blob of the QueueMember* events, and the two device states app_queue keeps
 * per queue (`Queue:<q>_avail`, `Queue:<q>_pause_<interface>`) whose changes appear as
 * DeviceStateChange events (d_queue).
 */
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

export interface Queue {
	name: string;
	strategy: string;
	members: QueueMember[];
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
			});
		}
	}

	find(name: string): Queue | undefined {
		return [...this.queues.values()].find((q) => q.name.toLowerCase() === name.toLowerCase());
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
