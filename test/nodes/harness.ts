/** Shared set-up of the Asterisk node tests: a simulator, credentials for it, and a runner. */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';

import { Asterisk } from '../../nodes/Asterisk/Asterisk.node';
import { amiPool } from '../../nodes/Asterisk/transport/pool';
import { runNode, type ExecuteContextOptions, type Parameters } from '../support/n8n-context';
import { startAmiSimulator, type AmiSimulator, type AmiSimulatorOptions } from '../simulator/ami';

export const node = new Asterisk();

export function credentialsFor(
	simulator: AmiSimulator,
	user: 'admin' | 'limited' = 'admin',
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		host: '127.0.0.1',
		port: simulator.port,
		username: user,
		secret: user === 'admin' ? 'adminpw' : 'limitedpw',
		authType: 'plain',
		tls: false,
		connectTimeout: 2000,
		...extra,
	};
}

export async function startSimulator(options: AmiSimulatorOptions = {}): Promise<AmiSimulator> {
	return await startAmiSimulator({ failedLoginDelayMs: 0, timeScale: 0.01, ...options });
}

export interface RunOptions extends Partial<Omit<ExecuteContextOptions, 'node' | 'parameters'>> {
	itemCount?: number;
}

/** Run the Asterisk node once with these parameters against the simulator. */
export async function run(simulator: AmiSimulator, parameters: Parameters, options: RunOptions = {}): Promise<INodeExecutionData[]> {
	const items = options.items ?? Array.from({ length: options.itemCount ?? 1 }, (_, index) => ({ json: { index } }));
	return await runNode({
		node,
		parameters,
		items,
		credentials: options.credentials ?? credentialsFor(simulator),
		continueOnFail: options.continueOnFail,
		itemParameters: options.itemParameters,
	});
}

/** Close every pooled connection and the simulator: no socket or timer survives a test file. */
export async function tearDown(simulator: AmiSimulator | undefined): Promise<void> {
	await amiPool.closeAll();
	await simulator?.close();
}

/** Actions the simulator received (by name), as `{header: value}` objects without ActionID. */
export function sent(simulator: AmiSimulator, action: string): Array<Record<string, string | string[]>> {
	return simulator.receivedActions(action).map((received) => {
		const object = received.message.toObject();
		delete object.ActionID;
		delete object.Action;
		return object;
	});
}
