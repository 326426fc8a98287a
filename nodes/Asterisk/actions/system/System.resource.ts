import type { INodeProperties } from 'n8n-workflow';

import * as command from './command.operation';
import * as coreSettings from './coreSettings.operation';
import * as coreStatus from './coreStatus.operation';
import * as moduleCheck from './moduleCheck.operation';
import * as ping from './ping.operation';
import * as reload from './reload.operation';
import * as userEvent from './userEvent.operation';

export { command, coreSettings, coreStatus, moduleCheck, ping, reload, userEvent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['system'] } },
		options: [
			{
				name: 'Check Module',
				value: 'moduleCheck',
				description: 'Whether a module is loaded, and its version (ModuleCheck)',
				action: 'Check whether a module is loaded',
			},
			{
				name: 'Get Core Settings',
				value: 'coreSettings',
				description: 'Asterisk version and main settings (CoreSettings)',
				action: 'Get core settings',
			},
			{
				name: 'Get Core Status',
				value: 'coreStatus',
				description: 'Start time, reload time and number of current calls (CoreStatus)',
				action: 'Get core status',
			},
			{
				name: 'Ping',
				value: 'ping',
				description: 'Check that Asterisk answers (Ping)',
				action: 'Ping asterisk',
			},
			{
				name: 'Reload',
				value: 'reload',
				description: 'Reload one module or the whole configuration (Reload)',
				action: 'Reload configuration',
			},
			{
				name: 'Run CLI Command',
				value: 'command',
				description: 'Run an Asterisk CLI command and return its output as lines and as text (Command)',
				action: 'Run a CLI command',
			},
			{
				name: 'Send User Event',
				value: 'userEvent',
				description: 'Broadcast a custom event with custom headers to AMI clients (UserEvent)',
				action: 'Send a user event',
			},
		],
		default: 'command',
	},
	...command.description,
	...coreSettings.description,
	...coreStatus.description,
	...moduleCheck.description,
	...ping.description,
	...reload.description,
	...userEvent.description,
];
