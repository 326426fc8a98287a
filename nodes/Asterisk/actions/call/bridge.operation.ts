import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required, text } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';

const properties: INodeProperties[] = [
	{
		displayName: 'Channel 1',
		name: 'channel1',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PJSIP/alice-00000012',
		description: 'First channel to bridge',
	},
	{
		displayName: 'Channel 2',
		name: 'channel2',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PJSIP/bob-00000013',
		description: 'Second channel to bridge with the first',
	},
	{
		displayName: 'Courtesy Tone',
		name: 'tone',
		type: 'options',
		options: [
			{ name: 'None', value: 'no' },
			{ name: 'To Channel 1', value: 'Channel1' },
			{ name: 'To Channel 2', value: 'Channel2' },
			{ name: 'To Both', value: 'Both' },
		],
		default: 'no',
		description: 'Who hears a tone when the bridge is made',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['bridge'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return {
			action: 'Bridge',
			headers: [
				['Channel1', required.call(this, 'channel1', itemIndex, 'Channel 1')],
				['Channel2', required.call(this, 'channel2', itemIndex, 'Channel 2')],
				['Tone', text.call(this, 'tone', itemIndex) || 'no'],
			],
		};
	});
}
