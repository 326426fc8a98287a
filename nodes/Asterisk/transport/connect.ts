/**
 * Credentials in, AMI client options out. Nothing here opens a socket: the pool does, and the
 * credential test does through `connectOnce`.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { AmiClient, type AmiAuthType, type AmiClientOptions, type AmiEventMask } from '../core/ami';

export interface AsteriskAmiCredentials {
	readonly host: string;
	readonly port: number;
	readonly username: string;
	readonly secret: string;
	readonly authType: AmiAuthType;
	readonly tls: boolean;
	readonly ca: string;
	readonly allowSelfSigned: boolean;
	readonly connectTimeout: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

function text(data: ICredentialDataDecryptedObject, name: string, fallback = ''): string {
	const value = data[name];
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return fallback;
}

function numeric(data: ICredentialDataDecryptedObject, name: string, fallback: number): number {
	const value = data[name];
	const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

/** Read the credential's fields, applying the same defaults as its form. */
export function readCredentials(data: ICredentialDataDecryptedObject): AsteriskAmiCredentials {
	const tls = data.tls === true;
	return {
		host: text(data, 'host').trim(),
		port: numeric(data, 'port', tls ? 5039 : 5038),
		username: text(data, 'username'),
		secret: text(data, 'secret'),
		authType: data.authType === 'md5' ? 'md5' : 'plain',
		tls,
		ca: text(data, 'ca').trim(),
		allowSelfSigned: data.allowSelfSigned === true,
		connectTimeout: numeric(data, 'connectTimeout', DEFAULT_CONNECT_TIMEOUT_MS),
	};
}

export interface ConnectionSettings {
	/** Event classes this connection receives; `off` unless an operation needs events. */
	readonly events?: AmiEventMask;
	/** Default per-action timeout. */
	readonly actionTimeoutMs?: number;
}

/**
 * Client options for these credentials. Keepalive is off: pooled connections are closed when
 * idle, so a connection in use proves itself with every action.
 */
export function clientOptions(credentials: AsteriskAmiCredentials, settings: ConnectionSettings = {}): AmiClientOptions {
	return {
		host: credentials.host,
		port: credentials.port,
		username: credentials.username,
		secret: credentials.secret,
		authType: credentials.authType,
		tls: credentials.tls
			? { ca: credentials.ca === '' ? undefined : credentials.ca, allowSelfSigned: credentials.allowSelfSigned }
			: false,
		connectTimeoutMs: credentials.connectTimeout,
		actionTimeoutMs: settings.actionTimeoutMs,
		keepaliveIntervalMs: 0,
		events: settings.events ?? 'off',
		reconnect: false,
	};
}

/** Connect and log in one client of its own (the caller closes it). */
export async function connectOnce(options: AmiClientOptions): Promise<AmiClient> {
	const client = new AmiClient(options);
	await client.connect();
	return client;
}
