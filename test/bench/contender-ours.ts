/**
 * Our AmiClient as a benchmark contender, in three depths of work per event:
 * - `routing`: framing and routing only (the handler gets the AmiMessage, decodes nothing);
 * - `headers`: every header decoded (`headerCount` splits all names and values);
 * - `object`: every header decoded into a plain object (`toObject()`), as the peers deliver.
 */
import { AmiClient, type AmiMessage } from '../../nodes/Asterisk/core/ami';
import { Completion, type Contender, type CompletionLimits, type RunOutcome } from './contender';

export type OursMode = 'routing' | 'headers' | 'object';

export function oursContender(mode: OursMode, limits: CompletionLimits = {}): Contender {
	return {
		name: `ours (${mode})`,
		run: (port, expected) => runOurs(mode, port, expected, limits),
	};
}

/** Read by nobody: it keeps the decoding work from being optimised away. */
export let benchSink = 0;

/** `beforeClose` runs once the events are in and the client still holds its connection. */
export async function runOurs(
	mode: OursMode,
	port: number,
	expected: number,
	limits: CompletionLimits,
	beforeClose?: () => void,
): Promise<RunOutcome> {
	const completion = new Completion(expected, limits);
	const client = new AmiClient({
		host: '127.0.0.1',
		port,
		username: 'bench',
		secret: 'bench',
		keepaliveIntervalMs: 0,
		logoffTimeoutMs: 500,
	});
	client.on('event', handlerFor(mode, completion));
	try {
		await client.connect();
	} catch (error) {
		completion.fail(error);
	}
	const outcome = await completion.done;
	beforeClose?.();
	await client.close();
	return outcome;
}

function handlerFor(mode: OursMode, completion: Completion): (event: AmiMessage) => void {
	if (mode === 'routing') return () => completion.hit();
	if (mode === 'headers') {
		return (event) => {
			benchSink += event.headerCount;
			completion.hit();
		};
	}
	return (event) => {
		if (event.toObject() !== undefined) benchSink++;
		completion.hit();
	};
}
