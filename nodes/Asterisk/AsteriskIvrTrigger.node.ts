import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteResponsePromiseData,
	type INodeType,
	type INodeTypeDescription,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { asteriskExternalIvrApiTest } from './ivr/credential-test';
import { dialplanLine } from './ivr/dialplan-line';
import { IvrTurnListener } from './ivr/listener';
import { ivrTriggerProperties } from './ivr/trigger-description';
import { readIvrTriggerSettings, readToken } from './ivr/trigger-settings';

export class AsteriskIvrTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Asterisk IVR Trigger',
		name: 'asteriskIvrTrigger',
		icon: { light: 'file:asterisk.svg', dark: 'file:asterisk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"port " + $parameter["port"]}}',
		description: "Runs an IVR menu as a workflow: Asterisk's ExternalIVR connects, and each turn of the call starts an execution",
		defaults: { name: 'Asterisk IVR Trigger' },
		inputs: [],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'asteriskExternalIvrApi', required: true, testedBy: 'asteriskExternalIvrApiTest' }],
		properties: ivrTriggerProperties,
	};

	methods = { credentialTest: { asteriskExternalIvrApiTest } };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const token = readToken.call(this, await this.getCredentials('asteriskExternalIvrApi'));
		const settings = readIvrTriggerSettings.call(this, token);
		const listener = new IvrTurnListener(settings, {
			emitTurn: (data) => {
				const response = this.helpers.createDeferredPromise<IExecuteResponsePromiseData>();
				const done = this.helpers.createDeferredPromise<IRun>();
				this.emit([[{ json: data }]], response, done);
				return { response: response.promise, done: done.promise };
			},
			log: {
				debug: (message) => this.logger.debug(message),
				info: (message) => this.logger.info(message),
				warn: (message) => this.logger.warn(message),
			},
		});
		try {
			const address = await listener.listen();
			const line = dialplanLine({ host: '<this n8n host>', port: address.port, token: '<token>' });
			this.logger.info(`Asterisk IVR Trigger listening on ${address.address}:${address.port}; dialplan: ${line}`);
		} catch (error) {
			await listener.stop();
			throw new NodeOperationError(this.getNode(), error instanceof Error ? error.message : String(error), {
				description: 'Is another workflow (or program) listening on this port? Each Asterisk IVR Trigger needs its own port.',
			});
		}
		return {
			closeFunction: async () => await listener.stop(),
			// "Listen for test event": calls are served as they come; the editor keeps the first turn.
			manualTriggerFunction: async () => undefined,
		};
	}
}
