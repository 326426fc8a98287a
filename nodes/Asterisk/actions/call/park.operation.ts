import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { additionalFields, addIfSet, required, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { channelField } from '../common.descriptions';

const properties: INodeProperties[] = [
	channelField('The channel to park'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Announce Channel',
				name: 'announceChannel',
				type: 'string',
				default: '',
				description: 'Channel that hears the parking space number',
			},
			{
				displayName: 'Parking Lot',
				name: 'parkinglot',
				type: 'string',
				default: '',
				description: 'Parking lot to use (default: the default lot)',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 45000,
				description: 'How long the call stays parked before it comes back, in milliseconds',
			},
			{
				displayName: 'Timeout Channel',
				name: 'timeoutChannel',
				type: 'string',
				default: '',
				description: 'Channel the call returns to when the parking times out',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['park'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const fields = additionalFields.call(this, itemIndex);
		const headers: Headers = [['Channel', required.call(this, 'channel', itemIndex, 'Channel')]];
		addIfSet(headers, 'TimeoutChannel', fields.timeoutChannel);
		addIfSet(headers, 'AnnounceChannel', fields.announceChannel);
		addIfSet(headers, 'Timeout', fields.timeout);
		addIfSet(headers, 'Parkinglot', fields.parkinglot);
		return { action: 'Park', headers };
	});
}
