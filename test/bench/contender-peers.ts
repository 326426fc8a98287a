/**
 * The npm AMI clients as benchmark contenders. Both decode every header of every event into a
 * plain object before handing it over (their only mode), and neither has TypeScript types: the
 * small interfaces below are what their sources (node_modules/<name>/lib) show.
 *
 * - asterisk-manager 0.2.0: `require('asterisk-manager')(port, host, user, secret, events)`
 *   connects and logs in at once; events on 'managerevent', header names lower-cased.
 * - asterisk-ami-client 1.1.5: `new AmiClient(options).connect(user, secret, {host, port})`;
 *   events on 'event', header names as sent. Its connector swaps parsers when the login response
 *   arrives, so the events in the same chunk as that response are lost: a run ends at the
 *   END_EVENT marker and counts what arrived.
 */
import { createRequire } from 'node:module';

import { Completion, type Contender, type CompletionLimits, type RunOutcome } from './contender';
import { END_EVENT } from './stream';

type Listener = (event: Record<string, unknown>) => void;

interface AsteriskManager {
	on(name: 'managerevent', listener: Listener): void;
	on(name: 'error', listener: (error: Error) => void): void;
	disconnect(): void;
}
type AsteriskManagerFactory = (port: number, host: string, username: string, secret: string, events: boolean) => AsteriskManager;

interface AsteriskAmiClient {
	on(name: 'event', listener: Listener): void;
	on(name: 'internalError', listener: (error: Error) => void): void;
	connect(user: string, secret: string, options: { host: string; port: number }): Promise<unknown>;
	disconnect(): void;
}
type AsteriskAmiClientClass = new (options?: { reconnect?: boolean; keepAlive?: boolean }) => AsteriskAmiClient;

const load = createRequire(__filename);

export function asteriskManagerContender(limits: CompletionLimits = {}): Contender {
	return {
		name: 'asterisk-manager',
		async run(port: number, expected: number): Promise<RunOutcome> {
			const createManager = load('asterisk-manager') as AsteriskManagerFactory;
			const completion = new Completion(expected, limits);
			const manager = createManager(port, '127.0.0.1', 'bench', 'bench', true);
			manager.on('error', (error) => completion.fail(error));
			manager.on('managerevent', (event) => {
				completion.hit();
				if (event.event === END_EVENT) completion.sawEnd();
			});
			const outcome = await completion.done;
			manager.disconnect();
			return outcome;
		},
	};
}

export function asteriskAmiClientContender(limits: CompletionLimits = {}): Contender {
	return {
		name: 'asterisk-ami-client',
		async run(port: number, expected: number): Promise<RunOutcome> {
			const AmiClientPeer = load('asterisk-ami-client') as AsteriskAmiClientClass;
			const completion = new Completion(expected, limits);
			const client = new AmiClientPeer({ reconnect: false, keepAlive: false });
			client.on('internalError', (error) => completion.fail(error));
			client.on('event', (event) => {
				completion.hit();
				if (event.Event === END_EVENT) completion.sawEnd();
			});
			client.connect('bench', 'bench', { host: '127.0.0.1', port }).catch((error: unknown) => completion.fail(error));
			const outcome = await completion.done;
			client.disconnect();
			return outcome;
		},
	};
}
