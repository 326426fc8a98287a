import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiActionResult } from '../../core/ami';
import type { AmiSession } from '../../helpers/interfaces';
import { eventsJson } from '../../helpers/items';
import { addIfSet, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { queueField } from '../common.descriptions';

const properties: INodeProperties[] = [{ ...queueField, required: false, description: 'Queue to summarise (empty: every queue)' }];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['summary'] } }, properties);

const SUMMARY = new Set(['queuesummary']);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(
		this,
		session,
		items,
		function (this: IExecuteFunctions, itemIndex: number) {
			const headers: Headers = [];
			addIfSet(headers, 'Queue', text.call(this, 'queue', itemIndex));
			return { action: 'QueueSummary', headers };
		},
		(result: AmiActionResult) => eventsJson(result, SUMMARY),
	);
}
