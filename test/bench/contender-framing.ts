/**
 * The framing ceiling: a reader that only counts `\r\n\r\n` with Buffer.indexOf. No parser that
 * reads the same socket on this machine can deliver more messages per second than this.
 */
import * as net from 'node:net';

import { Completion, type Contender, type CompletionLimits, type RunOutcome } from './contender';

const TERMINATOR = Buffer.from('\r\n\r\n');
const LOGIN = 'Action: Login\r\nUsername: bench\r\nSecret: bench\r\nEvents: on\r\nActionID: 1\r\n\r\n';

export function framingContender(limits: CompletionLimits = {}): Contender {
	return { name: 'framing ceiling', run: (port, expected) => runFraming(port, expected, limits) };
}

async function runFraming(port: number, expected: number, limits: CompletionLimits): Promise<RunOutcome> {
	// The login response is framed too: one more message than the events.
	const completion = new Completion(expected + 1, limits);
	const socket = net.connect({ host: '127.0.0.1', port });
	socket.setNoDelay(true);
	socket.on('connect', () => socket.write(LOGIN));
	socket.on('error', (error) => completion.fail(error));
	let tail: Buffer = Buffer.alloc(0);
	socket.on('data', (chunk: Buffer) => {
		let found = 0;
		if (tail.length > 0) {
			// A terminator cut between two chunks starts in the last 3 bytes of the previous one.
			const joined = Buffer.concat([tail, chunk.subarray(0, 3)]);
			for (let at = joined.indexOf(TERMINATOR); at >= 0 && at < tail.length; at = joined.indexOf(TERMINATOR, at + 1)) found++;
		}
		for (let at = chunk.indexOf(TERMINATOR); at >= 0; at = chunk.indexOf(TERMINATOR, at + 4)) found++;
		tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 3)));
		if (found > 0) completion.add(found);
	});
	const outcome = await completion.done;
	socket.destroy();
	return { ...outcome, received: Math.max(0, outcome.received - 1) };
}
