/**
 * Socket and TLS failures, by Node's error codes (never by message text), told in the words of
 * someone setting up manager.conf.
 */
import { AmiError } from './errors';

const TLS_CODES = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'CERT_UNTRUSTED',
	'CERT_REJECTED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'ECONNRESET_TLS',
]);

function isTlsCode(code: string): boolean {
	return TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}

export function describeSocketError(error: unknown, where: string, tls: boolean): AmiError {
	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
	if (code === 'ECONNREFUSED') {
		return new AmiError(
			'CONNECTION_REFUSED',
			`${where} refused the connection: is AMI enabled in manager.conf ([general] enabled = yes) and is the port right?`,
			{ cause: error },
		);
	}
	if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
		return new AmiError('TLS', `${where} did not answer in TLS (${code}): is this the plain AMI port (5038) rather than tlsbindaddr's?`, {
			cause: error,
		});
	}
	if (isTlsCode(code)) {
		return new AmiError('TLS', `TLS with ${where} failed (${code}): check the CA certificate, or allow a self-signed one`, {
			cause: error,
		});
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return new AmiError('CONNECTION', `the host of ${where} was not found (${code})`, { cause: error });
	}
	const detail = code !== '' ? code : error instanceof Error ? error.message : String(error);
	const hint = tls ? ' (a TLS connection to a plain AMI port fails like this too)' : '';
	return new AmiError('CONNECTION', `the connection to ${where} failed: ${detail}${hint}`, { cause: error });
}
