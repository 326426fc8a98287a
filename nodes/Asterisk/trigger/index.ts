/**
 * The Asterisk Trigger's pure parts: no sockets, no n8n. The node (AsteriskTrigger.node.ts)
 * compiles the user's settings once, then for each AMI event:
 *
 *   const filter = compileFilter({ events: parseEventNames(picked, custom), rules, combine });
 *   const plan = buildServerFilter(settings, { keepEvents: summary ? CALL_SUMMARY_EVENTS : [] });
 *   for (const f of serverFilterActions(plan)) await client.action('Filter', f);  // optional
 *   client.on('event', (m) => {
 *     if (filter.matches(m)) batcher.push(toEventItem(m));        // event mode
 *     for (const s of tracker.observe(m)) batcher.push(s);        // call summary mode
 *   });
 */
export {
	FILTER_OPERATIONS,
	FilterConfigError,
	compileFilter,
	convenienceRules,
	escapeRegExp,
	globToRegexSource,
	parseEventNames,
} from './filter';
export type { EventFilter, EventSelection, FilterOperation, FilterOptions, FilterRule } from './filter';
export { MAX_FILTER_PATTERN_BYTES, buildServerFilter, caselessEre, escapeEre, serverFilterActions } from './server-filter';
export type { ServerFilterOptions, ServerFilterPlan } from './server-filter';
export { gatherChanVariables, isChanVariableHeader, toEventItem } from './event-item';
export type { EventItem, EventItemOptions, JsonValue } from './event-item';
export { Batcher } from './batcher';
export type { BatcherOptions, BatcherTimers } from './batcher';
export * from './call-summary';
