import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { additionalFields, addIfSet, required, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { channelField, contextField, extensionField, priorityField } from '../common.descriptions';

const properties: INodeProperties[] = [
	channelField('The channel to send elsewhere in the dialplan'),
	contextField,
	{ ...extensionField, description: 'Extension to send the channel to' },
	priorityField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Extra Channel',
				name: 'extraChannel',
				type: 'string',
				default: '',
				description: 'A second channel to redirect at the same time (e.g. the other party of a bridge)',
			},
			{
				displayName: 'Extra Context',
				name: 'extraContext',
				type: 'string',
				default: '',
				description: 'Context for the extra channel',
			},
			{
				displayName: 'Extra Extension',
				name: 'extraExten',
				type: 'string',
				default: '',
				description: 'Extension for the extra channel',
			},
			{
				displayName: 'Extra Priority',
				name: 'extraPriority',
				type: 'string',
				default: '',
				description: 'Priority for the extra channel',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['redirect'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const fields = additionalFields.call(this, itemIndex);
		const headers: Headers = [
			['Channel', required.call(this, 'channel', itemIndex, 'Channel')],
			['Context', required.call(this, 'context', itemIndex, 'Context')],
			['Exten', required.call(this, 'exten', itemIndex, 'Extension')],
			['Priority', text.call(this, 'priority', itemIndex).trim() || '1'],
		];
		addIfSet(headers, 'ExtraChannel', fields.extraChannel);
		addIfSet(headers, 'ExtraContext', fields.extraContext);
		addIfSet(headers, 'ExtraExten', fields.extraExten);
		addIfSet(headers, 'ExtraPriority', fields.extraPriority);
		return { action: 'Redirect', headers };
	});
}
