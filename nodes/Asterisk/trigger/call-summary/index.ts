/** Call summary mode: one item per finished call, built from the AMI events of its Linkedid. */
export { CallTracker, eventTime } from './tracker';
export type { CallTrackerOptions, CallTrackerStats } from './tracker';
export { buildSummary, dialTarget } from './summary';
export type { CallSummary, CallSummaryChannel, IncompleteReason } from './summary';
export { decideDisposition, fromDialStatuses, queueResult } from './disposition';
export type { Disposition, DispositionFacts, QueueOutcomeFacts, QueueResult } from './disposition';
export { HANGUP_CAUSES, hangupCause } from './hangup-causes';
export type { HangupCause } from './hangup-causes';
export { CALL_SUMMARY_EVENTS } from './events';
