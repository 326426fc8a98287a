import type { INodeProperties } from 'n8n-workflow';

export const familyField: INodeProperties = {
	displayName: 'Family',
	name: 'family',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. blacklist',
	description: 'AstDB family (the first part of the key path)',
};

export const keyField: INodeProperties = {
	displayName: 'Key',
	name: 'key',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5551234',
	description: 'Key within the family',
};
