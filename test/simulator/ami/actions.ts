/** The action table: lower-case action name → handler (write classes are in permissions.ts). */
import { atxferAction, blindTransferAction, bridgeAction, parkAction, playDtmfAction } from './actions-calls';
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
import { deviceStateListAction, extensionStateAction, mailboxCountAction, mailboxStatusAction } from './actions-state';
import { coreSettingsAction, moduleCheckAction, reloadAction } from './actions-system';
import { getvarAction, setvarAction } from './actions-vars';
import type { QueueRegistry } from './queues';
import type { ActionHandler } from './session';
import type { MailboxConfig } from './types';

export interface ActionConfig {
	commandFormat: 'output' | 'follows';
	mailboxes: Record<string, MailboxConfig>;
	atxferFeatureCode: string;
}

export function buildActions(login: LoginConfig, queues: QueueRegistry, config: ActionConfig): Map<string, ActionHandler> {
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
			command: commandAction(queues, config.commandFormat),
			dbput: dbPutAction,
			dbget: dbGetAction,
			dbgettree: dbGetTreeAction,
			dbdel: dbDelAction,
			dbdeltree: dbDelTreeAction,
			...queueActions(queues),
			bridge: bridgeAction,
			blindtransfer: blindTransferAction,
			atxfer: atxferAction(config.atxferFeatureCode),
			playdtmf: playDtmfAction,
			park: parkAction,
			extensionstate: extensionStateAction,
			devicestatelist: deviceStateListAction,
			mailboxcount: mailboxCountAction(config.mailboxes),
			mailboxstatus: mailboxStatusAction(config.mailboxes),
			coresettings: coreSettingsAction,
			reload: reloadAction,
			modulecheck: moduleCheckAction,
		}),
	);
}
