/**
 * Setvar and Getvar (action_setvar/action_getvar): global variables without a Channel, channel
 * variables with one (falling back to globals, as pbx_retrieve_variable does), and the few
 * dialplan functions tests need: GLOBAL(), CALLERID(), STRFTIME(), CHANNEL().
 */
import type { Channel } from './channel';
import { setChannelVariable } from './call-events';
import type { Pbx } from './pbx';
import type { ActionHandler } from './session';
import { channelOrRefuse } from './channel-lookup';

function strftime(epoch: number, format: string): string {
	const date = new Date(epoch * 1000);
	const pad = (n: number): string => String(n).padStart(2, '0');
	const fields: Record<string, string> = {
		Y: String(date.getUTCFullYear()),
		m: pad(date.getUTCMonth() + 1),
		d: pad(date.getUTCDate()),
		H: pad(date.getUTCHours()),
		M: pad(date.getUTCMinutes()),
		S: pad(date.getUTCSeconds()),
		s: String(epoch),
		'%': '%',
	};
	return format.replace(/%(.)/g, (whole, key: string) => fields[key] ?? whole);
}

/** ast_func_read() for the functions the simulator knows; unknown functions read as ''. */
function readFunction(pbx: Pbx, channel: Channel | undefined, expression: string): string {
	const match = /^([A-Z_]+)\((.*)\)$/i.exec(expression);
	if (match === null) return '';
	const [, name, argument] = match;
	const args = argument.split(',');
	switch (name.toUpperCase()) {
		case 'GLOBAL':
			return pbx.globals.get(argument) ?? '';
		case 'STRFTIME': {
			const epoch = args[0] === '' || args[0] === undefined ? Math.floor(Date.now() / 1000) : Number.parseInt(args[0], 10);
			return strftime(epoch, args.slice(2).join(',') || '%c');
		}
		case 'CALLERID': {
			const part = args[0].toLowerCase();
			if (part === 'num' || part === 'number') return channel?.callerNum ?? '';
			if (part === 'name') return channel?.callerName ?? '';
			return '';
		}
		case 'CHANNEL':
			return args[0] === 'name' ? (channel?.name ?? '') : '';
		default:
			return '';
	}
}

/** Built-in variables a channel answers to without storing them. */
function builtinVariable(channel: Channel | undefined, name: string): string | undefined {
	if (name === 'EPOCH') return String(Math.floor(Date.now() / 1000));
	if (channel === undefined) return undefined;
	const builtins: Record<string, string> = {
		CHANNEL: channel.name,
		UNIQUEID: channel.uniqueid,
		CONTEXT: channel.context,
		EXTEN: channel.exten,
		PRIORITY: String(channel.priority),
	};
	return builtins[name];
}

export const setvarAction: ActionHandler = (context) => {
	const { pbx } = context;
	const name = context.header('Variable');
	if (name === '') {
		context.respond('Error', 'No variable specified');
		return;
	}
	const channelName = context.header('Channel');
	let channel: Channel | undefined;
	if (channelName !== '') {
		channel = channelOrRefuse(context, channelName) ?? undefined;
		if (channel === undefined) return;
	}
	const value = context.header('Value');
	const global = /^GLOBAL\((.*)\)$/i.exec(name);
	if (channel !== undefined && global === null) {
		setChannelVariable(pbx, channel, name, value);
	} else {
		const globalName = global === null ? name : global[1];
		pbx.globals.set(globalName, value);
		// ast_channel_publish_varset() without a channel: a VarSet with no channel snapshot.
		pbx.emit('VarSet', 'dialplan', [['Variable', globalName], ['Value', value]]);
	}
	context.respond('Success', 'Variable Set');
};

export const getvarAction: ActionHandler = (context) => {
	const { pbx, session } = context;
	const name = context.header('Variable');
	if (name === '') {
		context.respond('Error', 'No variable specified');
		return;
	}
	if ((session.writePermissions & 1) === 0 && (name.includes('SHELL') || name.includes('EVAL'))) {
		context.respond('Error', 'GetVar Access Forbidden: Variable');
		return;
	}
	const channelName = context.header('Channel');
	let channel: Channel | undefined;
	if (channelName !== '') {
		channel = channelOrRefuse(context, channelName) ?? undefined;
		if (channel === undefined) return;
	}
	const value = name.endsWith(')')
		? readFunction(pbx, channel, name)
		: (channel?.variables.get(name) ?? builtinVariable(channel, name) ?? pbx.globals.get(name) ?? '');
	context.respond('Success', undefined, [
		['Variable', name],
		['Value', value],
	]);
};
