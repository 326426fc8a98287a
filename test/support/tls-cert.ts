/**
 * A throwaway self-signed certificate for TLS tests, made with the system's openssl (present on
 * Debian, where CI runs), valid for 127.0.0.1 and localhost.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayCertificate {
	key: string;
	cert: string;
}

export function makeSelfSignedCertificate(commonName = 'asterisk.test'): ThrowawayCertificate {
	const dir = mkdtempSync(join(tmpdir(), 'ami-tls-'));
	try {
		const keyPath = join(dir, 'key.pem');
		const certPath = join(dir, 'cert.pem');
		execFileSync(
			'openssl',
			[
				'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
				'-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', `/CN=${commonName}`,
				'-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
			],
			{ stdio: 'pipe' },
		);
		return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
