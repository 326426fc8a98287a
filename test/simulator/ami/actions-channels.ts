/**
 * Channel actions of main/manager.c: Hangup (by name or /regex/), Redirect, CoreShowChannels and
 * Status, with their event lists exactly as Asterisk frames them.
 */
import type { Channel } from './channel';
import { actionIdHeader } from './format';
import type { ActionContext, ActionHandler } from './session';
import type { Headers } from './types';
import { channelOrRefuse } from './channel-lookup';

/** Channels newest first: the order the c2 capture lists them in. */
function channelList(context: ActionContext): Channel[] {
	return [...context.pbx.channels.values()].reverse();
}

function listComplete(context: ActionContext, event: string, count: number, extra: Headers = []): void {
	context.send([
		['Event', event],
		...actionIdHeader(context.actionId),
		['EventList', 'Complete'],
		['ListItems', String(count)],
		...extra,
	]);
}

export const hangupAction: ActionHandler = (context) => {
	const name = context.header('Channel');
	if (name === '') {
		context.respond('Error', 'No channel specified');
		return;
	}
	const causeText = context.header('Cause');
	const parsed = /^\d+$/.test(causeText) ? Number.parseInt(causeText, 10) : 0;
	const cause = parsed <= 127 ? parsed : 0;
	if (!name.startsWith('/')) {
		const channel = channelOrRefuse(context, name);
		if (channel === null) return;
		channel.onHangupRequest?.(cause);
		context.respond('Success', 'Channel Hungup');
		return;
	}
	if (!name.endsWith('/') || name.length < 2) {
		context.respond('Error', 'Regex format invalid, Channel param should be /regex/');
		return;
	}
	let regex: RegExp;
	try {
		regex = new RegExp(name.slice(1, -1));
	} catch {
		context.respond('Error', `Regex compile failed on: ${name}`);
		return;
	}
	context.respond('Success', 'Channels hung up will follow', [], 'start');
	let count = 0;
	for (const channel of channelList(context)) {
		if (!regex.test(channel.name)) continue;
		channel.onHangupRequest?.(cause);
		count++;
		context.send([['Event', 'ChannelHungup'], ['Channel', channel.name], ...actionIdHeader(context.actionId)]);
	}
	listComplete(context, 'ChannelsHungupListComplete', count);
};

export const redirectAction: ActionHandler = (context) => {
	const name = context.header('Channel');
	const contextName = context.header('Context');
	const exten = context.header('Exten');
	const priorityText = context.header('Priority');
	if (name === '') return context.respond('Error', 'Channel not specified');
	if (contextName === '') return context.respond('Error', 'Context not specified');
	if (exten === '') return context.respond('Error', 'Exten not specified');
	if (priorityText === '') return context.respond('Error', 'Priority not specified');
	const priority = Number.parseInt(priorityText, 10);
	if (!(priority >= 1)) return context.respond('Error', 'Priority is invalid');
	const channel = context.pbx.findChannel(name);
	if (channel === undefined) return context.respond('Error', `Channel does not exist: ${name}`);
	channel.onRedirect?.(contextName, exten, priority);
	context.respond('Success', 'Redirect successful');
};

export const coreShowChannelsAction: ActionHandler = (context) => {
	context.respond('Success', 'Channels will follow', [], 'start');
	const channels = channelList(context);
	for (const channel of channels) {
		context.send([
			['Event', 'CoreShowChannel'],
			...actionIdHeader(context.actionId),
			...channel.stateHeaders(),
			['Application', channel.application],
			['ApplicationData', channel.applicationData],
			['Duration', channel.durationText()],
			['BridgeId', channel.bridgeId ?? ''],
		]);
	}
	listComplete(context, 'CoreShowChannelsComplete', channels.length);
};

function statusEvent(channel: Channel, variables: string[], actionId: string | undefined): Headers {
	return [
		['Event', 'Status'],
		// generate_status() hard-codes this one with a capital C.
		['Privilege', 'Call'],
		...channel.stateHeaders(),
		['Type', channel.tech],
		['DNID', ''],
		['EffectiveConnectedLineNum', channel.connectedNum ?? '<unknown>'],
		['EffectiveConnectedLineName', channel.connectedName ?? '<unknown>'],
		['TimeToHangup', '0'],
		['BridgeID', channel.bridgeId ?? ''],
		['Application', channel.application],
		['Data', channel.applicationData],
		['Nativeformats', '(slin)'],
		['Readformat', 'slin'],
		['Readtrans', ''],
		['Writeformat', 'slin'],
		['Writetrans', ''],
		['Callgroup', '0'],
		['Pickupgroup', '0'],
		['Seconds', String(Math.floor((Date.now() - channel.createdAt) / 1000))],
		...variables.map((name): [string, string] => ['Variable', `${name}=${channel.variables.get(name) ?? ''}`]),
		...actionIdHeader(actionId),
	];
}

export const statusAction: ActionHandler = (context) => {
	const name = context.header('Channel');
	const variables = context
		.header('Variables')
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '');
	let channels = channelList(context);
	if (name !== '') {
		const channel = channelOrRefuse(context, name);
		if (channel === null) return;
		channels = [channel];
	}
	context.respond('Success', 'Channel status will follow', [], 'start');
	for (const channel of channels) context.send(statusEvent(channel, variables, context.actionId));
	listComplete(context, 'StatusComplete', channels.length, [['Items', String(channels.length)]]);
};
