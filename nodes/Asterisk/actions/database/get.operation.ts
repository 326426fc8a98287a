import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiActionResult } from '../../core/ami';
import type { AmiSession } from '../../helpers/interfaces';
import { eventsJson, responseJson } from '../../helpers/items';
import { required } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { familyField, keyField } from './shared';

const properties: INodeProperties[] = [familyField, keyField];

export const description = updateDisplayOptions({ show: { resource: ['database'], operation: ['get'] } }, properties);

const RESPONSE = new Set(['dbgetresponse']);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(
		this,
		session,
		items,
		function (this: IExecuteFunctions, itemIndex: number) {
			return {
				action: 'DBGet',
				headers: [
					['Family', required.call(this, 'family', itemIndex, 'Family')],
					['Key', required.call(this, 'key', itemIndex, 'Key')],
				],
			};
		},
		(result: AmiActionResult) => {
			const values = eventsJson(result, RESPONSE);
			return values.length > 0 ? values : responseJson(result);
		},
	);
}
