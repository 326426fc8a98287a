import type { AmiAuthType, AmiEventMask } from './login';
import type { RetryStrategy } from './retry';

export interface AmiTlsOptions {
	/** PEM CA certificate(s) to trust, for a server certificate not signed by a public CA. */
	readonly ca?: string | Buffer;
	/** Accept any certificate, self-signed included (the connection is still encrypted). */
	readonly allowSelfSigned?: boolean;
	/** Name to check the certificate against, when it differs from `host`. */
	readonly servername?: string;
}

export interface AmiClientOptions {
	readonly host: string;
	/** Default 5038, or 5039 with TLS. */
	readonly port?: number;
	readonly username: string;
	readonly secret: string;
	/** Default `plain`. */
	readonly authType?: AmiAuthType;
	/** TLS to Asterisk's `tlsbindport`; `true` for defaults. */
	readonly tls?: boolean | AmiTlsOptions;
	/** Event mask sent at login (default `on`). */
	readonly events?: AmiEventMask;
	/** For the whole of connect, banner and login (default 10 000 ms). */
	readonly connectTimeoutMs?: number;
	/** Default per action (default 10 000 ms; 0 waits for ever). */
	readonly actionTimeoutMs?: number;
	/** Ping this often when idle to notice a dead peer (default 30 000 ms; 0 is off). */
	readonly keepaliveIntervalMs?: number;
	/** A keepalive Ping not answered within this ends the connection (default 10 000 ms). */
	readonly keepaliveTimeoutMs?: number;
	/** Reconnect after a lost connection: `true` for capped, jittered backoff, or a policy. */
	readonly reconnect?: boolean | RetryStrategy;
	/** How long close() waits for Asterisk's Goodbye (default 1 000 ms). */
	readonly logoffTimeoutMs?: number;
	readonly maxLineBytes?: number;
	readonly maxMessageBytes?: number;
}

export const DEFAULT_PORT = 5038;
export const DEFAULT_TLS_PORT = 5039;
