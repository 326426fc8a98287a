import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiActionResult } from '../../core/ami';
import type { AmiSession } from '../../helpers/interfaces';
import { messageJson } from '../../helpers/items';
import { required } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';

const properties: INodeProperties[] = [
	{
		displayName: 'Command',
		name: 'command',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. core show channels',
		description: 'Asterisk CLI command to run',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['system'], operation: ['command'] } }, properties);

/**
 * The CLI output as `lines` and as `text`, whichever format Asterisk used: one `Output:` header
 * per line (Asterisk 14 and later) or `Response: Follows` raw text (13 and earlier), which the
 * parser already turns into Output headers.
 */
export function commandJson(result: AmiActionResult): IDataObject[] {
	const json = messageJson(result.response);
	const lines = result.response.getAll('Output');
	for (const key of Object.keys(json)) if (key.toLowerCase() === 'output') delete json[key];
	return [{ ...json, lines, text: lines.join('\n') }];
}

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(
		this,
		session,
		items,
		function (this: IExecuteFunctions, itemIndex: number) {
			return { action: 'Command', headers: [['Command', required.call(this, 'command', itemIndex, 'Command')]] };
		},
		commandJson,
	);
}
