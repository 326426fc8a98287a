import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { additionalFields, addBoolean, addIfSet, required, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';
import { interfaceField, queueField } from '../common.descriptions';

const properties: INodeProperties[] = [
	queueField,
	interfaceField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Member Name',
				name: 'memberName',
				type: 'string',
				default: '',
				description: 'Name shown for the member (e.g. the agent)',
			},
			{
				displayName: 'Paused',
				name: 'paused',
				type: 'boolean',
				default: false,
				description: 'Whether the member starts paused',
			},
			{
				displayName: 'Penalty',
				name: 'penalty',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Members with a lower penalty are rung first',
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				description: 'Pause reason, when the member starts paused',
			},
			{
				displayName: 'State Interface',
				name: 'stateInterface',
				type: 'string',
				default: '',
				description: 'Device whose state tells whether the member is busy (for a Local channel interface)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['addMember'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const fields = additionalFields.call(this, itemIndex);
		const headers: Headers = [
			['Queue', required.call(this, 'queue', itemIndex, 'Queue')],
			['Interface', required.call(this, 'interface', itemIndex, 'Interface')],
		];
		addIfSet(headers, 'MemberName', fields.memberName);
		addIfSet(headers, 'Penalty', fields.penalty);
		addBoolean(headers, 'Paused', fields.paused);
		addIfSet(headers, 'Reason', fields.reason);
		addIfSet(headers, 'StateInterface', fields.stateInterface);
		return { action: 'QueueAdd', headers };
	});
}
