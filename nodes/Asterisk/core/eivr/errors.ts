/**
 * The errors of the ExternalIVR core. Each has a stable `code` so the IVR nodes can explain it in
 * the user's words without searching message text.
 */

export type IvrErrorCode =
	| 'UNSAFE_COMMAND'
	| 'HANGUP'
	| 'CLOSED'
	| 'TIMEOUT'
	| 'NOT_ALLOWED'
	| 'LISTEN';

export class IvrError extends Error {
	readonly code: IvrErrorCode;

	constructor(code: IvrErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'IvrError';
		this.code = code;
	}
}

/**
 * A command the codec refused: nothing of it was written. `field` names the part that was refused
 * (`file`, `variable "X"`, `message`…); the value itself is not repeated, it may be what the caller
 * typed.
 */
export class IvrUnsafeCommandError extends IvrError {
	readonly command: string;
	readonly field: string;

	constructor(command: string, field: string, reason: string) {
		super('UNSAFE_COMMAND', `ExternalIVR ${command} command refused: ${field} ${reason}; nothing was sent`);
		this.name = 'IvrUnsafeCommandError';
		this.command = command;
		this.field = field;
	}
}

/** The call is over (far-end hangup, or the session ended) while an operation was waiting. */
export class IvrHangupError extends IvrError {
	constructor(message = 'the caller hung up') {
		super('HANGUP', message);
		this.name = 'IvrHangupError';
	}
}

/** The session or its socket is closed (exit, hangup command, socket loss, server close). */
export class IvrClosedError extends IvrError {
	constructor(message: string) {
		super('CLOSED', message);
		this.name = 'IvrClosedError';
	}
}

/** Asterisk did not answer a request (`P`, `G`) in time. */
export class IvrTimeoutError extends IvrError {
	constructor(message: string) {
		super('TIMEOUT', message);
		this.name = 'IvrTimeoutError';
	}
}
