import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as set from './set.operation';

export { get, set };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['variable'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Read a channel or global variable, or a function such as CALLERID(num) (Getvar)',
				action: 'Get a variable',
			},
			{
				name: 'Set',
				value: 'set',
				description: 'Set a channel or global variable (Setvar)',
				action: 'Set a variable',
			},
		],
		default: 'set',
	},
	...get.description,
	...set.description,
];
