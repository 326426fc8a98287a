import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { AmiClient } from './core/ami';
import { asteriskAmiApiTest } from './methods/credentialTest';
import { triggerClientOptions } from './trigger/connection';
import { triggerProperties } from './trigger/description';
import { AsteriskEventListener } from './trigger/listener';
import { readTriggerSettings } from './trigger/settings';
import { readCredentials } from './transport/connect';
import { scrub, toNodeError } from './transport/errors';

export class AsteriskTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Asterisk Trigger',
		name: 'asteriskTrigger',
		icon: { light: 'file:asterisk.svg', dark: 'file:asterisk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "callSummary" ? "Call summaries" : "Events"}}',
		description: 'Starts the workflow on Asterisk AMI events (hangups, queue abandons, dials…) or once per finished call',
		defaults: { name: 'Asterisk Trigger' },
		inputs: [],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'asteriskAmiApi', required: true, testedBy: 'asteriskAmiApiTest' }],
		properties: triggerProperties,
	};

	methods = { credentialTest: { asteriskAmiApiTest } };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const settings = readTriggerSettings.call(this);
		const credentials = readCredentials(await this.getCredentials('asteriskAmiApi'));
		const secrets = [credentials.secret];
		const node = this.getNode();
		const clean = (message: string): string => scrub(message, secrets);
		const listener = new AsteriskEventListener(new AmiClient(triggerClientOptions(credentials)), settings, {
			emit: (items) => this.emit([items.map((json) => ({ json: json as IDataObject }))]),
			log: {
				debug: (message) => this.logger.debug(clean(message)),
				info: (message) => this.logger.info(clean(message)),
				warn: (message) => this.logger.warn(clean(message)),
				error: (message) => this.logger.error(clean(message)),
			},
			fatal: (error) => this.emitError(toNodeError(node, error, { secrets })),
		});
		try {
			await listener.start();
		} catch (error) {
			throw toNodeError(node, error, { secrets });
		}
		if (this.getMode() !== 'manual') listener.arm('stream');
		return {
			closeFunction: async () => await listener.stop(),
			// "Listen for test event": the first matching event (or finished call) alone.
			manualTriggerFunction: async () => listener.arm('once'),
		};
	}
}
