/**
 * Shared by the AmiClient tests: a fresh simulator per test, clients that are closed after it,
 * and small waiting helpers. Tests reach the simulator through `env.simulator`, which a test may
 * replace with one started on other options (the old one is closed first).
 */
import {
	AmiClient,
	AmiError,
	type AmiClientOptions,
} from '../../../nodes/Asterisk/core/ami';
import { startAmiSimulator, type AmiSimulator } from '../../simulator/ami';

export const env: { simulator: AmiSimulator } = { simulator: undefined as unknown as AmiSimulator };
const clients: AmiClient[] = [];

/** Registers the per-test simulator and clean-up; call once at the top of a test file. */
export function useSimulator(): void {
	beforeEach(async () => {
		env.simulator = await startAmiSimulator({ failedLoginDelayMs: 30 });
	});
	afterEach(async () => {
		await Promise.all(clients.splice(0).map((c) => c.close()));
		await env.simulator.close();
	});
}

/** A client for admin/adminpw on the simulator, closed after the test. */
export function client(options: Partial<AmiClientOptions> = {}, port = env.simulator.port): AmiClient {
	const created = new AmiClient({
		host: '127.0.0.1',
		port,
		username: 'admin',
		secret: 'adminpw',
		keepaliveIntervalMs: 0,
		connectTimeoutMs: 3000,
		...options,
	});
	clients.push(created);
	return created;
}

export async function rejection(promise: Promise<unknown>): Promise<AmiError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AmiError) return error;
		throw error;
	}
	throw new Error('expected a rejection');
}

export function waitFor<T>(emitter: AmiClient, name: 'ready' | 'disconnect' | 'reconnectFailed' | 'status'): Promise<T> {
	return new Promise((resolve) => emitter.once(name, (value?: unknown) => resolve(value as T)));
}

export const actionsNamed = (name: string) => env.simulator.receivedActions(name);

export async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
