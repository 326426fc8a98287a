import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AmiActionResult, AmiCompletion } from '../core/ami';

/** One AMI action to send for one item. */
export interface AmiRequest {
	readonly action: string;
	/** In order; a name may repeat (one `Variable:` line per variable). */
	readonly headers: ReadonlyArray<readonly [string, string]>;
	/** How the action ends (default: its response, or its event list's end). */
	readonly completion?: AmiCompletion;
	/** Overrides the node's action timeout for this item, in milliseconds. */
	readonly timeoutMs?: number;
}

/** What an execution sends through: one pooled, logged-in connection. */
export interface AmiSession {
	send(request: AmiRequest): Promise<AmiActionResult>;
	/** The node's action timeout in milliseconds. */
	readonly timeoutMs: number;
}

/** Reads an item's parameters into a request; throws before anything is sent. */
export type BuildRequest = (this: IExecuteFunctions, itemIndex: number) => AmiRequest;

/** Turns a completed action into the output json of its item (several for lists). */
export type FormatResult = (this: IExecuteFunctions, result: AmiActionResult, itemIndex: number) => IDataObject[];
