/**
 * Extension, device and mailbox state: ExtensionState, MailboxStatus, MailboxCount
 * (main/manager.c action_extensionstate, action_mailboxstatus, action_mailboxcount) and
 * DeviceStateList (res/res_manager_devicestate.c action_devicestatelist).
 */
import { actionIdHeader } from './format';
import type { Pbx } from './pbx';
import type { ActionHandler } from './session';
import type { MailboxConfig } from './types';

/** ast_extension_state2str() (extension_state_mappings[]); anything else is `Unknown`. */
const EXTENSION_STATE_TEXT: Record<number, string> = {
	0: 'Idle',
	1: 'InUse',
	2: 'Busy',
	4: 'Unavailable',
	8: 'Ringing',
	9: 'InUse&Ringing',
	16: 'Hold',
	17: 'InUse&Hold',
};

/** ast_devstate_to_extenstate() of one device state. */
function extensionStateOf(deviceState: string): number {
	switch (deviceState) {
		case 'ONHOLD':
			return 16;
		case 'BUSY':
			return 2;
		case 'UNAVAILABLE':
		case 'INVALID':
			return 4;
		case 'RINGINUSE':
			return 9;
		case 'RINGING':
			return 8;
		case 'INUSE':
			return 1;
		default:
			return 0;
	}
}

/** ast_devstate_aggregate() over the hint's devices, reduced to the cases the simulator has. */
function hintState(pbx: Pbx, hint: string): number {
	const states = hint
		.split('&')
		.filter((device) => device !== '')
		.map((device) => extensionStateOf(pbx.deviceState(device)));
	if (states.length === 1) return states[0];
	const inUse = states.some((s) => (s & 1) !== 0);
	const ringing = states.some((s) => (s & 8) !== 0);
	if (inUse && ringing) return 9;
	if (inUse) return 1;
	if (ringing) return 8;
	if (states.length > 0 && states.every((s) => s === 2)) return 2;
	if (states.length > 0 && states.every((s) => s === 4)) return 4;
	if (states.some((s) => s === 16)) return 16;
	return 0;
}

/**
 * action_extensionstate(): context `default` when none is given. An extension without a hint
 * (or that does not exist) is still `Response: Success`, with `Hint:` empty and `Status: -1`
 * (`StatusText: Unknown`): Asterisk has no error for it.
 */
export const extensionStateAction: ActionHandler = (context) => {
	const exten = context.header('Exten');
	if (exten === '') return context.respond('Error', 'Extension not specified');
	const extContext = context.header('Context') || 'default';
	const hint = context.pbx.hints[extContext]?.[exten];
	const status = hint === undefined ? -1 : hintState(context.pbx, hint);
	context.respond('Success', 'Extension Status', [
		['Exten', exten],
		['Context', extContext],
		['Hint', hint ?? ''],
		['Status', String(status)],
		['StatusText', EXTENSION_STATE_TEXT[status] ?? 'Unknown'],
	]);
};

/** Every known device state, as DeviceStateChange list items (no Privilege), then the complete. */
export const deviceStateListAction: ActionHandler = (context) => {
	const id = actionIdHeader(context.actionId);
	context.respond('Success', 'Device State Changes will follow', [], 'start');
	for (const [device, state] of context.pbx.deviceStates) {
		context.send([['Event', 'DeviceStateChange'], ...id, ['Device', device], ['State', state]]);
	}
	context.send([['Event', 'DeviceStateListComplete'], ...id, ['EventList', 'Complete'], ['ListItems', String(context.pbx.deviceStates.size)]]);
};

/**
 * app_voicemail's counts for `box[@context][,box2…]` (context `default`), summed over the list;
 * without a configured mailbox (or without app_voicemail, as on the captures' Asterisk) 0.
 */
function mailboxCounts(mailboxes: Record<string, MailboxConfig>, spec: string): Required<MailboxConfig> {
	const total = { urgent: 0, new: 0, old: 0 };
	for (const part of spec.split(/[,&]/)) {
		const name = part.trim();
		if (name === '') continue;
		const box = mailboxes[name.includes('@') ? name : `${name}@default`] ?? mailboxes[name];
		total.urgent += box?.urgent ?? 0;
		total.new += box?.new ?? 0;
		total.old += box?.old ?? 0;
	}
	return total;
}

/** action_mailboxstatus(): `Waiting: 1` when INBOX or Urgent holds a message (has_voicemail()). */
export function mailboxStatusAction(mailboxes: Record<string, MailboxConfig>): ActionHandler {
	return (context) => {
		const mailbox = context.header('Mailbox');
		if (mailbox === '') return context.respond('Error', 'Mailbox not specified');
		const counts = mailboxCounts(mailboxes, mailbox);
		context.respond('Success', 'Mailbox Status', [
			['Mailbox', mailbox],
			['Waiting', counts.new + counts.urgent > 0 ? '1' : '0'],
		]);
	};
}

/** action_mailboxcount(): ast_app_inboxcount2()'s urgent, new and old counts. */
export function mailboxCountAction(mailboxes: Record<string, MailboxConfig>): ActionHandler {
	return (context) => {
		const mailbox = context.header('Mailbox');
		if (mailbox === '') return context.respond('Error', 'Mailbox not specified');
		const counts = mailboxCounts(mailboxes, mailbox);
		context.respond('Success', 'Mailbox Message Count', [
			['Mailbox', mailbox],
			['UrgMessages', String(counts.urgent)],
			['NewMessages', String(counts.new)],
			['OldMessages', String(counts.old)],
		]);
	};
}
