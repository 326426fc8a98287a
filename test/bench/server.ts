/**
 * A minimal AMI server on loopback for the benchmark: banner, answer the login, then write the
 * whole stream in large writes and keep the socket open. Logoff gets a Goodbye and a close; any
 * other action a plain Success (so clients that ping or log off are not left waiting).
 */
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';

const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
const SLICE_BYTES = 1024 * 1024;

export interface StreamServerOptions {
	/** Write the stream this many times per connection (default 1). */
	repeat?: number;
}

export interface StreamServer {
	readonly port: number;
	/** performance.now() when the last connection's first stream byte was written. */
	readonly streamStartedAt: number;
	/** Destroy every connection still open (between contenders). */
	dropConnections(): void;
	close(): Promise<void>;
}

export async function startStreamServer(stream: Buffer, options: StreamServerOptions = {}): Promise<StreamServer> {
	const repeat = options.repeat ?? 1;
	const sockets = new Set<net.Socket>();
	let streamStartedAt = 0;

	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.setNoDelay(true);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.write(BANNER);
		let pending = '';
		let streamed = false;
		socket.on('data', (chunk: Buffer) => {
			pending += chunk.toString('latin1');
			// Bounded: a client sends a few short actions; anything else is dropped.
			if (pending.length > 64 * 1024) pending = '';
			for (let end = messageEnd(pending); end !== undefined; end = messageEnd(pending)) {
				const action = headersOf(pending.slice(0, end.at));
				pending = pending.slice(end.next);
				const name = (action.get('action') ?? '').toLowerCase();
				const id = action.get('actionid');
				const idLine = id === undefined ? '' : `ActionID: ${id}\r\n`;
				if (name === 'login') {
					socket.write(`Response: Success\r\n${idLine}Message: Authentication accepted\r\n\r\n`);
					if (!streamed) {
						streamed = true;
						streamStartedAt = performance.now();
						for (let round = 0; round < repeat; round++) {
							for (let at = 0; at < stream.length; at += SLICE_BYTES) socket.write(stream.subarray(at, at + SLICE_BYTES));
						}
					}
				} else if (name === 'logoff') {
					socket.end(`Response: Goodbye\r\n${idLine}Message: Thanks for all the fish.\r\n\r\n`);
				} else {
					socket.write(`Response: Success\r\n${idLine}\r\n`);
				}
			}
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('bench: the stream server has no TCP port');
	server.on('error', () => undefined);

	return {
		port: address.port,
		get streamStartedAt() {
			return streamStartedAt;
		},
		dropConnections() {
			for (const socket of sockets) socket.destroy();
		},
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

function messageEnd(text: string): { at: number; next: number } | undefined {
	const crlf = text.indexOf('\r\n\r\n');
	if (crlf >= 0) return { at: crlf, next: crlf + 4 };
	const lf = text.indexOf('\n\n');
	return lf >= 0 ? { at: lf, next: lf + 2 } : undefined;
}

function headersOf(message: string): Map<string, string> {
	const headers = new Map<string, string>();
	for (const line of message.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
	}
	return headers;
}
