/**
 * Shared by the ExternalIVR tests: the captured transcripts, and a server + simulated caller
 * pair on loopback that is torn down after each test.
 */
import { readdirSync } from 'node:fs';
import { IvrServer } from '../../../nodes/Asterisk/core/eivr';
import type { IvrServerOptions, IvrSession } from '../../../nodes/Asterisk/core/eivr';
import { EivrCaller } from '../../simulator/eivr-caller';
import type { EivrCallerOptions } from '../../simulator/eivr-caller';
import { TRANSCRIPTS_DIR, readTranscript as readCapture } from '../../support/transcripts';

export interface TranscriptLine {
	readonly direction: '<<' | '>>';
	/** The line without its ending. */
	readonly text: string;
	readonly ending: '\n' | '\r\n';
}

/** The ExternalIVR sockets of the captures (`f*_eivr_*.ivr.txt`). */
export function transcriptNames(): string[] {
	return readdirSync(TRANSCRIPTS_DIR).filter((name) => name.endsWith('.ivr.txt')).sort();
}

/** The protocol lines of one capture; ExternalIVR lines end in LF, a few captured ones in CRLF. */
export function readTranscript(name: string): TranscriptLine[] {
	const lines: TranscriptLine[] = [];
	for (const line of readCapture(name).lines) {
		if ((line.direction !== '<<' && line.direction !== '>>') || line.bytes === undefined) continue;
		const text = line.bytes.toString('utf8');
		if (!text.endsWith('\n')) continue;
		const ending = text.endsWith('\r\n') ? '\r\n' : '\n';
		lines.push({ direction: line.direction, text: text.slice(0, -ending.length), ending });
	}
	return lines;
}

export interface Pair {
	readonly server: IvrServer;
	readonly caller: EivrCaller;
	readonly session: IvrSession;
}

const open: Array<{ server: IvrServer; callers: EivrCaller[] }> = [];

export async function startServer(options: IvrServerOptions = {}): Promise<{ server: IvrServer; port: number }> {
	const server = new IvrServer({ port: 0, ...options });
	const { port } = await server.listen();
	open.push({ server, callers: [] });
	return { server, port };
}

export async function call(server: IvrServer, port: number, options: Omit<EivrCallerOptions, 'port'> = {}): Promise<EivrCaller> {
	const caller = new EivrCaller({ port, ...options });
	open.find((entry) => entry.server === server)?.callers.push(caller);
	await caller.connect();
	return caller;
}

/** A server with one connected caller and its session. */
export async function pair(options: IvrServerOptions = {}, callerOptions: Omit<EivrCallerOptions, 'port'> = {}): Promise<Pair> {
	const { server, port } = await startServer(options);
	const sessionPromise = new Promise<IvrSession>((resolve) => server.once('session', resolve));
	const caller = await call(server, port, callerOptions);
	return { server, caller, session: await sessionPromise };
}

/** Close every server and caller the test opened. */
export async function closeAll(): Promise<void> {
	for (const { server, callers } of open.splice(0)) {
		for (const caller of callers) caller.destroy();
		await server.close();
		await Promise.all(callers.map((caller) => caller.ended));
	}
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
