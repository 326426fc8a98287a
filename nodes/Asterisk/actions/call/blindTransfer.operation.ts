import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { channelField, contextField, extensionField } from '../common.descriptions';

const properties: INodeProperties[] = [
	channelField('The channel whose bridged peer is transferred (the transferer)'),
	contextField,
	{ ...extensionField, description: 'Extension to transfer the call to' },
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['blindTransfer'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return {
			action: 'BlindTransfer',
			headers: [
				['Channel', required.call(this, 'channel', itemIndex, 'Channel')],
				['Context', required.call(this, 'context', itemIndex, 'Context')],
				['Exten', required.call(this, 'exten', itemIndex, 'Extension')],
			],
		};
	});
}
