/**
 * AmiParser alone, no socket: the stream cut into 64 KiB chunks (as a socket delivers it), in
 * three depths of work per message (framing only, every header decoded, a plain object).
 */
import { performance } from 'node:perf_hooks';

import { AmiParser, type AmiMessage } from '../../nodes/Asterisk/core/ami';
import { median } from './socket-bench';

export type ParserMode = 'framing' | 'headers' | 'object';

const CHUNK_BYTES = 64 * 1024;

export interface ParserThroughput {
	messagesPerSecond: number;
	messages: number;
}

let sink = 0;

export function parserThroughput(stream: Buffer, mode: ParserMode, passes: number): ParserThroughput {
	const chunks: Buffer[] = [];
	for (let at = 0; at < stream.length; at += CHUNK_BYTES) chunks.push(stream.subarray(at, at + CHUNK_BYTES));
	const rates: number[] = [];
	let messages = 0;
	for (let pass = 0; pass < passes; pass++) {
		globalThis.gc?.();
		let count = 0;
		const onMessage = handlerFor(mode, () => count++);
		const parser = new AmiParser({ onMessage });
		const started = performance.now();
		for (const chunk of chunks) parser.parse(chunk);
		const seconds = (performance.now() - started) / 1000;
		rates.push(count / seconds);
		messages = count;
	}
	return { messagesPerSecond: median(rates), messages };
}

function handlerFor(mode: ParserMode, counted: () => void): (message: AmiMessage) => void {
	if (mode === 'framing') return counted;
	if (mode === 'headers') {
		return (message) => {
			sink += message.headerCount;
			counted();
		};
	}
	return (message) => {
		if (message.toObject() !== undefined) sink++;
		counted();
	};
}

/** Read by nobody: it keeps the decoding work from being optimised away. */
export function parserSink(): number {
	return sink;
}
