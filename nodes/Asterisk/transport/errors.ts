/**
 * Core errors in the user's words. Classified by the core's stable `code`, never by message text;
 * secrets are scrubbed from every message on the way out.
 */
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { AmiActionError, AmiError, AmiUnsafeActionError } from '../core/ami';
import { permissionAdvice } from './write-classes';

export interface ErrorContext {
	/** The AMI action the item was sending. */
	readonly action?: string;
	readonly itemIndex?: number;
	/** Values to blank out of any message (the credential's secret). */
	readonly secrets?: readonly string[];
}

export interface DescribedError {
	/** Short, what went wrong. */
	readonly message: string;
	/** What to do about it. */
	readonly description?: string;
	/** The core's error code, when it came from the core. */
	readonly code?: string;
	/** Asterisk's own `Message`, when Asterisk answered. */
	readonly asteriskMessage?: string;
}

/** A connection or login failure, in the words the credential test shows. */
export function describeConnectionError(error: unknown): DescribedError {
	if (!(error instanceof AmiError)) {
		return { message: `Could not connect to Asterisk: ${error instanceof Error ? error.message : String(error)}` };
	}
	const code = error.code;
	switch (code) {
		case 'CONNECTION_REFUSED':
			return { code, message: 'Connection refused', description: error.message };
		case 'CONNECT_TIMEOUT':
			return { code, message: 'Connection timed out', description: error.message };
		case 'AUTHENTICATION':
			return { code, message: 'Authentication failed', description: error.message };
		case 'TLS':
			// The core already tells a plain-text answer (the plain AMI port) from a certificate problem.
			return { code, message: 'TLS error', description: error.message };
		case 'NOT_AMI':
			return {
				code,
				message: 'Not an AMI server',
				description: `${error.message} (the server did not greet with "Asterisk Call Manager/…": check the host and port)`,
			};
		default:
			return { code, message: 'Could not connect to Asterisk', description: error.message };
	}
}

/** Any error of an item, explained. */
export function describeError(error: unknown, context: ErrorContext = {}): DescribedError {
	if (error instanceof NodeOperationError) {
		return { message: error.message, description: error.description ?? undefined };
	}
	if (error instanceof AmiUnsafeActionError) {
		return {
			code: error.code,
			message: `The value of "${error.header}" cannot be sent to Asterisk`,
			description: `${error.message}. Remove line breaks (CR or LF) from the value.`,
		};
	}
	if (error instanceof AmiActionError) {
		const action = error.action;
		if (error.code === 'PERMISSION_DENIED') {
			return {
				code: error.code,
				asteriskMessage: error.asteriskMessage,
				message: `Permission denied for ${action}`,
				description: `Asterisk answered "${error.asteriskMessage}". ${permissionAdvice(action)}.`,
			};
		}
		// Command answers an unknown CLI command with `Response: Error` and the reason as Output.
		const output = error.response.getAll('Output').filter((line) => line.trim() !== '');
		const reason = output.length > 0 ? output.join(' / ') : error.asteriskMessage;
		return {
			code: error.code,
			asteriskMessage: reason,
			message: `Asterisk refused ${action}: ${reason}`,
			description: `Asterisk answered ${action} with "Response: ${error.response.response ?? 'Error'}" and "Message: ${error.asteriskMessage}".`,
		};
	}
	if (error instanceof AmiError) {
		switch (error.code) {
			case 'ACTION_TIMEOUT':
				return {
					code: error.code,
					message: `${context.action ?? 'The action'} timed out`,
					description: `${error.message}. Raise the node's Action Timeout option, or check that Asterisk is not stalled (a synchronous Originate blocks its session).`,
				};
			case 'DISCONNECTED':
			case 'CLOSED':
			case 'NOT_CONNECTED':
				return { code: error.code, message: `${context.action ?? 'The action'} was not completed: the connection to Asterisk was lost`, description: error.message };
			default: {
				const connection = describeConnectionError(error);
				return { ...connection, message: `${connection.message} (Asterisk AMI)` };
			}
		}
	}
	return { message: error instanceof Error ? error.message : String(error) };
}

/** Blank out secrets (of 4 characters or more) wherever they appear. */
export function scrub(text: string, secrets: readonly string[] | undefined): string {
	let result = text;
	for (const secret of secrets ?? []) {
		if (secret.length >= 4) result = result.split(secret).join('***');
	}
	return result;
}

function withItem(message: string, itemIndex: number | undefined): string {
	return itemIndex === undefined ? message : `${message} [item ${itemIndex}]`;
}

/** A NodeOperationError for the item (or the whole execution when itemIndex is undefined). */
export function toNodeError(node: INode, error: unknown, context: ErrorContext = {}): NodeOperationError {
	// Our own parameter errors already say what is wrong (and carry no secret).
	if (error instanceof NodeOperationError) return error;
	const described = describeError(error, context);
	return new NodeOperationError(node, withItem(scrub(described.message, context.secrets), context.itemIndex), {
		description: described.description === undefined ? undefined : scrub(described.description, context.secrets),
		itemIndex: context.itemIndex,
	});
}

/** The json of an error item (continueOnFail). */
export function errorJson(error: unknown, context: ErrorContext = {}): IDataObject {
	const described = describeError(error, context);
	const json: IDataObject = { error: scrub(described.message, context.secrets) };
	if (described.description !== undefined) json.description = scrub(described.description, context.secrets);
	if (context.action !== undefined) json.action = context.action;
	if (described.code !== undefined) json.code = described.code;
	if (described.asteriskMessage !== undefined) json.asteriskMessage = described.asteriskMessage;
	return json;
}
