import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { addIfSet, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';

const properties: INodeProperties[] = [
	{
		displayName: 'Module',
		name: 'module',
		type: 'string',
		default: '',
		placeholder: 'e.g. app_queue.so',
		description: 'Module to reload (empty: reload every module that supports it)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['system'], operation: ['reload'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const headers: Headers = [];
		addIfSet(headers, 'Module', text.call(this, 'module', itemIndex).trim());
		return { action: 'Reload', headers };
	});
}
