/**
 * The ExternalIVR line codec: event lines from Asterisk in, command lines to Asterisk out.
 * Events and commands live in their own files (they share nothing but the line format); this
 * module is the one place the rest of the core imports them from.
 */
export {
	type DtmfDigit,
	type IvrEvent,
	type IvrEventType,
	type DtmfEvent,
	type FinishedEvent,
	type StoppedEvent,
	type DroppedEvent,
	type FailedEvent,
	type ParamsEvent,
	type VariablesEvent,
	type ExitEvent,
	type HangupEvent,
	type InformEvent,
	type UnknownEvent,
	isDtmfDigit,
	MAX_VARIABLES_ANSWER_BYTES,
	parseEvent,
	parseVariables,
} from './events';
export {
	type IvrCommand,
	type IvrCommandType,
	type IvrOption,
	MAX_COMMAND_BYTES,
	formatCommand,
	serializeCommand,
} from './commands';
