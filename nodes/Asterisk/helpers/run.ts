/**
 * Items in, items out, with every action of the execution in flight at once on one connection.
 *
 * 1. Build every item's request. A bad parameter or a value that cannot be sent safely (CR/LF)
 *    stops the execution here, before a single action is sent (or, with continueOnFail, marks
 *    only that item).
 * 2. Send them all without waiting: the client writes them in one batch and matches answers by
 *    ActionID.
 * 3. Emit the items in input order, each paired with its input item; an error becomes an error
 *    item (continueOnFail) or a NodeOperationError naming the item.
 *
 * Without continueOnFail the first failed item fails the node, but the items after it were
 * already sent: that is the price of pipelining, and why parameters are all checked first.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { serializeAction, type AmiActionResult } from '../core/ami';
import { errorJson, toNodeError } from '../transport/errors';
import type { AmiRequest, AmiSession, BuildRequest, FormatResult } from './interfaces';
import { pairedItems, responseJson } from './items';

type Prepared = { readonly request: AmiRequest } | { readonly error: unknown };

/** Throws AmiUnsafeActionError (naming the header) if the request could not be sent as is. */
export function checkRequest(request: AmiRequest): void {
	serializeAction(request.action, request.headers);
}

export async function runPerItem(
	this: IExecuteFunctions,
	session: AmiSession,
	items: INodeExecutionData[],
	build: BuildRequest,
	format: FormatResult = responseJson,
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const node = this.getNode();

	const prepared: Prepared[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let request: AmiRequest | undefined;
		try {
			request = build.call(this, itemIndex);
			checkRequest(request);
			prepared.push({ request });
		} catch (error) {
			if (!continueOnFail) throw toNodeError(node, error, { itemIndex, action: request?.action });
			prepared.push({ error });
		}
	}

	const settled = await Promise.allSettled(
		prepared.map((entry) => ('request' in entry ? session.send(entry.request) : Promise.reject(entry.error))),
	);

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < settled.length; itemIndex++) {
		const outcome = settled[itemIndex];
		const entry = prepared[itemIndex];
		const action = 'request' in entry ? entry.request.action : undefined;
		try {
			if (outcome.status === 'rejected') throw outcome.reason;
			const result: AmiActionResult = outcome.value;
			output.push(...pairedItems(format.call(this, result, itemIndex), itemIndex));
		} catch (error) {
			if (!continueOnFail) throw toNodeError(node, error, { itemIndex, action });
			output.push({ json: errorJson(error, { itemIndex, action }), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}
