/**
 * Actions about the session itself (main/manager.c): Login (plain and MD5), Challenge, Logoff,
 * Ping, Events, Filter, UserEvent, CoreStatus.
 */
import { createHash } from 'node:crypto';
import { parseFilter } from './filters';
import { challenge, eventTv, formatEvent, formatMessage, pingTimestamp, sessionId } from './format';
import { classFlag, eventMask, parsePermissions, privilege } from './permissions';
import type { ActionContext, ActionHandler, ActionOutcome } from './session';
import type { AmiUserConfig } from './types';

export interface LoginConfig {
	users: Record<string, AmiUserConfig>;
	failedLoginDelayMs: number;
	localPort(): number;
}

function checkCredentials(context: ActionContext, user: AmiUserConfig | undefined): boolean {
	if (user === undefined) return false;
	if (context.header('AuthType').toLowerCase() === 'md5') {
		const key = context.header('Key');
		const pending = context.session.challenge;
		if (key === '' || pending === undefined) return false;
		return createHash('md5').update(pending + user.secret).digest('hex') === key;
	}
	return context.header('Secret') === user.secret;
}

/** action_login() and authenticate(). */
export function loginAction(config: LoginConfig): ActionHandler {
	return async (context): Promise<ActionOutcome> => {
		const { session, pbx } = context;
		if (session.authenticated) {
			context.respond('Success', 'Already authenticated');
			return;
		}
		const username = context.header('Username');
		const user = username === '' ? undefined : config.users[username];
		if (!checkCredentials(context, user) || user === undefined) {
			// Asterisk sleep(1)s before answering, holding the session, then hangs up.
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, config.failedLoginDelayMs);
				session.socket.once('close', () => {
					clearTimeout(timer);
					resolve();
				});
			});
			context.respond('Error', 'Authentication failed');
			return 'close';
		}
		session.username = username;
		session.readPermissions = parsePermissions(user.read);
		session.writePermissions = parsePermissions(user.write);
		const mask = eventMask(context.header('Events'));
		session.sendEvents = mask >= 0 ? session.readPermissions & mask : session.readPermissions;
		session.authenticated = true;
		context.respond('Success', 'Authentication accepted');
		if ((session.sendEvents & classFlag('system')) !== 0) {
			const uptime = String(pbx.uptime());
			context.write(
				formatEvent('FullyBooted', privilege('system'), [
					['Uptime', uptime],
					['LastReload', uptime],
					['Status', 'Fully Booted'],
				]),
			);
		}
		const address = (ip: string | undefined, port: number | undefined): string =>
			`IPV4/${session.transport}/${(ip ?? '127.0.0.1').replace(/^::ffff:/, '')}/${port ?? 0}`;
		const started = eventTv(session.startedAt);
		pbx.emit('SuccessfulAuth', 'security', [
			['EventTV', eventTv()],
			['Severity', 'Informational'],
			['Service', 'AMI'],
			['EventVersion', '1'],
			['AccountID', username],
			['SessionID', sessionId()],
			['LocalAddress', address(session.socket.localAddress, config.localPort())],
			['RemoteAddress', address(session.socket.remoteAddress, session.socket.remotePort)],
			['UsingPassword', '0'],
			['SessionTV', started],
		]);
	};
}

export const challengeAction: ActionHandler = (context) => {
	if (context.header('AuthType').toLowerCase() !== 'md5') {
		context.respond('Error', 'Must specify AuthType');
		return;
	}
	context.session.challenge ??= challenge();
	context.respond('Success', undefined, [['Challenge', context.session.challenge]]);
};

export const logoffAction: ActionHandler = (context) => {
	context.respond('Goodbye', 'Thanks for all the fish.');
	return 'close';
};

export const pingAction: ActionHandler = (context) => {
	context.respond('Success', undefined, [
		['Ping', 'Pong'],
		['Timestamp', pingTimestamp()],
	]);
};

/** action_events(): `Events: On|Off` by the resulting mask; an empty mask is an error. */
export const eventsAction: ActionHandler = (context) => {
	const mask = eventMask(context.header('EventMask'));
	if (mask < 0) {
		context.respond('Error', 'Invalid event mask');
		return;
	}
	context.session.sendEvents = context.session.readPermissions & mask;
	context.respond('Success', undefined, [['Events', mask > 0 ? 'On' : 'Off']]);
};

export const filterAction: ActionHandler = (context) => {
	if (context.header('Operation').toLowerCase() !== 'add') {
		context.respond('Error', 'Unknown operation');
		return;
	}
	const filter = parseFilter(context.message.get('Filter') ?? '', context.header('MatchCriteria'));
	if (filter === 'compile') {
		context.respond('Error', 'Filter did not compile.  Check the syntax of the filter given.');
		return;
	}
	if (filter === 'format') {
		context.respond('Error', 'Filter was formatted incorrectly.  Check the syntax of the filter given.');
		return;
	}
	context.session.filters.add(filter);
	context.respond('Success', 'Success');
};

/** action_userevent(): every header but Action and UserEvent is copied, ActionID included. */
export const userEventAction: ActionHandler = (context) => {
	const body = context.message.headers.filter(([name]) => !['action', 'userevent'].includes(name.toLowerCase()));
	context.respond('Success', 'Event Sent');
	context.pbx.emit('UserEvent', 'user', [['UserEvent', context.header('UserEvent')], ...body]);
};

export const coreStatusAction: ActionHandler = (context) => {
	const { pbx } = context;
	const started = new Date(pbx.startedAt - pbx.uptimeOffset * 1000).toISOString();
	const reloaded = new Date(pbx.reloadedAt).toISOString();
	context.write(
		formatMessage([
			['Response', 'Success'],
			...(context.actionId ? ([['ActionID', context.actionId]] as Array<[string, string]>) : []),
			['CoreStartupDate', started.slice(0, 10)],
			['CoreStartupTime', started.slice(11, 19)],
			['CoreReloadDate', reloaded.slice(0, 10)],
			['CoreReloadTime', reloaded.slice(11, 19)],
			['CoreCurrentCalls', String(pbx.channels.size)],
			['CoreProcessedCalls', String(pbx.callsProcessed)],
		]),
	);
};
