import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { listUntil, ORIGINATE, RESPONSE, type AmiActionResult, type AmiCompletion, type AmiEventMask } from '../../core/ami';
import type { AmiSession } from '../../helpers/interfaces';
import { messageJson } from '../../helpers/items';
import { keyValues, parameterError, required, text } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/run';

const properties: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'action',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PJSIPShowEndpoint',
		description: 'Name of any AMI action ("manager show commands" on the Asterisk CLI lists them)',
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Header',
		description: 'Headers of the action, in order; a name may repeat (e.g. one Variable header per variable). ActionID is set by the node.',
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
						placeholder: 'e.g. Endpoint',
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
	{
		displayName: 'Completes',
		name: 'completion',
		type: 'options',
		options: [
			{
				name: 'At Its Response (or Its Event List)',
				value: 'response',
				description: 'The usual case: lists that announce "EventList: start" are collected to their end',
			},
			{
				name: 'At a Named Event',
				value: 'list',
				description: 'A list action that does not announce an EventList: collect events until the named one',
			},
			{
				name: 'At Its OriginateResponse',
				value: 'originate',
				description: 'An Originate with Async: true, which ends when the call is answered or fails',
			},
		],
		default: 'response',
	},
	{
		displayName: 'Complete Event',
		name: 'completeEvent',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. StatusComplete',
		description: 'Name of the event that ends the list',
		displayOptions: { show: { completion: ['list'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customAction'], operation: ['send'] } }, properties);

/** An OriginateResponse only reaches a connection that receives call events. */
export function connectionEvents(this: IExecuteFunctions): AmiEventMask {
	return this.getNodeParameter('completion', 0, 'response') === 'originate' ? ['call'] : 'off';
}

function completionOf(this: IExecuteFunctions, itemIndex: number): AmiCompletion {
	const completion = text.call(this, 'completion', itemIndex);
	if (completion === 'originate') return ORIGINATE;
	if (completion === 'list') return listUntil(required.call(this, 'completeEvent', itemIndex, 'Complete Event'));
	return RESPONSE;
}

/** A list action gives its events, one item each; any other action its response (and outcome). */
function format(result: AmiActionResult): IDataObject[] {
	if (result.events.length > 0) return result.events.map(messageJson);
	const json = messageJson(result.response);
	if (result.complete === undefined) return [json];
	// An OriginateResponse is the outcome of the action; an empty list gives no items.
	if (result.complete.event?.toLowerCase() === 'originateresponse') return [{ ...json, result: messageJson(result.complete) }];
	return [];
}

export async function execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(
		this,
		session,
		items,
		function (this: IExecuteFunctions, itemIndex: number) {
			const action = required.call(this, 'action', itemIndex, 'Action');
			const headers = keyValues(this.getNodeParameter('headers', itemIndex, {}), 'header');
			if (headers.some(([name]) => name.toLowerCase() === 'actionid')) {
				throw parameterError.call(this, 'Leave out the ActionID header: the node sets it to match the answer', itemIndex);
			}
			return { action, headers, completion: completionOf.call(this, itemIndex) };
		},
		format,
	);
}
