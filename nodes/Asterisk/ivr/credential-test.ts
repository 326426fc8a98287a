/**
 * The Asterisk ExternalIVR credential holds only a shared token, and ExternalIVR has no handshake
 * to try it against (Asterisk connects to us, per call). So the test checks what can be checked
 * here: that the token is long enough and can be pasted into the dialplan as is.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { tokenProblem } from './dialplan-line';

export async function asteriskExternalIvrApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const raw = credential.data?.token;
	const token = typeof raw === 'string' ? raw.trim() : '';
	const problem = tokenProblem(token);
	if (problem !== undefined) return { status: 'Error', message: problem };
	return {
		status: 'OK',
		message: 'The token can be used. Asterisk presents it on each call: put it first in the ExternalIVR arguments (see the trigger node).',
	};
}
