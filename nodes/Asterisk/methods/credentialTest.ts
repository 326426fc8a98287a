/** Connect, log in and Ping: the credential works if Asterisk answers all three. */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import type { AmiClient } from '../core/ami';
import { clientOptions, connectOnce, readCredentials } from '../transport/connect';
import { describeConnectionError, describeError, scrub } from '../transport/errors';

export async function asteriskAmiApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = readCredentials(credential.data ?? {});
	if (credentials.host === '') return { status: 'Error', message: 'The host is empty' };
	const secrets = [credentials.secret];
	let client: AmiClient | undefined;
	try {
		client = await connectOnce(clientOptions(credentials, { actionTimeoutMs: credentials.connectTimeout }));
	} catch (error) {
		const described = describeConnectionError(error);
		return { status: 'Error', message: explain(described, secrets) };
	}
	try {
		await client.action('Ping');
		return { status: 'OK', message: `Connected to ${client.banner ?? 'Asterisk'} at ${client.address} and logged in` };
	} catch (error) {
		const described = describeError(error, { action: 'Ping' });
		return { status: 'Error', message: explain(described, secrets) };
	} finally {
		await client.close();
	}
}

function explain(described: { message: string; description?: string }, secrets: readonly string[]): string {
	const text = described.description === undefined ? described.message : `${described.message}: ${described.description}`;
	return scrub(text, secrets);
}
