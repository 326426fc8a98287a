import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { addIfSet, required, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { familyField, keyField } from './shared';

const properties: INodeProperties[] = [
	familyField,
	{ ...keyField, required: false, description: 'Only the subtree under this key (empty: the whole family)' },
];

export const description = updateDisplayOptions({ show: { resource: ['database'], operation: ['deleteTree'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const headers: Headers = [['Family', required.call(this, 'family', itemIndex, 'Family')]];
		addIfSet(headers, 'Key', text.call(this, 'key', itemIndex));
		return { action: 'DBDelTree', headers };
	});
}
