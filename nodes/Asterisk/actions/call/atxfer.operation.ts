import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { addIfSet, required, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { channelField, contextField, extensionField } from '../common.descriptions';

const properties: INodeProperties[] = [
	channelField('The channel that starts the attended transfer (the transferer)'),
	{ ...extensionField, description: 'Extension to call for the consultation' },
	{ ...contextField, required: false, description: "Context of the extension (default: the transferer's context)" },
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['atxfer'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const headers: Headers = [
			['Channel', required.call(this, 'channel', itemIndex, 'Channel')],
			['Exten', required.call(this, 'exten', itemIndex, 'Extension')],
		];
		addIfSet(headers, 'Context', text.call(this, 'context', itemIndex));
		return { action: 'Atxfer', headers };
	});
}
