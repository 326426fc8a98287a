import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { addIfSet, parameterError, required, text, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { interfaceField, queueField } from '../common.descriptions';

const properties: INodeProperties[] = [
	interfaceField,
	{
		displayName: 'Penalty',
		name: 'penalty',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		required: true,
		description: 'New penalty: members with a lower penalty are rung first',
	},
	{ ...queueField, required: false, description: 'Queue to change the penalty in (empty: every queue the member is in)' },
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['setPenalty'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const penalty = Number(this.getNodeParameter('penalty', itemIndex, 0));
		if (!Number.isInteger(penalty) || penalty < 0) throw parameterError.call(this, 'Penalty must be a whole number, 0 or more', itemIndex);
		const headers: Headers = [
			['Interface', required.call(this, 'interface', itemIndex, 'Interface')],
			['Penalty', String(penalty)],
		];
		addIfSet(headers, 'Queue', text.call(this, 'queue', itemIndex));
		return { action: 'QueuePenalty', headers };
	});
}
