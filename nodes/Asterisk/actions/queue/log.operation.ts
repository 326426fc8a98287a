import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { addIfSet, required, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { queueField } from '../common.descriptions';

const properties: INodeProperties[] = [
	queueField,
	{
		displayName: 'Event',
		name: 'event',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. CRMNOTE',
		description: 'Event name written to the queue log',
	},
	{
		displayName: 'Uniqueid',
		name: 'uniqueid',
		type: 'string',
		default: '',
		description: 'Uniqueid of the call the entry is about',
	},
	{
		displayName: 'Interface',
		name: 'interface',
		type: 'string',
		default: '',
		description: 'Member interface the entry is about',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		description: 'Free text of the entry',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['log'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const headers: Headers = [
			['Queue', required.call(this, 'queue', itemIndex, 'Queue')],
			['Event', required.call(this, 'event', itemIndex, 'Event')],
		];
		addIfSet(headers, 'Uniqueid', text.call(this, 'uniqueid', itemIndex));
		addIfSet(headers, 'Interface', text.call(this, 'interface', itemIndex));
		addIfSet(headers, 'Message', text.call(this, 'message', itemIndex));
		return { action: 'QueueLog', headers };
	});
}
