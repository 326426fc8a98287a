import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required, text } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { scopeFields, scopeHeaders } from './shared';

const properties: INodeProperties[] = [
	...scopeFields,
	{
		displayName: 'Variable Name',
		name: 'variable',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. CRM_TICKET',
		description: 'Name of the variable, or a writable function such as CALLERID(name)',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		description: 'Value to set (empty clears it)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['variable'], operation: ['set'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return {
			action: 'Setvar',
			headers: [
				...scopeHeaders.call(this, itemIndex),
				['Variable', required.call(this, 'variable', itemIndex, 'Variable Name')],
				['Value', text.call(this, 'value', itemIndex)],
			],
		};
	});
}
