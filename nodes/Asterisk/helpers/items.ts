/**
 * AMI messages as n8n items: Asterisk's header names as keys, repeated headers as arrays, and
 * every item paired with the input item it came from.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { AmiActionResult, AmiMessage } from '../core/ami';

/** Headers that only route a message on the wire: not data for a workflow. */
const WIRE_HEADERS = new Set(['actionid']);

/** The message's headers as JSON, without ActionID. */
export function messageJson(message: AmiMessage): IDataObject {
	const json: IDataObject = {};
	for (const [name, value] of Object.entries(message.toObject())) {
		if (WIRE_HEADERS.has(name.toLowerCase())) continue;
		json[name] = value;
	}
	return json;
}

/** The response of an action as one object. */
export function responseJson(result: AmiActionResult): IDataObject[] {
	return [messageJson(result.response)];
}

/** The item events of a list action, one object each (optionally only some event names). */
export function eventsJson(result: AmiActionResult, only?: ReadonlySet<string>): IDataObject[] {
	const events = only === undefined ? result.events : result.events.filter((event) => only.has((event.event ?? '').toLowerCase()));
	return events.map(messageJson);
}

export function pairedItems(objects: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return objects.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
