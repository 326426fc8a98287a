import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { additionalFields, addIfSet, required, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { channelField } from '../common.descriptions';

const properties: INodeProperties[] = [
	channelField('The channel to hang up, e.g. PJSIP/alice-00000012 (a /regular expression/ hangs up every matching channel)'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Cause',
				name: 'cause',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 16,
				description: 'Q.850 hangup cause code: 16 normal clearing, 17 user busy, 21 call rejected',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['hangup'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const headers: Headers = [['Channel', required.call(this, 'channel', itemIndex, 'Channel')]];
		addIfSet(headers, 'Cause', additionalFields.call(this, itemIndex).cause);
		return { action: 'Hangup', headers };
	});
}
