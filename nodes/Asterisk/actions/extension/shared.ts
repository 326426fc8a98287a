import type { INodeProperties } from 'n8n-workflow';

export const mailboxField: INodeProperties = {
	displayName: 'Mailbox',
	name: 'mailbox',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 100@default',
	description: 'Voicemail box as mailbox@context',
};
