/** Fields several operations share. Each operation adds its own displayOptions. */
import type { INodeProperties } from 'n8n-workflow';

export function channelField(description: string, overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PJSIP/alice-00000012',
		description,
		...overrides,
	};
}

export const contextField: INodeProperties = {
	displayName: 'Context',
	name: 'context',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. from-internal',
	description: 'Dialplan context of the extension (a [section] of extensions.conf)',
};

export const extensionField: INodeProperties = {
	displayName: 'Extension',
	name: 'exten',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 100',
	description: 'Extension in the context: a phone number or an extension number',
};

export const priorityField: INodeProperties = {
	displayName: 'Priority',
	name: 'priority',
	type: 'string',
	default: '1',
	description: 'Priority (step) of the extension to start at: a number, or a label',
};

export const queueField: INodeProperties = {
	displayName: 'Queue',
	name: 'queue',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. support',
	description: 'Name of the queue (a [section] of queues.conf)',
};

export const interfaceField: INodeProperties = {
	displayName: 'Interface',
	name: 'interface',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. PJSIP/alice',
	description: 'The queue member: the device (or Local channel) its calls ring',
};

export function variablesField(description: string): INodeProperties {
	return {
		displayName: 'Channel Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Variable',
		description,
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. CRM_TICKET',
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
	};
}

/** The node-wide Options collection, shown for every operation. */
export const nodeOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Action Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10000,
			description: 'How long to wait for Asterisk to answer each action, in milliseconds',
		},
	],
};
