/**
 * Asterisk reads one command line per wake-up (f5_eivr_batching). The simulator must reproduce
 * that stall, and the session must never trigger it.
 */
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { PacedWriter } from '../../../nodes/Asterisk/core/eivr/paced-writer';
import { EivrCaller } from '../../simulator/eivr-caller';
import { StdioReader } from '../../simulator/eivr/stdio-reader';
import { closeAll, delay, pair } from './helpers';

afterEach(closeAll);

/** A bare TCP server, so that the test controls exactly how bytes are grouped into writes. */
async function rawServer(): Promise<{ server: Server; port: number; socket: Promise<Socket> }> {
	let accept!: (socket: Socket) => void;
	const socket = new Promise<Socket>((resolve) => (accept = resolve));
	const server = createServer((s) => {
		s.resume(); // read (and ignore) what the caller answers, so its FIN is seen
		s.on('error', () => undefined);
		accept(s);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('no port');
	return { server, port: address.port, socket };
}

describe('the simulated Asterisk reads like the real one', () => {
	it('replays f5_eivr_batching: a batch stalls until more bytes arrive', async () => {
		const { server, port, socket } = await rawServer();
		const caller = new EivrCaller({ port });
		await caller.connect();
		const ivr = await socket;
		try {
			ivr.write('P,0\n');
			await caller.waitForCommand('P,0');
			ivr.write('V,X=1\nG,X\nG,UNSET1\n'); // one write, three lines
			await delay(300);
			expect(caller.received).toEqual(['P,0', 'V,X=1']);
			expect(caller.sent.filter((line) => line.startsWith('G'))).toEqual([]);
			expect(caller.stalls).toBe(1);

			ivr.write('G,Y\n'); // any later byte wakes the loop: all three lines run now
			await caller.waitForCount(4);
			expect(caller.received).toEqual(['P,0', 'V,X=1', 'G,X', 'G,UNSET1', 'G,Y']);
			expect(caller.sent.slice(1).map((line) => line.replace(/^G, *\d+,/, ''))).toEqual(['X=1', 'UNSET1=', 'Y=']);

			// CRLF works; lines under 3 characters are ignored; the second character is not checked.
			for (const line of ['G,X\r\n', 'G\n', 'GX\n', 'GXY\n']) {
				ivr.write(line);
				await delay(30);
			}
			expect(caller.sent.slice(4).map((line) => line.replace(/^G, *\d+,/, ''))).toEqual(['X=1', 'Y=']);

			ivr.write('E,done\n');
			await caller.ended;
			expect(caller.endedBy).toBe('exit');
			expect(caller.sent[caller.sent.length - 1]).toMatch(/^E, *\d+$/);
		} finally {
			caller.destroy();
			ivr.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('cuts a line at 1023 bytes like fgets, reading the rest as another command', async () => {
		const { server, port, socket } = await rawServer();
		const caller = new EivrCaller({ port });
		await caller.connect();
		const ivr = await socket;
		try {
			ivr.write(`L,${'x'.repeat(1021)}H,bye\n`);
			await delay(100);
			ivr.write('\n'); // the tail stalls in stdio's buffer like any second line
			await caller.ended;
			expect(caller.received.map((line) => line.slice(0, 5))).toEqual(['L,xxx', 'H,bye']);
			expect(caller.endedBy).toBe('hangup');
		} finally {
			caller.destroy();
			ivr.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('the session paces its writes', () => {
	it('never puts two commands in one segment, even when fired all at once', async () => {
		const { session, caller } = await pair({ session: { writeGapMs: 20 } });
		const work: Array<Promise<unknown>> = [];
		for (let i = 0; i < 10; i++) {
			work.push(session.setVariables({ [`V${i}`]: String(i) }));
			work.push(session.getVariables([`V${i}`]));
			work.push(session.log(`line ${i}`));
		}
		const results = await Promise.all(work);
		await caller.waitForCount(30);
		for (let i = 0; i < 10; i++) expect(results[i * 3 + 1]).toEqual({ [`V${i}`]: String(i) });
		expect(caller.received).toHaveLength(30);
		expect(caller.received.slice(0, 3)).toEqual(['V,V0=0', 'G,V0', 'L,line 0']);
		for (const chunk of caller.chunks) expect(chunk.toString().split('\n')).toHaveLength(2);
		expect(caller.stalls).toBe(0);
	});
});

describe('PacedWriter', () => {
	it('writes one buffer at a time, each after the previous write completed plus the gap', async () => {
		const writes: Array<{ at: number; data: string }> = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const sink = {
			write(data: Buffer, callback: (error?: Error | null) => void): boolean {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				writes.push({ at: Date.now(), data: data.toString() });
				setTimeout(() => {
					inFlight--;
					callback();
				}, 5);
				return true;
			},
		};
		const writer = new PacedWriter(sink, 30);
		await Promise.all(['a\n', 'b\n', 'c\n'].map((text) => writer.send(Buffer.from(text))));
		expect(writes.map((write) => write.data)).toEqual(['a\n', 'b\n', 'c\n']);
		expect(maxInFlight).toBe(1);
		for (let i = 1; i < writes.length; i++) expect(writes[i].at - writes[i - 1].at).toBeGreaterThanOrEqual(32);
		// After a burst, four bare line feeds follow at doubling intervals: 1, 2, 4 gaps apart.
		await delay(30 * (1 + 2 + 4 + 8) + 150);
		expect(writes.map((write) => write.data)).toEqual(['a\n', 'b\n', 'c\n', '\n', '\n', '\n', '\n']);
		expect(writes[5].at - writes[4].at).toBeGreaterThanOrEqual(30 * 2);
		expect(writes[6].at - writes[5].at).toBeGreaterThanOrEqual(30 * 4);
		expect(writer.nudgesSent).toBe(4);
		expect(writer.idle).toBe(true);
	});

	it('a lone command is not followed by a nudge', async () => {
		const writes: string[] = [];
		const writer = new PacedWriter({ write: (data, callback) => (writes.push(data.toString()), setImmediate(() => callback()), true) }, 5);
		await writer.send(Buffer.from('S,beep\n'));
		await delay(40);
		expect(writes).toEqual(['S,beep\n']);
	});

	it('wakes an Asterisk that read two commands at once, so the held one still runs', async () => {
		// Asterisk's loop is late once: both commands are in the kernel when it first reads.
		// After that it reads every arrival at once, one line per wake-up, as app_externalivr.c does.
		const reader = new StdioReader();
		const ran: string[] = [];
		let late = true;
		let waiting: Buffer[] = [];
		const wake = (chunk: Buffer): void => {
			for (const line of reader.push(chunk)) ran.push(line.toString().trim());
		};
		const writer = new PacedWriter(
			{
				write: (data, callback) => {
					if (late) waiting.push(Buffer.from(data));
					else wake(Buffer.from(data));
					setImmediate(() => callback());
					return true;
				},
			},
			5,
		);
		await Promise.all([writer.send(Buffer.from('V,IVR_CHOICE=1\n')), writer.send(Buffer.from('E,exit\n'))]);
		late = false;
		wake(Buffer.concat(waiting));
		waiting = [];
		expect(ran).toEqual(['V,IVR_CHOICE=1']);
		expect(reader.stalled).toBe(true); // E,exit is held in stdio's buffer
		for (let waited = 0; !ran.includes('E,exit') && waited < 1000; waited += 5) await delay(5);
		expect(ran.filter((line) => line.length >= 3)).toEqual(['V,IVR_CHOICE=1', 'E,exit']);
		await delay(150);
		expect(writer.idle).toBe(true);
	});

	it('close() rejects what is queued and stops its timer', async () => {
		const sink = { write: (_data: Buffer, callback: (error?: Error | null) => void): boolean => (setImmediate(() => callback()), true) };
		const writer = new PacedWriter(sink, 10_000);
		const first = writer.send(Buffer.from('a\n'));
		const second = writer.send(Buffer.from('b\n'));
		await first;
		writer.close(new Error('gone'));
		await expect(second).rejects.toThrow('gone');
		await expect(writer.send(Buffer.from('c\n'))).rejects.toThrow('gone');
	});
});
