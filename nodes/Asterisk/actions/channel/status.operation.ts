import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiActionResult } from '../../core/ami';
import type { AmiSession } from '../../helpers/interfaces';
import { eventsJson } from '../../helpers/items';
import { addIfSet, required, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { channelField } from '../common.descriptions';

const properties: INodeProperties[] = [
	channelField('The channel to report on'),
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'string',
		default: '',
		placeholder: 'e.g. CRM_TICKET,DIALSTATUS',
		description: 'Comma-separated channel variables to include in the status',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['channel'], operation: ['status'] } }, properties);

const STATUS = new Set(['status']);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(
		this,
		session,
		items,
		function (this: IExecuteFunctions, itemIndex: number) {
			const headers: Headers = [['Channel', required.call(this, 'channel', itemIndex, 'Channel')]];
			addIfSet(headers, 'Variables', text.call(this, 'variables', itemIndex));
			return { action: 'Status', headers };
		},
		(result: AmiActionResult) => eventsJson(result, STATUS),
	);
}
