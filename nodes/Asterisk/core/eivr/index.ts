/**
 * Public surface of the ExternalIVR core: the line codec, the listener and the per-call session.
 * Nothing here imports n8n; the IVR nodes build their turns on top of IvrServer and IvrSession.
 */
export * from './codec';
export { LineReader, DEFAULT_MAX_LINE_BYTES, type LineReaderItem } from './line-reader';
export { Allowlist, LOOPBACK_ONLY } from './allowlist';
export {
	type IvrSessionOptions,
	type IvrSessionState,
	type IvrSessionEvents,
	type IvrCloseReason,
	type IvrCloseInfo,
	type PlayOptions,
} from './session-types';
export { IvrSession } from './session';
export type { PlaybackOutcome, PlaybackResult } from './playlist';
export { collectSettings } from './digit-collection';
export type { CollectDigitsOptions, CollectDigitsResult, CollectEndReason } from './digit-collection';
export { IvrServer, DEFAULT_EIVR_PORT, type IvrServerOptions, type IvrServerEvents, type IvrRefusalReason } from './server';
export { IvrError, IvrUnsafeCommandError, IvrHangupError, IvrClosedError, IvrTimeoutError, type IvrErrorCode } from './errors';
