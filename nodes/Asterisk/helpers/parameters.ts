/**
 * Reading an item's parameters into AMI headers. Values go to Asterisk as the user typed them;
 * only names are trimmed. Empty optional values are left out rather than sent empty.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

export type Headers = Array<[string, string]>;

/** A parameter error of one item, naming the item. */
export function parameterError(this: IExecuteFunctions, message: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), `${message} [item ${itemIndex}]`, { itemIndex });
}

function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

/** A string parameter ('' when unset). */
export function text(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return asText(this.getNodeParameter(name, itemIndex, ''));
}

/** A string parameter that must not be empty (trimmed: names, channels, queues). */
export function required(this: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = text.call(this, name, itemIndex).trim();
	if (value === '') throw parameterError.call(this, `${label} is required`, itemIndex);
	return value;
}

export function flag(this: IExecuteFunctions, name: string, itemIndex: number, fallback = false): boolean {
	const value = this.getNodeParameter(name, itemIndex, fallback);
	return value === true || value === 'true';
}

/** The `additionalFields` collection of the item. */
export function additionalFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const value = this.getNodeParameter('additionalFields', itemIndex, {});
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** Add `name: value` unless the value is empty (undefined, '', or whitespace only). */
export function addIfSet(headers: Headers, name: string, value: unknown): void {
	const valueText = asText(value);
	if (valueText.trim() === '') return;
	headers.push([name, valueText]);
}

/** Add a yes/no header for a boolean that was set. */
export function addBoolean(headers: Headers, name: string, value: unknown): void {
	if (typeof value !== 'boolean') return;
	headers.push([name, value ? 'true' : 'false']);
}

/** `[{name, value}]` rows of a key/value fixedCollection. */
export function keyValues(collection: unknown, rowsKey: string): Array<[string, string]> {
	if (typeof collection !== 'object' || collection === null) return [];
	const rows = (collection as IDataObject)[rowsKey];
	if (!Array.isArray(rows)) return [];
	const pairs: Array<[string, string]> = [];
	for (const row of rows) {
		if (typeof row !== 'object' || row === null) continue;
		const entry = row as IDataObject;
		const name = asText(entry.name).trim();
		if (name === '') continue;
		pairs.push([name, asText(entry.value)]);
	}
	return pairs;
}

/** Milliseconds from a number parameter, or undefined when unset or not positive. */
export function positiveNumber(value: unknown): number | undefined {
	const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}
