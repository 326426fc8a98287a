import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { contextField, extensionField } from '../common.descriptions';

const properties: INodeProperties[] = [
	{ ...extensionField, description: 'Extension whose hint state to read' },
	{ ...contextField, description: 'Context of the extension (where its hint is defined)' },
];

export const description = updateDisplayOptions({ show: { resource: ['extension'], operation: ['extensionState'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return {
			action: 'ExtensionState',
			headers: [
				['Exten', required.call(this, 'exten', itemIndex, 'Extension')],
				['Context', required.call(this, 'context', itemIndex, 'Context')],
			],
		};
	});
}
