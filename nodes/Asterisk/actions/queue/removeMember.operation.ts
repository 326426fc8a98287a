import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { required } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { interfaceField, queueField } from '../common.descriptions';

const properties: INodeProperties[] = [queueField, interfaceField];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['removeMember'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		return {
			action: 'QueueRemove',
			headers: [
				['Queue', required.call(this, 'queue', itemIndex, 'Queue')],
				['Interface', required.call(this, 'interface', itemIndex, 'Interface')],
			],
		};
	});
}
