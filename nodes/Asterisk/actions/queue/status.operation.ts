import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiActionResult } from '../../core/ami';
import type { AmiSession } from '../../helpers/interfaces';
import { messageJson } from '../../helpers/items';
import { addIfSet, flag, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { queueField } from '../common.descriptions';

const properties: INodeProperties[] = [
	{ ...queueField, required: false, description: 'Queue to report on (empty: every queue)' },
	{
		displayName: 'Member',
		name: 'member',
		type: 'string',
		default: '',
		placeholder: 'e.g. PJSIP/alice',
		description: 'Only this member (its interface)',
	},
	{
		displayName: 'Include Queue Parameters',
		name: 'includeParams',
		type: 'boolean',
		default: false,
		description: "Whether to also output one item per queue with its parameters and counters (QueueParams), besides the members' and callers' items",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['status'] } }, properties);

const TYPES: Readonly<Record<string, string>> = { queuemember: 'member', queueentry: 'caller', queueparams: 'queue' };

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(
		this,
		session,
		items,
		function (this: IExecuteFunctions, itemIndex: number) {
			const headers: Headers = [];
			addIfSet(headers, 'Queue', text.call(this, 'queue', itemIndex));
			addIfSet(headers, 'Member', text.call(this, 'member', itemIndex));
			return { action: 'QueueStatus', headers };
		},
		function (this: IExecuteFunctions, result: AmiActionResult, itemIndex: number): IDataObject[] {
			const includeParams = flag.call(this, 'includeParams', itemIndex, false);
			const output: IDataObject[] = [];
			for (const event of result.events) {
				const type = TYPES[(event.event ?? '').toLowerCase()];
				if (type === undefined || (type === 'queue' && !includeParams)) continue;
				output.push({ type, ...messageJson(event) });
			}
			return output;
		},
	);
}
