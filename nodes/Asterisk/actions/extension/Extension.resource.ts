import type { INodeProperties } from 'n8n-workflow';

import * as deviceStateList from './deviceStateList.operation';
import * as extensionState from './extensionState.operation';
import * as mailboxCount from './mailboxCount.operation';
import * as mailboxStatus from './mailboxStatus.operation';

export { deviceStateList, extensionState, mailboxCount, mailboxStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['extension'] } },
		options: [
			{
				name: 'Get Extension State',
				value: 'extensionState',
				description: 'Whether an extension is idle, in use, ringing or unavailable, from its hint (ExtensionState)',
				action: 'Get the state of an extension',
			},
			{
				name: 'Get Mailbox Counts',
				value: 'mailboxCount',
				description: 'Number of new, old and urgent voicemail messages (MailboxCount)',
				action: 'Count the messages in a mailbox',
			},
			{
				name: 'Get Mailbox Status',
				value: 'mailboxStatus',
				description: 'Whether a mailbox has messages waiting (MailboxStatus)',
				action: 'Check whether a mailbox has messages waiting',
			},
			{
				name: 'List Device States',
				value: 'deviceStateList',
				description: 'The state of every device, one item each (DeviceStateList)',
				action: 'List device states',
			},
		],
		default: 'extensionState',
	},
	...deviceStateList.description,
	...extensionState.description,
	...mailboxCount.description,
	...mailboxStatus.description,
];
