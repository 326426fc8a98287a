/**
 * A minimal n8n execute context for running a node's `execute` in a test: parameters with the
 * description's defaults (honouring displayOptions, as n8n does), credentials, continueOnFail and
 * getNode. Only what our nodes call is implemented; anything else throws, so a node that starts
 * using more of n8n fails its tests instead of passing by accident.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';

export type Parameters = Record<string, unknown>;

export interface ExecuteContextOptions {
	/** The node under test (its description supplies the defaults). */
	node: INodeType;
	/** Parameter values for every item. */
	parameters: Parameters;
	/** Per-item overrides (as expressions would give). */
	itemParameters?: (itemIndex: number) => Parameters;
	/** Input items (default one empty item). */
	items?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
}

export interface TestExecuteContext {
	context: IExecuteFunctions;
	/** Every getNodeParameter call, for assertions. */
	parameterReads: Array<{ name: string; itemIndex: number }>;
}

function shows(property: INodeProperties, value: (name: string) => unknown): boolean {
	const show = property.displayOptions?.show;
	const hide = property.displayOptions?.hide;
	if (show !== undefined) {
		for (const [name, allowed] of Object.entries(show)) {
			if (!Array.isArray(allowed)) continue;
			if (!allowed.includes(value(name) as never)) return false;
		}
	}
	if (hide !== undefined) {
		for (const [name, hidden] of Object.entries(hide)) {
			if (!Array.isArray(hidden)) continue;
			if (hidden.includes(value(name) as never)) return false;
		}
	}
	return true;
}

/** The parameter's value for an item: given, or the default of the property n8n would show. */
export function resolveParameter(
	properties: INodeProperties[],
	given: Parameters,
	name: string,
	seen: Set<string> = new Set(),
): unknown {
	if (Object.prototype.hasOwnProperty.call(given, name)) return given[name];
	if (seen.has(name)) return undefined;
	const nextSeen = new Set(seen).add(name);
	const value = (other: string): unknown => resolveParameter(properties, given, other, nextSeen);
	const property = properties.find((candidate) => candidate.name === name && shows(candidate, value));
	return property?.default;
}

/** getCredentials as n8n behaves: only a credential type the node declares, and only if set. */
export function declaredCredentials(
	node: INodeType,
	type: string,
	credentials: ICredentialDataDecryptedObject | undefined,
): ICredentialDataDecryptedObject {
	const declared = node.description.credentials?.some((credential) => credential.name === type) ?? false;
	if (!declared) throw new Error(`the node does not declare credential type ${type}`);
	if (credentials === undefined) throw new Error('no credentials set');
	return credentials;
}

export function createExecuteContext(options: ExecuteContextOptions): TestExecuteContext {
	const items = options.items ?? [{ json: {} }];
	const properties = options.node.description.properties;
	const parameterReads: TestExecuteContext['parameterReads'] = [];
	const node: INode = {
		id: 'test-node',
		name: options.node.description.defaults.name ?? options.node.description.displayName,
		type: `n8n-nodes-asterisk.${options.node.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
	};
	const parametersOf = (itemIndex: number): Parameters => ({ ...options.parameters, ...(options.itemParameters?.(itemIndex) ?? {}) });

	const implemented = {
		getInputData: (): INodeExecutionData[] => items,
		getNode: (): INode => node,
		continueOnFail: (): boolean => options.continueOnFail === true,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown): unknown => {
			parameterReads.push({ name, itemIndex });
			if (itemIndex < 0 || itemIndex >= items.length) throw new Error(`getNodeParameter(${name}): no item ${itemIndex}`);
			const value = resolveParameter(properties, parametersOf(itemIndex), name);
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return value;
		},
		getCredentials: async (type: string) => declaredCredentials(options.node, type, options.credentials),
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]): INodeExecutionData[] =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (
				data: INodeExecutionData[],
				meta: { itemData: { item: number } },
			): INodeExecutionData[] => data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
		},
	};

	const context = new Proxy(implemented, {
		get(target, property, receiver) {
			if (Reflect.has(target, property)) return Reflect.get(target, property, receiver);
			if (typeof property === 'symbol' || property === 'then') return undefined;
			throw new Error(`the test context does not implement ${String(property)}()`);
		},
	}) as unknown as IExecuteFunctions;

	return { context, parameterReads };
}

/** Run a node's execute with a fresh context; returns its first output. */
export async function runNode(options: ExecuteContextOptions): Promise<INodeExecutionData[]> {
	const { context } = createExecuteContext(options);
	const execute = options.node.execute;
	if (execute === undefined) throw new Error('the node has no execute()');
	const output = await execute.call(context);
	if (output === null || !Array.isArray(output)) throw new Error('execute() returned no output');
	return output[0] ?? [];
}
