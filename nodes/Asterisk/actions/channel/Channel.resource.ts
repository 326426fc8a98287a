import type { INodeProperties } from 'n8n-workflow';

import * as list from './list.operation';
import * as status from './status.operation';

export { list, status };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['channel'] } },
		options: [
			{
				name: 'Get Status',
				value: 'status',
				description: 'State, caller ID, dialplan position and duration of one channel (Status)',
				action: 'Get the status of a channel',
			},
			{
				name: 'List Active',
				value: 'list',
				description: 'Every active channel, one item each (CoreShowChannels)',
				action: 'List active channels',
			},
		],
		default: 'list',
	},
	...list.description,
	...status.description,
];
