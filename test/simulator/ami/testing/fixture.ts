/**
 * The set-up the simulator's own tests share: a simulator per test (fast call timings), raw
 * clients logged in to it, and both closed after each test. Tests reach the simulator through
 * `env.simulator`.
 */
import { startAmiSimulator, type AmiSimulator, type AmiSimulatorOptions } from '../index';
import { RawAmiClient } from './raw-client';

export const env: { simulator: AmiSimulator } = { simulator: undefined as unknown as AmiSimulator };
const clients: RawAmiClient[] = [];

/** Registers the clean-up; call once at the top of a test file. */
export function closeAfterEach(): void {
	afterEach(async () => {
		for (const client of clients.splice(0)) client.close();
		await env.simulator?.close();
	});
}

/** Close this client after the test (for clients made without login()). */
export function closeLater(client: RawAmiClient): RawAmiClient {
	clients.push(client);
	return client;
}

/** A simulator with call delays at 1 % of real time, unless the options say otherwise. */
export async function startSimulator(options: AmiSimulatorOptions = {}): Promise<AmiSimulator> {
	env.simulator = await startAmiSimulator({ timeScale: 0.01, ...options });
	return env.simulator;
}

/** A raw client logged in to the current simulator, closed after the test. */
export async function login(username = 'admin', secret = 'adminpw', extra: Array<[string, string]> = []): Promise<RawAmiClient> {
	return closeLater(await RawAmiClient.login(env.simulator.port, username, secret, extra));
}

/** A fresh simulator and one client logged in to it. */
export async function start(options: AmiSimulatorOptions = {}, username = 'admin', secret = 'adminpw'): Promise<RawAmiClient> {
	await startSimulator(options);
	return login(username, secret);
}
