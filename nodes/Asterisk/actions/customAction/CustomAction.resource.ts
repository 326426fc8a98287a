import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customAction'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send any AMI action with any headers; list actions return their events, one item each',
				action: 'Send a custom AMI action',
			},
		],
		default: 'send',
	},
	...send.description,
];
