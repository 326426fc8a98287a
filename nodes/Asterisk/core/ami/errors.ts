/**
 * The errors of the AMI core. Each has a stable `code` so callers (the n8n nodes) can explain it
 * in the user's words without searching message text. No error ever carries a secret: messages
 * name headers, never their values, unless the value is known to be harmless.
 */
import type { AmiMessage } from './message';

export type AmiErrorCode =
	| 'PROTOCOL'
	| 'NOT_AMI'
	| 'UNSAFE_ACTION'
	| 'CONNECT_TIMEOUT'
	| 'CONNECTION_REFUSED'
	| 'CONNECTION'
	| 'TLS'
	| 'AUTHENTICATION'
	| 'ACTION_TIMEOUT'
	| 'ACTION_FAILED'
	| 'PERMISSION_DENIED'
	| 'DISCONNECTED'
	| 'NOT_CONNECTED'
	| 'KEEPALIVE'
	| 'CLOSED';

export class AmiError extends Error {
	readonly code: AmiErrorCode;

	constructor(code: AmiErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'AmiError';
		this.code = code;
	}
}

/** What the parser reports when the peer sends something it will not hold. */
export type AmiProtocolViolation = 'LINE_TOO_LONG' | 'MESSAGE_TOO_LARGE' | 'NOT_AMI';

export class AmiProtocolError extends AmiError {
	readonly violation: AmiProtocolViolation;
	/** Bytes discarded because of the violation (known once the parser has resynchronised). */
	readonly bytesSkipped: number;

	constructor(violation: AmiProtocolViolation, message: string, bytesSkipped = 0) {
		super(violation === 'NOT_AMI' ? 'NOT_AMI' : 'PROTOCOL', message);
		this.name = 'AmiProtocolError';
		this.violation = violation;
		this.bytesSkipped = bytesSkipped;
	}
}

/** A message the serializer refused: nothing of it was written. */
export class AmiUnsafeActionError extends AmiError {
	/** The header that was refused (its name, never its value). */
	readonly header: string;

	constructor(header: string, reason: string) {
		super('UNSAFE_ACTION', `AMI header "${header}" refused: ${reason}; nothing was sent`);
		this.name = 'AmiUnsafeActionError';
		this.header = header;
	}
}

/** Asterisk answered `Response: Error` (or a failed OriginateResponse). */
export class AmiActionError extends AmiError {
	readonly action: string;
	/** Asterisk's own `Message` text. */
	readonly asteriskMessage: string;
	readonly response: AmiMessage;

	constructor(action: string, response: AmiMessage, code: AmiErrorCode = 'ACTION_FAILED') {
		const asteriskMessage = response.get('Message') ?? response.response ?? 'no message';
		super(code, `Asterisk refused ${action}: ${asteriskMessage}`);
		this.name = 'AmiActionError';
		this.action = action;
		this.asteriskMessage = asteriskMessage;
		this.response = response;
	}
}
