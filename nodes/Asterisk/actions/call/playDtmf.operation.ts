import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { additionalFields, addBoolean, addIfSet, parameterError, required, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { channelField } from '../common.descriptions';

const properties: INodeProperties[] = [
	channelField('The channel to play the DTMF digit on'),
	{
		displayName: 'Digit',
		name: 'digit',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5',
		description: 'One DTMF digit: 0-9, *, # or A-D',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Duration (Ms)',
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description: 'How long the digit lasts, in milliseconds',
			},
			{
				displayName: 'Receive',
				name: 'receive',
				type: 'boolean',
				default: false,
				description: 'Whether to emulate receiving the digit on the channel instead of sending it',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['playDtmf'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const digit = required.call(this, 'digit', itemIndex, 'Digit');
		if (!/^[0-9*#A-Da-d]$/.test(digit)) throw parameterError.call(this, `Digit must be one of 0-9, *, # or A-D, not "${digit}"`, itemIndex);
		const fields = additionalFields.call(this, itemIndex);
		const headers: Headers = [
			['Channel', required.call(this, 'channel', itemIndex, 'Channel')],
			['Digit', digit],
		];
		addIfSet(headers, 'Duration', fields.duration);
		addBoolean(headers, 'Receive', fields.receive);
		return { action: 'PlayDTMF', headers };
	});
}
