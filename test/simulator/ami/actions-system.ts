/**
 * System actions of main/manager.c the captures do not cover: CoreSettings
 * (action_coresettings), Reload (action_reload and ast_module_reload() of main/loader.c) and
 * ModuleCheck (manager_modulecheck), against the module list of module_show.txt.
 */
import { RELOADABLE_MODULES } from './defaults';
import { actionIdHeader, formatMessage } from './format';
import type { ActionHandler } from './session';

/**
 * action_coresettings(): its own `Response: Success` block. Values of the captures' Asterisk:
 * AMI 11.0.0, no systemname/maxcalls/maxload/runuser/rungroup/maxfiles in asterisk.conf
 * (CoreMaxLoadAvg is printed with %f), no realtime, CDR on, AMI over HTTP off
 * (manager_show_settings.txt), no sounds_search_custom_dir.
 */
export const coreSettingsAction: ActionHandler = (context) => {
	const version = /^Asterisk (\S+)/.exec(context.pbx.version)?.[1] ?? context.pbx.version;
	context.write(
		formatMessage([
			['Response', 'Success'],
			...actionIdHeader(context.actionId),
			['AMIversion', '11.0.0'],
			['AsteriskVersion', version],
			['SystemName', ''],
			['CoreMaxCalls', '0'],
			['CoreMaxLoadAvg', '0.000000'],
			['CoreRunUser', ''],
			['CoreRunGroup', ''],
			['CoreMaxFilehandles', '0'],
			['CoreRealTimeEnabled', 'No'],
			['CoreCDRenabled', 'Yes'],
			['CoreHTTPenabled', 'No'],
			['SoundsSearchCustomDir', 'No'],
		]),
	);
};

/**
 * action_reload(): no Module reloads everything (success); a module that is not loaded is
 * AST_MODULE_RELOAD_NOT_FOUND (2), one without a reload callback NOT_IMPLEMENTED (6). Every
 * outcome is also published as a `Reload` event (publish_reload_message(): Module, Status).
 */
export const reloadAction: ActionHandler = (context) => {
	const { pbx } = context;
	const name = context.header('Module');
	let status: number;
	if (name === '') status = 0;
	else {
		const module = pbx.findModule(name);
		status = module === undefined ? 2 : RELOADABLE_MODULES.has(module) ? 0 : 6;
	}
	if (status === 0) pbx.reloadedAt = Date.now();
	if (status === 2) context.respond('Error', 'No such module');
	else if (status === 6) context.respond('Error', 'Module does not support reload');
	else context.respond('Success', 'Module Reloaded');
	pbx.emit('Reload', 'system', [['Module', name || 'All'], ['Status', String(status)]]);
};

/** manager_modulecheck(): `Version:` is kept, empty, for backwards compatibility. */
export const moduleCheckAction: ActionHandler = (context) => {
	if (context.pbx.findModule(context.header('Module')) === undefined) return context.respond('Error', 'Module not loaded');
	context.write(formatMessage([['Response', 'Success'], ...actionIdHeader(context.actionId), ['Version', '']]));
};
