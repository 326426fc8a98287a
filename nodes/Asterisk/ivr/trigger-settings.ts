/**
 * The trigger's parameters and credential, read and checked before anything listens: every
 * problem is a NodeOperationError naming the field, so activation fails with a clear message.
 */
import { NodeOperationError, type ICredentialDataDecryptedObject, type IDataObject, type ITriggerFunctions } from 'n8n-workflow';

import { Allowlist, formatCommand } from '../core/eivr';
import { tokenProblem } from './dialplan-line';
import type { Fallback } from './call';
import type { ListenerSettings } from './listener';
import { DEFAULT_FALLBACK_VARIABLE } from './trigger-description';

export function readToken(this: ITriggerFunctions, credentials: ICredentialDataDecryptedObject): string {
	const token = typeof credentials.token === 'string' ? credentials.token.trim() : '';
	const problem = tokenProblem(token);
	if (problem !== undefined) throw new NodeOperationError(this.getNode(), `Asterisk ExternalIVR credential: ${problem}`);
	return token;
}

export function readIvrTriggerSettings(this: ITriggerFunctions, token: string): ListenerSettings {
	const node = this.getNode();
	const fail = (field: string, message: string): NodeOperationError => new NodeOperationError(node, `${field}: ${message}`);

	const port = Number(this.getNodeParameter('port', 2949));
	// 0 (any free port) is for tests; the field itself starts at 1.
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw fail('Port', 'must be a whole number from 1 to 65535');
	const host = String(this.getNodeParameter('bindAddress', '127.0.0.1')).trim() || '127.0.0.1';

	const allow = list(this.getNodeParameter('allowlist', ''));
	if (allow.length === 0) throw fail('Allowed Addresses', 'list at least one address or range (or * for any)');
	try {
		new Allowlist(allow);
	} catch (error) {
		throw fail('Allowed Addresses', error instanceof Error ? error.message : String(error));
	}

	const variables = list(this.getNodeParameter('variables', ''));
	for (const name of variables) {
		try {
			formatCommand({ type: 'getVariables', names: [name] });
		} catch (error) {
			throw fail('Variables to Read', error instanceof Error ? error.message : String(error));
		}
	}

	const turnTimeout = Number(this.getNodeParameter('turnTimeout', 10));
	if (!Number.isFinite(turnTimeout) || turnTimeout <= 0 || turnTimeout > 86_400) throw fail('Turn Timeout', 'must be a number of seconds above 0');

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxSessions = Number(options.maxSessions ?? 100);
	if (!Number.isInteger(maxSessions) || maxSessions < 1) throw fail('Max Calls', 'must be a whole number of at least 1');
	const idleTimeout = Number(options.idleTimeout ?? 300);
	if (!Number.isFinite(idleTimeout) || idleTimeout < 0) throw fail('Idle Timeout', 'must be a number of seconds >= 0');

	return {
		token,
		variables,
		turnTimeoutMs: Math.round(turnTimeout * 1000),
		fallback: readFallback.call(this, fail),
		server: { host, port, allow, maxSessions, idleTimeoutMs: Math.round(idleTimeout * 1000) },
	};
}

function readFallback(this: ITriggerFunctions, fail: (field: string, message: string) => NodeOperationError): Fallback {
	const action = this.getNodeParameter('fallback', 'returnToDialplan');
	if (action === 'playAndHangup') {
		const file = String(this.getNodeParameter('fallbackFile', '')).trim();
		try {
			formatCommand({ type: 'play', file });
		} catch (error) {
			throw fail('Fallback File', error instanceof Error ? error.message : String(error));
		}
		return { action, file };
	}
	const variable = String(this.getNodeParameter('fallbackVariable', DEFAULT_FALLBACK_VARIABLE)).trim();
	if (variable !== '') {
		try {
			formatCommand({ type: 'setVariables', variables: { [variable]: 'noAnswer' } });
		} catch (error) {
			throw fail('Fallback Variable', error instanceof Error ? error.message : String(error));
		}
	}
	return { action: 'returnToDialplan', variable };
}

function list(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}
