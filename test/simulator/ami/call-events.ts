/**
 * The channel events a simulated call emits, header for header as in b1/b3/g_misc: Newchannel,
 * Newexten, Newstate, VarSet, NewCallerid, NewConnectedLine, Hangup, HangupRequest,
 * SoftHangupRequest, Cdr.
 */
import { CAUSE_TEXT, Channel } from './channel';
import { cdrTime } from './format';
import type { Pbx } from './pbx';

export function emitNewchannel(pbx: Pbx, channel: Channel): void {
	pbx.channels.set(channel.name, channel);
	pbx.emit('Newchannel', 'call', channel.stateHeaders());
}

export function emitNewexten(pbx: Pbx, channel: Channel, application: string, data: string): void {
	channel.application = application;
	channel.applicationData = data;
	pbx.emit('Newexten', 'dialplan', [
		...channel.stateHeaders(),
		['Extension', channel.exten],
		['Application', application],
		['AppData', data],
	]);
}

export function emitNewstate(pbx: Pbx, channel: Channel, state: number): void {
	channel.state = state;
	pbx.emit('Newstate', 'call', channel.stateHeaders());
}

export function setChannelVariable(pbx: Pbx, channel: Channel, name: string, value: string): void {
	channel.variables.set(name, value);
	pbx.emit('VarSet', 'dialplan', [...channel.stateHeaders(), ['Variable', name], ['Value', value]]);
}

export function emitNewCallerid(pbx: Pbx, channel: Channel): void {
	pbx.emit('NewCallerid', 'call', [
		...channel.stateHeaders(),
		['CID-CallingPres', '0 (Presentation Allowed, Not Screened)'],
	]);
}

export function emitNewConnectedLine(pbx: Pbx, channel: Channel): void {
	pbx.emit('NewConnectedLine', 'call', channel.stateHeaders());
}

export function emitHangupRequest(pbx: Pbx, channel: Channel, cause: number, soft = false): void {
	pbx.emit(soft ? 'SoftHangupRequest' : 'HangupRequest', 'call', [...channel.stateHeaders(), ['Cause', String(cause)]]);
}

/** The channel is gone: Hangup event, and it leaves the channel list. */
export function emitHangup(pbx: Pbx, channel: Channel, cause: number): void {
	if (channel.hungUp) return;
	channel.hungUp = true;
	// A bridged or parked channel leaves its bridge / parking space before it is gone.
	pbx.bridges.hungUp(channel);
	channel.onGone?.();
	pbx.channels.delete(channel.name);
	pbx.emit('Hangup', 'call', [
		...channel.stateHeaders(),
		['Cause', String(cause)],
		['Cause-txt', CAUSE_TEXT[cause] ?? 'Unknown'],
	]);
}

/** Times of a call in simulated seconds from its start, so Cdr durations ignore `timeScale`. */
export interface CallClock {
	startedAt: number;
	answeredAfter: number;
	endedAfter: number;
}

export function emitCdr(pbx: Pbx, channel: Channel, clock: CallClock, destination: [string, string]): void {
	const at = (seconds: number): string => cdrTime(clock.startedAt + seconds * 1000);
	pbx.emit('Cdr', 'cdr', [
		['AccountCode', channel.accountCode],
		['Source', channel.callerNum ?? ''],
		['Destination', destination[0]],
		['DestinationContext', destination[1]],
		['CallerID', channel.callerIdText()],
		['Channel', channel.name],
		['DestinationChannel', ''],
		['LastApplication', channel.application],
		['LastData', channel.applicationData],
		['StartTime', at(0)],
		['AnswerTime', at(clock.answeredAfter)],
		['EndTime', at(clock.endedAfter)],
		['Duration', String(Math.floor(clock.endedAfter))],
		['BillableSeconds', String(Math.floor(clock.endedAfter - clock.answeredAfter))],
		['Disposition', 'ANSWERED'],
		['AMAFlags', 'DOCUMENTATION'],
		['UniqueID', channel.uniqueid],
		['UserField', ''],
	]);
}

/** How long an application keeps a channel busy, in simulated seconds (Infinity: until hung up). */
export function applicationSeconds(pbx: Pbx, application: string, data: string): number {
	switch (application.toLowerCase()) {
		case 'wait': {
			const seconds = Number.parseFloat(data);
			return Number.isFinite(seconds) ? seconds : 0;
		}
		case 'playback':
			return data.split('&').reduce((sum, file) => sum + pbx.soundSeconds(file.split(',')[0]), 0);
		case 'hangup':
		case 'noop':
		case 'verbose':
		case 'set':
		case 'answer':
			return 0;
		default:
			return Infinity;
	}
}
