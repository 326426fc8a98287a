import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { familyField, keyField } from './shared';

const properties: INodeProperties[] = [familyField, keyField];

export const description = updateDisplayOptions({ show: { resource: ['database'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return {
			action: 'DBDel',
			headers: [
				['Family', required.call(this, 'family', itemIndex, 'Family')],
				['Key', required.call(this, 'key', itemIndex, 'Key')],
			],
		};
	});
}
