/** The node's parameters: the resource picker, then every resource's operations and fields. */
import type { INodeProperties } from 'n8n-workflow';

import * as call from './call/Call.resource';
import * as channel from './channel/Channel.resource';
import { nodeOptions } from './common.descriptions';
import * as customAction from './customAction/CustomAction.resource';
import * as database from './database/Database.resource';
import * as extension from './extension/Extension.resource';
import * as queue from './queue/Queue.resource';
import * as system from './system/System.resource';
import * as variable from './variable/Variable.resource';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Call', value: 'call', description: 'Place, transfer, park, bridge and hang up calls' },
			{ name: 'Channel', value: 'channel', description: 'Active channels and their status' },
			{ name: 'Custom Action', value: 'customAction', description: 'Any AMI action with any headers' },
			{ name: 'Database (AstDB)', value: 'database', description: "Asterisk's key/value database" },
			{ name: 'Extension / Device / Mailbox', value: 'extension', description: 'Extension and device states, voicemail counts' },
			{ name: 'Queue', value: 'queue', description: 'Call queue members, status and log' },
			{ name: 'System', value: 'system', description: 'CLI commands, ping, status, settings, reload, user events' },
			{ name: 'Variable', value: 'variable', description: 'Channel and global variables, dialplan functions' },
		],
		default: 'call',
	},
	...call.description,
	...channel.description,
	...customAction.description,
	...database.description,
	...extension.description,
	...queue.description,
	...system.description,
	...variable.description,
	nodeOptions,
];
