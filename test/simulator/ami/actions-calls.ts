/**
 * Call-control actions the captures do not cover, with Asterisk 22's texts and checks in their
 * order: Bridge (main/features.c action_bridge), BlindTransfer and Atxfer (main/manager.c
 * action_blind_transfer, action_atxfer), PlayDTMF (apps/app_senddtmf.c manager_play_dtmf, timing
 * and events as in f3_eivr_dtmf) and Park (res/parking/parking_manager.c manager_park).
 */
import { PARKING_LOT } from './bridges';
import { setChannelVariable } from './call-events';
import type { Channel } from './channel';
import type { ActionContext, ActionHandler } from './session';

/** action_bridge(): both channels by name prefix, one new basic bridge. */
export const bridgeAction: ActionHandler = (context) => {
	const first = context.header('Channel1');
	const second = context.header('Channel2');
	if (first === '' || second === '') return context.respond('Error', 'Missing channel parameter in request');
	const one = context.pbx.findChannelByPrefix(first);
	if (one === undefined) return context.respond('Error', `Channel1 does not exist: ${first}`);
	const two = context.pbx.findChannelByPrefix(second);
	if (two === undefined) return context.respond('Error', `Channel2 does not exist: ${second}`);
	const { bridges } = context.pbx;
	const bridge = bridges.create();
	bridges.enter(bridge, one);
	bridges.enter(bridge, two);
	context.respond('Success', 'Channels have been bridged');
};

/**
 * action_blind_transfer() and ast_bridge_transfer_blind() (main/bridge.c): the transferer's
 * bridge peer goes to exten@context (default: the transferer's context), the transferer leaves
 * the bridge; a channel in no bridge is `Transfer invalid`. Either way a BlindTransfer event.
 */
export const blindTransferAction: ActionHandler = (context) => {
	const name = context.header('Channel');
	const exten = context.header('Exten');
	if (name === '') return context.respond('Error', 'No channel specified');
	if (exten === '') return context.respond('Error', 'No extension specified');
	const channel = context.pbx.findChannel(name);
	if (channel === undefined) return context.respond('Error', 'Channel specified does not exist');
	const target = context.header('Context') || channel.context;
	const { bridges } = context.pbx;
	const bridge = bridges.find(channel);
	const transferee = bridges.peer(channel);
	const bridgeState = bridge === undefined ? [] : bridges.snapshotOf(bridge);
	const result = bridge === undefined || transferee === undefined ? 'Invalid' : 'Success';
	if (transferee !== undefined) setChannelVariable(context.pbx, transferee, 'BLINDTRANSFER', channel.name);
	// blind_transfer_to_ami() (main/stasis_bridges.c): transferer, transferee, bridge, then the rest.
	context.pbx.emit('BlindTransfer', 'call', [
		['Result', result],
		...channel.stateHeaders('Transferer'),
		...(transferee === undefined ? [] : transferee.stateHeaders('Transferee')),
		...bridgeState,
		['IsExternal', 'Yes'],
		['Context', target],
		['Extension', exten],
	]);
	if (transferee === undefined) return context.respond('Error', 'Transfer invalid');
	bridges.leave(channel);
	transferee.onRedirect?.(target, exten, 1);
	context.respond('Success', 'Transfer succeeded');
};

/**
 * action_atxfer(): the channel gets the atxfer feature code and then the extension as DTMF.
 * Asterisk's default features.conf has no atxfer code, so without `atxferFeatureCode` every
 * Atxfer on an existing channel is `No attended transfer feature code found`, as on the
 * captures' Asterisk. The consultation call the digits would start is not simulated.
 */
export function atxferAction(featureCode: string): ActionHandler {
	return (context) => {
		const name = context.header('Channel');
		const exten = context.header('Exten');
		if (name === '') return context.respond('Error', 'No channel specified');
		if (exten === '') return context.respond('Error', 'No extension specified');
		const channel = context.pbx.findChannel(name);
		if (channel === undefined) return context.respond('Error', 'Channel specified does not exist');
		if (featureCode === '') return context.respond('Error', 'No attended transfer feature code found');
		const target = context.header('Context');
		if (target !== '') setChannelVariable(context.pbx, channel, 'TRANSFER_CONTEXT', target);
		context.respond('Success', 'Atxfer successfully queued');
	};
}

/** AST_DEFAULT_EMULATE_DTMF_DURATION: ast_senddigit_external() never plays a digit shorter. */
const MIN_DTMF_MS = 100;

function dtmfEvents(context: ActionContext, channel: Channel, digit: string, durationMs: number): void {
	const base = channel.stateHeaders();
	context.pbx.emit('DTMFBegin', 'dtmf', [...base, ['Digit', digit], ['Direction', 'Received']]);
	context.pbx.emit('DTMFEnd', 'dtmf', [...base, ['Digit', digit], ['DurationMs', String(durationMs)], ['Direction', 'Received']]);
}

/**
 * manager_play_dtmf(): sending a digit plays it for its duration (at least 100 ms) before the
 * response (f3: `Duration: 200` answers after 200 ms); a Local channel's digit arrives on the
 * other half as DTMFBegin/DTMFEnd `Direction: Received` (f3). `Receive: yes` queues the digit
 * on the channel itself and answers at once.
 */
export const playDtmfAction: ActionHandler = async (context) => {
	const channel = context.pbx.findChannel(context.header('Channel'));
	if (channel === undefined) return context.respond('Error', 'Channel not found');
	const digit = context.header('Digit');
	if (digit === '') return context.respond('Error', 'No digit specified');
	const durationText = context.header('Duration');
	const duration = durationText === '' ? 0 : /^\s*\d+/.test(durationText) ? Number.parseInt(durationText, 10) : undefined;
	if (duration === undefined) return context.respond('Error', 'Could not convert Duration parameter');
	const played = Math.max(duration, MIN_DTMF_MS);
	if (['yes', 'true', 'y', 't', '1', 'on'].includes(context.header('Receive').toLowerCase())) {
		dtmfEvents(context, channel, digit[0], played);
	} else {
		await new Promise<void>((resolve) => context.pbx.after(played / 1000, resolve));
		const peer = context.pbx.localPeer(channel);
		if (peer !== undefined) dtmfEvents(context, peer, digit[0], played);
	}
	context.respond('Success', 'DTMF successfully queued');
};

/**
 * manager_park(): the default lot only (another Parkinglot fails in park_common_setup()), a
 * Timeout in ms turned into whole seconds (at least 1), the first free space from 701, and
 * Asterisk's own `Park successful\n` with its stray newline. TimeoutChannel sets BLINDTRANSFER,
 * whose dial string (the name up to its last `-`) becomes ParkerDialString.
 */
export const parkAction: ActionHandler = (context) => {
	const name = context.header('Channel');
	const timeoutChannel = context.header('TimeoutChannel') || context.header('Channel2');
	const timeoutText = context.header('Timeout');
	const lot = context.header('Parkinglot');
	if (name === '') return context.respond('Error', 'Channel not specified');
	let timeout = PARKING_LOT.seconds;
	if (timeoutText !== '') {
		const parsed = /^\s*-?\d+/.test(timeoutText) ? Number.parseInt(timeoutText, 10) : -1;
		if (parsed < 0) return context.respond('Error', 'Invalid Timeout value.');
		if (parsed > 0) timeout = Math.max(1, Math.floor(parsed / 1000));
	}
	const { pbx } = context;
	const channel = pbx.findChannel(name);
	if (channel === undefined) return context.respond('Error', `Channel does not exist: ${name}`);
	if (timeoutChannel !== '') setChannelVariable(pbx, channel, 'BLINDTRANSFER', timeoutChannel);
	// manager_park() tests the AnnounceChannel *name* (`if (!announce_channel)`), so an unknown
	// announce channel is never an error: nothing to check here.
	const space = pbx.bridges.freeSpace();
	if ((lot !== '' && lot !== PARKING_LOT.name) || space === undefined || channel.parkingSpace !== undefined) {
		return context.respond('Error', 'Park action failed\n');
	}
	const dash = timeoutChannel.lastIndexOf('-');
	const parkerDialString = dash < 0 ? timeoutChannel : timeoutChannel.slice(0, dash);
	context.respond('Success', 'Park successful\n');
	pbx.bridges.park(channel, space, timeout, parkerDialString);
};
