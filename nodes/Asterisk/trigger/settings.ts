/**
 * The trigger's parameters, read once at activation into plain ListenerSettings, and checked:
 * a filter that cannot compile (an invalid regex, a rule without a header) fails the activation
 * with a NodeOperationError naming the rule.
 */
import { NodeOperationError, type IDataObject, type ITriggerFunctions } from 'n8n-workflow';

import { FILTER_OPERATIONS, FilterConfigError, compileFilter, parseEventNames, type FilterOperation, type FilterOptions, type FilterRule } from './filter';
import type { ListenerSettings } from './listener';

function objectParameter(this: ITriggerFunctions, name: string): IDataObject {
	const value = this.getNodeParameter(name, {});
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

function count(value: unknown, fallback: number, min: number): number {
	const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(parsed) ? Math.max(min, Math.floor(parsed)) : fallback;
}

function isOperation(value: string): value is FilterOperation {
	return (FILTER_OPERATIONS as readonly string[]).includes(value);
}

function readRules(this: ITriggerFunctions): FilterRule[] {
	const rows = objectParameter.call(this, 'headerFilters').rules;
	if (!Array.isArray(rows)) return [];
	return rows.map((row, index) => {
		const entry = (typeof row === 'object' && row !== null ? row : {}) as IDataObject;
		const operation = text(entry.comparison) || 'equals';
		if (!isOperation(operation)) {
			throw new NodeOperationError(this.getNode(), `Header filter ${index + 1}: unknown operation "${operation}"`);
		}
		return { field: text(entry.field).trim(), operation, value: text(entry.value), ignoreCase: entry.ignoreCase === true };
	});
}

export function readTriggerSettings(this: ITriggerFunctions): ListenerSettings {
	const mode = this.getNodeParameter('mode', 'events') === 'callSummary' ? 'callSummary' : 'events';
	const options = objectParameter.call(this, 'options');
	const batchSize = count(options.batchSize, 1, 1);
	const settings: ListenerSettings = {
		mode,
		filter: { events: 'all' },
		serverFilter: options.serverFilter === true,
		eventClasses: stringList(options.eventClasses),
		batch: { maxItems: batchSize, maxWaitMs: batchSize > 1 ? count(options.batchWindowMs, 1000, 0) : 0 },
		summary: { graceMs: count(options.callEndGraceMs, 500, 0), maxCalls: count(options.maxCalls, 5000, 1) },
	};
	if (mode === 'callSummary') return settings;

	const match = objectParameter.call(this, 'match');
	const combine = this.getNodeParameter('combine', 'all') === 'any' ? 'any' : 'all';
	settings.filter = {
		events: parseEventNames(stringList(this.getNodeParameter('events', [])), text(this.getNodeParameter('customEvents', ''))),
		rules: readRules.call(this),
		combine,
		context: text(match.context),
		extension: text(match.extension),
		channelPattern: text(match.channelPattern),
		queue: text(match.queue),
	};
	const problem = filterProblem(settings.filter);
	if (problem !== undefined) {
		throw new NodeOperationError(this.getNode(), problem, { description: 'Fix the filter in the Asterisk Trigger parameters.' });
	}
	return settings;
}

/** Why the filter cannot compile (an invalid regex, a rule without a header), or undefined. */
function filterProblem(filter: FilterOptions): string | undefined {
	try {
		compileFilter(filter);
		return undefined;
	} catch (error) {
		return error instanceof FilterConfigError ? error.message : `Invalid filter: ${error instanceof Error ? error.message : String(error)}`;
	}
}
