/**
 * The dialplan side of the contract: the line to paste, the ExternalIVR arguments it passes, and
 * the shared token those arguments carry.
 *
 * ExternalIVR has no greeting and no authentication; `P` is the only way a socket server learns
 * the arguments. The token goes first: `${CALLERID(num)}` comes from the caller's side and could
 * hold a comma, which Asterisk would split into two arguments; behind the token it can shift only
 * the arguments that follow it, never the token itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const DEFAULT_IVR_PORT = 2949;

/** What a token may be made of: it is pasted into the dialplan, inside ExternalIVR's argument list. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]+$/;
export const TOKEN_MIN_LENGTH = 16;
export const TOKEN_MAX_LENGTH = 128;

export interface DialplanLineOptions {
	readonly host: string;
	readonly port: number;
	readonly token: string;
	/** ExternalIVR options; default `i` (a hangup is told to us, and we end the call). */
	readonly options?: string;
}

/** `same => n,ExternalIVR(ivr://host:port(TOKEN,${UNIQUEID},${CALLERID(num)}),i)` */
export function dialplanLine(options: DialplanLineOptions): string {
	const host = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
	const flags = options.options ?? 'i';
	const args = `${options.token},\${UNIQUEID},\${CALLERID(num)}`;
	return `same => n,ExternalIVR(ivr://${host}:${options.port}(${args})${flags === '' ? '' : `,${flags}`})`;
}

export interface IvrArguments {
	readonly token: string;
	readonly uniqueId: string;
	readonly callerNumber: string;
	/** Every argument after the token (uniqueId and callerNumber included). */
	readonly rest: string[];
}

/** The `P` answer's arguments (the URL already removed), in the order dialplanLine writes them. */
export function readArguments(args: readonly string[]): IvrArguments {
	const [token = '', ...rest] = args;
	return { token: token.trim(), uniqueId: (rest[0] ?? '').trim(), callerNumber: (rest[1] ?? '').trim(), rest: rest.map((arg) => arg.trim()) };
}

/** Why the token cannot be used, or undefined when it can. */
export function tokenProblem(token: string): string | undefined {
	if (token === '') return 'The token is empty';
	if (token.length < TOKEN_MIN_LENGTH) return `The token is ${token.length} characters long; use at least ${TOKEN_MIN_LENGTH}`;
	if (token.length > TOKEN_MAX_LENGTH) return `The token is longer than ${TOKEN_MAX_LENGTH} characters`;
	if (!TOKEN_PATTERN.test(token)) {
		return 'The token may hold only letters, digits and . _ ~ - (it is pasted into the dialplan, where , ( ) $ { } and spaces have a meaning)';
	}
	return undefined;
}

/** Constant-time comparison (of digests, so the lengths need not match). */
export function tokenMatches(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) && expected !== '';
}
