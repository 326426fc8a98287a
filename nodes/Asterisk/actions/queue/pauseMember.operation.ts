import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { addIfSet, flag, required, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { interfaceField, queueField } from '../common.descriptions';

const properties: INodeProperties[] = [
	interfaceField,
	{
		displayName: 'Paused',
		name: 'paused',
		type: 'boolean',
		default: true,
		description: 'Whether to pause the member (off unpauses it)',
	},
	{ ...queueField, required: false, description: 'Queue to pause the member in (empty: every queue the member is in)' },
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'e.g. lunch',
		description: 'Why the member is paused (shown in queue status and the queue log)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['pauseMember'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const headers: Headers = [
			['Interface', required.call(this, 'interface', itemIndex, 'Interface')],
			['Paused', flag.call(this, 'paused', itemIndex, true) ? 'true' : 'false'],
		];
		addIfSet(headers, 'Queue', text.call(this, 'queue', itemIndex));
		addIfSet(headers, 'Reason', text.call(this, 'reason', itemIndex));
		return { action: 'QueuePause', headers };
	});
}
