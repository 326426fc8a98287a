/**
 * resource/operation → operation module, with one pooled connection for the whole execution.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { AmiEventMask } from '../core/ami';
import type { AmiRequest, AmiSession } from '../helpers/interfaces';
import { positiveNumber } from '../helpers/parameters';
import { clientOptions, readCredentials } from '../transport/connect';
import { errorJson, toNodeError } from '../transport/errors';
import { amiPool, type AmiLease } from '../transport/pool';
import * as call from './call/Call.resource';
import * as channel from './channel/Channel.resource';
import * as customAction from './customAction/CustomAction.resource';
import * as database from './database/Database.resource';
import * as extension from './extension/Extension.resource';
import type { AsteriskType } from './node.type';
import * as queue from './queue/Queue.resource';
import * as system from './system/System.resource';
import * as variable from './variable/Variable.resource';

export interface OperationModule {
	execute(this: IExecuteFunctions, session: AmiSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
	/** Event classes the connection must receive (default none). */
	connectionEvents?(this: IExecuteFunctions): AmiEventMask;
}

type OperationsOf<R extends AsteriskType['resource']> = Extract<AsteriskType, { resource: R }>['operation'];

/** A resource module's operations: everything it exports but its description. */
function operationsOf<M extends { description: unknown }>(resourceModule: M): Omit<M, 'description'> {
	const operations: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(resourceModule)) if (name !== 'description') operations[name] = value;
	return operations as Omit<M, 'description'>;
}

/** Every resource and operation of node.type.ts, checked by the compiler to have a module. */
const RESOURCES: { readonly [R in AsteriskType['resource']]: { readonly [O in OperationsOf<R>]: OperationModule } } = {
	call: operationsOf(call),
	channel: operationsOf(channel),
	customAction: operationsOf(customAction),
	database: operationsOf(database),
	extension: operationsOf(extension),
	queue: operationsOf(queue),
	system: operationsOf(system),
	variable: operationsOf(variable),
};

export const CREDENTIAL_TYPE = 'asteriskAmiApi';
export const DEFAULT_ACTION_TIMEOUT_MS = 10_000;

function operationModule(this: IExecuteFunctions, resource: string, operation: string): OperationModule {
	const operations = (RESOURCES as Readonly<Record<string, Readonly<Record<string, OperationModule>> | undefined>>)[resource];
	const module = operations !== undefined && Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
	if (module === undefined || typeof module.execute !== 'function') {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return module;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = operationModule.call(this, resource, operation);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const timeoutMs = positiveNumber(options.timeout) ?? DEFAULT_ACTION_TIMEOUT_MS;

	const credentials = readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	const events = module.connectionEvents?.call(this) ?? 'off';
	let lease: AmiLease;
	try {
		lease = await amiPool.acquire(clientOptions(credentials, { events, actionTimeoutMs: timeoutMs }));
	} catch (error) {
		// Without a connection no item can run: every item carries the error, or the node fails.
		const context = { secrets: [credentials.secret] };
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, context);
		return [items.map((_, itemIndex) => ({ json: errorJson(error, context), pairedItem: { item: itemIndex } }))];
	}

	const client = lease.client;
	const session: AmiSession = {
		timeoutMs,
		send: (request: AmiRequest) =>
			client.action(request.action, request.headers, { timeoutMs: request.timeoutMs ?? timeoutMs, completion: request.completion }),
	};
	try {
		return [await module.execute.call(this, session, items)];
	} finally {
		lease.release();
	}
}
