import type { INodeProperties } from 'n8n-workflow';

import * as deleteKey from './delete.operation';
import * as deleteTree from './deleteTree.operation';
import * as get from './get.operation';
import * as put from './put.operation';

export { deleteKey as delete, deleteTree, get, put };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['database'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete one key from the Asterisk database (DBDel)',
				action: 'Delete a database key',
			},
			{
				name: 'Delete Tree',
				value: 'deleteTree',
				description: 'Delete a whole family, or the keys under a key (DBDelTree)',
				action: 'Delete a database tree',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Read one key of the Asterisk database (DBGet)',
				action: 'Get a database value',
			},
			{
				name: 'Put',
				value: 'put',
				description: 'Store a value under a family and key (DBPut)',
				action: 'Put a database value',
			},
		],
		default: 'get',
	},
	...deleteKey.description,
	...deleteTree.description,
	...get.description,
	...put.description,
];
