import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { required, text, type Headers } from '../../helpers/parameters';

export const scopeFields: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'Channel', value: 'channel', description: 'A variable of one live channel' },
			{ name: 'Global', value: 'global', description: 'A global variable of the dialplan' },
		],
		default: 'global',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PJSIP/alice-00000012',
		description: 'The live channel that holds the variable',
		displayOptions: { show: { scope: ['channel'] } },
	},
];

/** `Channel:` for a channel variable, nothing for a global one. */
export function scopeHeaders(this: IExecuteFunctions, itemIndex: number): Headers {
	if (text.call(this, 'scope', itemIndex) !== 'channel') return [];
	return [['Channel', required.call(this, 'channel', itemIndex, 'Channel')]];
}
