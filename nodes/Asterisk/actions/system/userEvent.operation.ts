import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { AmiSession } from '../../helpers/interfaces';
import { keyValues, required, type Headers } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';

const properties: INodeProperties[] = [
	{
		displayName: 'Event Name',
		name: 'userEvent',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. CrmUpdate',
		description: 'Name of the UserEvent every AMI client with the "user" read class receives',
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Header',
		description: 'Custom headers of the event',
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Ticket',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['system'], operation: ['userEvent'] } }, properties);

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, session, items, function (this: IExecuteFunctions, itemIndex: number) {
		const headers: Headers = [['UserEvent', required.call(this, 'userEvent', itemIndex, 'Event Name')]];
		headers.push(...keyValues(this.getNodeParameter('headers', itemIndex, {}), 'header'));
		return { action: 'UserEvent', headers };
	});
}
