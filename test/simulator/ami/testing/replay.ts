/**
 * Replays the client side of a capture against a server over a real socket (raw net/tls
 * socket, not our client): sends each `>>` message once the server has sent as many messages as
 * Asterisk had sent by then, and collects what comes back, raw and parsed.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { AmiMessage } from '../../../../nodes/Asterisk/core/ami/message';
import { AmiParser } from '../../../../nodes/Asterisk/core/ami/parser';
import type { Transcript } from '../../../support/transcripts';

export interface ParsedStream {
	banner: string | undefined;
	messages: AmiMessage[];
}

export function parseServerBytes(bytes: Buffer): ParsedStream {
	const stream: ParsedStream = { banner: undefined, messages: [] };
	const parser = new AmiParser(
		{ onMessage: (m) => stream.messages.push(m), onBanner: (b) => (stream.banner = b) },
		{ expectBanner: true },
	);
	parser.parse(bytes);
	return stream;
}

export interface ReplayOptions {
	port: number;
	tls?: boolean;
	/** Change a client message before it is sent (MD5 keys, channel names). */
	rewrite?: (message: string, received: AmiMessage[]) => string;
	/** Give up waiting for the server after this long per step. Default 5000 ms. */
	stepTimeoutMs?: number;
	/** After the last step, how long to wait for messages the capture did not have. Default 100 ms. */
	settleMs?: number;
}

export interface ReplayResult extends ParsedStream {
	raw: Buffer;
	closedByServer: boolean;
	/** When each client message was sent and when the first answer after it came, ms. */
	sentAt: number[];
	receivedAt: number[];
}

function countMessages(bytes: Buffer, banner: boolean): number {
	let count = 0;
	new AmiParser({ onMessage: () => count++ }, { expectBanner: banner }).parse(bytes);
	return count;
}

export async function replay(transcript: Transcript, options: ReplayOptions): Promise<ReplayResult> {
	const socket: Socket = options.tls
		? connectTls({ host: '127.0.0.1', port: options.port, rejectUnauthorized: false })
		: connectTcp({ host: '127.0.0.1', port: options.port });
	const result: ReplayResult = { banner: undefined, messages: [], raw: Buffer.alloc(0), closedByServer: false, sentAt: [], receivedAt: [] };
	const chunks: Buffer[] = [];
	let wake: (() => void) | undefined;
	const parser = new AmiParser(
		{
			onMessage: (m) => {
				result.messages.push(m);
				result.receivedAt.push(Date.now());
			},
			onBanner: (b) => (result.banner = b),
		},
		{ expectBanner: true },
	);
	socket.on('data', (chunk: Buffer) => {
		chunks.push(chunk);
		parser.parse(chunk);
		wake?.();
	});
	socket.on('error', () => undefined);
	socket.on('end', () => (result.closedByServer = true));
	socket.on('close', () => wake?.());

	const waitFor = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
		const deadline = Date.now() + timeoutMs;
		while (!condition() && !socket.destroyed && Date.now() < deadline) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
				wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
			wake = undefined;
		}
	};

	const stepTimeout = options.stepTimeoutMs ?? 5000;
	await waitFor(() => result.banner !== undefined, stepTimeout);
	let expected = countMessages(transcript.greeting, true);
	for (const step of transcript.steps) {
		await waitFor(() => result.messages.length >= expected, stepTimeout);
		const text = step.client.toString('utf8');
		if (socket.destroyed) break;
		socket.write(options.rewrite ? options.rewrite(text, result.messages) : text);
		result.sentAt.push(Date.now());
		expected += countMessages(step.server, false);
	}
	await waitFor(() => result.messages.length >= expected, stepTimeout);
	await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 100));
	socket.destroy();
	result.raw = Buffer.concat(chunks);
	return result;
}

/** The bytes a message stream must be if every message is written `Name: value\r\n…\r\n`. */
export function canonicalBytes(stream: ParsedStream): string {
	let text = stream.banner === undefined ? '' : `${stream.banner}\r\n`;
	for (const message of stream.messages) {
		for (const [name, value] of message.headers) text += `${name}: ${value}\r\n`;
		text += '\r\n';
	}
	return text;
}
