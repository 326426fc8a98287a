/** The action table: lower-case action name → handler (write classes are in permissions.ts). */
import { commandAction } from './actions-command';
import { coreShowChannelsAction, hangupAction, redirectAction, statusAction } from './actions-channels';
import { dbDelAction, dbDelTreeAction, dbGetAction, dbGetTreeAction, dbPutAction } from './actions-db';
import { originateAction } from './actions-originate';
import { queueActions } from './actions-queues';
import {
	type LoginConfig,
	challengeAction,
	coreStatusAction,
	eventsAction,
	filterAction,
	loginAction,
	logoffAction,
	pingAction,
	userEventAction,
} from './actions-session';
import { getvarAction, setvarAction } from './actions-vars';
import type { QueueRegistry } from './queues';
import type { ActionHandler } from './session';

export function buildActions(login: LoginConfig, queues: QueueRegistry, commandFormat: 'output' | 'follows'): Map<string, ActionHandler> {
	return new Map<string, ActionHandler>(
		Object.entries({
			login: loginAction(login),
			challenge: challengeAction,
			logoff: logoffAction,
			ping: pingAction,
			events: eventsAction,
			filter: filterAction,
			userevent: userEventAction,
			corestatus: coreStatusAction,
			setvar: setvarAction,
			getvar: getvarAction,
			originate: originateAction,
			hangup: hangupAction,
			redirect: redirectAction,
			coreshowchannels: coreShowChannelsAction,
			status: statusAction,
			command: commandAction(queues, commandFormat),
			dbput: dbPutAction,
			dbget: dbGetAction,
			dbgettree: dbGetTreeAction,
			dbdel: dbDelAction,
			dbdeltree: dbDelTreeAction,
			...queueActions(queues),
		}),
	);
}
