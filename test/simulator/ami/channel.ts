/**
 * One simulated channel and the header blocks Asterisk builds from a channel snapshot
 * (ast_manager_build_channel_state_string): the fifteen lines every channel event starts with,
 * optionally prefixed (`Dest…`, `LocalOne…`).
 */
import type { Headers } from './types';

const STATE_DESC = ['Down', 'Rsrvd', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up', 'Busy'];

export const CAUSE_TEXT: Record<number, string> = {
	0: 'Unknown',
	16: 'Normal Clearing',
	17: 'User busy',
	19: 'No answer',
	21: 'Call Rejected',
	34: 'Circuit/channel congestion',
};

export class Channel {
	state = 0;
	callerNum: string | undefined;
	callerName: string | undefined;
	connectedNum: string | undefined;
	connectedName: string | undefined;
	accountCode = '';
	application = '';
	applicationData = '';
	readonly variables = new Map<string, string>();
	readonly createdAt = Date.now();
	/** The bridge the channel is in (CoreShowChannel's BridgeId, Status's BridgeID). */
	bridgeId: string | undefined;
	/** The parking space while the channel is parked. */
	parkingSpace: number | undefined;
	/** Set when the channel is gone; hangup code checks it so each channel hangs up once. */
	hungUp = false;
	/** Called by the Hangup action and Redirect; installed by the call that owns the channel. */
	onHangupRequest: ((cause: number) => void) | undefined;
	onRedirect: ((context: string, exten: string, priority: number) => void) | undefined;
	/** Called just before the Hangup event (a queue caller leaves its queue). */
	onGone: (() => void) | undefined;

	constructor(
		readonly name: string,
		readonly uniqueid: string,
		readonly linkedid: string,
		public context: string,
		public exten: string,
		public priority = 1,
	) {}

	get tech(): string {
		return this.name.slice(0, this.name.indexOf('/'));
	}

	stateHeaders(prefix = ''): Headers {
		return [
			[`${prefix}Channel`, this.name],
			[`${prefix}ChannelState`, String(this.state)],
			[`${prefix}ChannelStateDesc`, STATE_DESC[this.state] ?? 'Unknown'],
			[`${prefix}CallerIDNum`, this.callerNum ?? '<unknown>'],
			[`${prefix}CallerIDName`, this.callerName ?? '<unknown>'],
			[`${prefix}ConnectedLineNum`, this.connectedNum ?? '<unknown>'],
			[`${prefix}ConnectedLineName`, this.connectedName ?? '<unknown>'],
			[`${prefix}Language`, 'en'],
			[`${prefix}AccountCode`, this.accountCode],
			[`${prefix}Context`, this.context],
			[`${prefix}Exten`, this.exten],
			[`${prefix}Priority`, String(this.priority)],
			[`${prefix}Uniqueid`, this.uniqueid],
			[`${prefix}Linkedid`, this.linkedid],
		];
	}

	/** `"AMI Test" <5551234>` as the Cdr's CallerID, or what there is of it. */
	callerIdText(): string {
		if (this.callerName !== undefined && this.callerNum !== undefined) return `"${this.callerName}" <${this.callerNum}>`;
		return this.callerName ?? this.callerNum ?? '';
	}

	/** Seconds since creation, as `Duration: 00:00:05` in CoreShowChannel. */
	durationText(): string {
		const seconds = Math.floor((Date.now() - this.createdAt) / 1000);
		const pad = (n: number): string => String(n).padStart(2, '0');
		return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
	}
}
