/**
 * Originate as action_originate() runs it: the same checks in the same order and the same
 * error texts; `Async: true` answers `Originate successfully queued` at once and reports later
 * in an OriginateResponse event carrying the ActionID; without Async the response waits for the
 * call's outcome and, the session running one action at a time, holds everything behind it.
 */
import { actionIdHeader } from './format';
import { LocalCall } from './local-call';
import type { OriginateRequest, OriginateResult } from './originate-request';
import { classFlag } from './permissions';
import type { Pbx } from './pbx';
import type { ActionContext, ActionHandler } from './session';
import { TechCall } from './tech-call';

const TRUE_WORDS = new Set(['yes', 'true', 'y', 't', '1', 'on']);

/** ast_callerid_parse() + ast_shrink_phone_number(): `"AMI Test" <555-1234>` → name, number. */
export function parseCallerId(text: string): { name?: string; num?: string } {
	const open = text.lastIndexOf('<');
	const close = text.lastIndexOf('>');
	let name: string | undefined;
	let num: string | undefined;
	if (open >= 0 && close > open) {
		num = text.slice(open + 1, close);
		name = text.slice(0, open).trim().replace(/^"(.*)"$/, '$1');
	} else if (/^[\d\s()+\-.#*]+$/.test(text.trim())) {
		num = text.trim();
	} else {
		name = text.trim();
	}
	const shrunk = num?.replace(/[\s()\-.]/g, '');
	return { name: name === '' ? undefined : name, num: shrunk === '' ? undefined : shrunk };
}

/** astman_get_variables(): every `Variable:` header, each split on commas into name=value. */
function variables(context: ActionContext): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (const header of context.message.getAll('Variable')) {
		for (const part of header.split(',')) {
			const eq = part.indexOf('=');
			if (eq > 0) pairs.push([part.slice(0, eq), part.slice(eq + 1)]);
		}
	}
	return pairs;
}

/** Start the call the test asked for; `finish` hears its outcome exactly once. */
function startCall(pbx: Pbx, request: OriginateRequest, finish: (result: OriginateResult) => void): void {
	const known = pbx.technologies.some((tech) => tech.toLowerCase() === request.tech.toLowerCase());
	const chosen = known ? pbx.chosenOutcome(request.channel) : 'nosuchchannel';
	if (chosen === 'nosuchchannel') {
		finish({ success: false, reason: 0 });
	} else if (chosen === undefined && request.tech.toLowerCase() === 'local') {
		new LocalCall(pbx, request, finish).start();
	} else {
		new TechCall(pbx, request, chosen ?? 'answer', finish).start();
	}
}

function originateResponse(pbx: Pbx, request: OriginateRequest, actionId: string | undefined, result: OriginateResult): void {
	const target: Array<[string, string]> =
		request.application !== ''
			? [['Application', request.application], ['Data', request.applicationData]]
			: [['Context', request.context], ['Exten', request.exten]];
	pbx.emit('OriginateResponse', 'call', [
		...actionIdHeader(actionId),
		['Response', result.success ? 'Success' : 'Failure'],
		['Channel', result.channel?.name ?? request.channel],
		...target,
		['Reason', String(result.reason)],
		['Uniqueid', result.channel?.uniqueid ?? '<unknown>'],
		['CallerIDNum', request.callerNum ?? '<unknown>'],
		['CallerIDName', request.callerName ?? '<unknown>'],
	]);
}

export const originateAction: ActionHandler = async (context) => {
	const { pbx, session } = context;
	const channel = context.header('Channel');
	const priorityText = context.header('Priority');
	const timeoutText = context.header('Timeout');
	const application = context.header('Application');
	const applicationData = context.header('Data');
	const exten = context.header('Exten');
	const contextName = context.header('Context');
	if (channel === '') return context.respond('Error', 'Channel not specified');
	let priority = 0;
	if (priorityText !== '') {
		priority = /^\s*-?\d+/.test(priorityText) ? Number.parseInt(priorityText, 10) : 0;
		if (priority < 1) return context.respond('Error', 'Invalid priority');
	}
	let timeoutMs = 30000;
	if (timeoutText !== '') {
		if (!/^\s*-?\d+/.test(timeoutText)) return context.respond('Error', 'Invalid timeout');
		timeoutMs = Number.parseInt(timeoutText, 10);
	}
	const slash = channel.indexOf('/');
	if (slash < 0) return context.respond('Error', 'Invalid channel');
	const callerId = parseCallerId(context.header('CallerID'));
	const dangerous = /^(try)?system$/i.test(application) || /SHELL|EVAL/.test(applicationData);
	if (application !== '' && dangerous && (session.writePermissions & classFlag('system')) === 0) {
		return context.respond('Error', 'Originate Access Forbidden: app or data blacklisted');
	}
	if (priority !== 0 && !pbx.extensionExists(contextName, exten)) {
		return context.respond('Error', 'Extension does not exist.');
	}
	const request: OriginateRequest = {
		channel,
		tech: channel.slice(0, slash),
		data: channel.slice(slash + 1),
		application,
		applicationData,
		context: contextName,
		exten,
		priority,
		callerNum: callerId.num,
		callerName: callerId.name,
		variables: variables(context),
		timeoutMs,
	};
	if (TRUE_WORDS.has(context.header('Async').toLowerCase())) {
		context.respond('Success', 'Originate successfully queued');
		startCall(pbx, request, (result) => originateResponse(pbx, request, context.actionId, result));
		return;
	}
	if (application === '' && priority === 0) {
		return context.respond('Error', "Originate with 'Exten' requires 'Context' and 'Priority'");
	}
	const result = await new Promise<OriginateResult>((resolve) => startCall(pbx, request, resolve));
	if (result.success) context.respond('Success', 'Originate successfully queued');
	else context.respond('Error', 'Originate failed');
};
