import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { buildAnswer } from './ivr/answer-parameters';
import { ivrProperties } from './ivr/ivr-description';

// Not usableAsTool: answering a turn goes through the trigger's response promise (sendResponse),
// which an AI tool call does not have.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class AsteriskIvr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Asterisk IVR',
		name: 'asteriskIvr',
		icon: { light: 'file:asterisk.svg', dark: 'file:asterisk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ {collectDigits: "Collect digits", waitForPlayback: "Wait for playback", returnToDialplan: "Return to dialplan", hangup: "Hang up"}[$parameter["ending"]] }}',
		description: 'Answers the current turn of an Asterisk IVR Trigger call: play files, set variables, then collect digits, return to the dialplan or hang up',
		defaults: { name: 'Asterisk IVR' },
		// The community rules require NodeConnectionTypes; the older nodes-base rules still ask for 'main'.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		properties: ivrProperties,
	};

	/**
	 * The answer is built from the first item (n8n delivers only the first answer of an execution,
	 * as with Respond to Webhook); every item passes through, paired with itself.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const passThrough = items.map((item, index): INodeExecutionData => ({ ...item, pairedItem: { item: index } }));
		if (items.length === 0) return [passThrough];
		try {
			const answer = buildAnswer.call(this, 0);
			await this.sendResponse(answer as unknown as IDataObject);
		} catch (error) {
			const failure =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), `Could not answer the IVR turn: ${error instanceof Error ? error.message : String(error)}`, {
							itemIndex: 0,
						});
			if (!this.continueOnFail()) throw failure;
			return [[{ json: { error: failure.message }, pairedItem: { item: 0 } }, ...passThrough.slice(1)]];
		}
		return [passThrough];
	}
}
