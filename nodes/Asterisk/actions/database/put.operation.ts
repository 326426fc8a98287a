import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required, text } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { familyField, keyField } from './shared';

const properties: INodeProperties[] = [
	familyField,
	keyField,
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		description: 'Value to store',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['database'], operation: ['put'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return {
			action: 'DBPut',
			headers: [
				['Family', required.call(this, 'family', itemIndex, 'Family')],
				['Key', required.call(this, 'key', itemIndex, 'Key')],
				['Val', text.call(this, 'value', itemIndex)],
			],
		};
	});
}
