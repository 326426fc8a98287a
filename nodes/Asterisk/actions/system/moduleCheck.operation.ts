import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';

const properties: INodeProperties[] = [
	{
		displayName: 'Module',
		name: 'module',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. app_queue',
		description: 'Module to look for',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['system'], operation: ['moduleCheck'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return { action: 'ModuleCheck', headers: [['Module', required.call(this, 'module', itemIndex, 'Module')]] };
	});
}
