import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { asteriskAmiApiTest } from './methods/credentialTest';

export class Asterisk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Asterisk',
		name: 'asterisk',
		icon: { light: 'file:asterisk.svg', dark: 'file:asterisk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Control an Asterisk PBX through AMI: place and transfer calls, manage queues, read and set variables, run CLI commands',
		defaults: { name: 'Asterisk' },
		usableAsTool: true,
		// The community rules require NodeConnectionTypes; the older nodes-base rules still ask for 'main'.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'asteriskAmiApi', required: true, testedBy: 'asteriskAmiApiTest' }],
		properties,
	};

	methods = { credentialTest: { asteriskAmiApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
