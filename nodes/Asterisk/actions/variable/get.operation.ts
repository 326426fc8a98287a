import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required } from '../../helpers/parameters';
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
		placeholder: 'e.g. CALLERID(num)',
		description: 'Name of the variable, or a dialplan function such as CALLERID(num) or GLOBAL(NAME)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['variable'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return {
			action: 'Getvar',
			headers: [...scopeHeaders.call(this, itemIndex), ['Variable', required.call(this, 'variable', itemIndex, 'Variable Name')]],
		};
	});
}
