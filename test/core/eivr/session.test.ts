/**
 * Session flows replayed from the captures (f1…f6), against the simulated Asterisk on loopback.
 */
import { IvrClosedError, IvrHangupError, IvrUnsafeCommandError } from '../../../nodes/Asterisk/core/eivr';
import type { IvrEvent } from '../../../nodes/Asterisk/core/eivr';
import { closeAll, delay, pair, readTranscript } from './helpers';

afterEach(closeAll);

const sentByUs = (name: string): string[] =>
	readTranscript(name)
		.filter((line) => line.direction === '>>')
		.map((line) => line.text);

describe('f1 brief: P, S, V, G, E', () => {
	it('sends what our IVR server sent in the capture and reads the answers', async () => {
		const { server, session, caller } = await pair();
		expect(caller.received).toEqual([]); // Asterisk speaks first of nothing, and so do we.

		expect(await session.getParams()).toEqual({ url: `ivr://127.0.0.1:${server.address()?.port}`, args: ['arg1', 'arg2'] });
		const playing = session.play(['demo-congrats']);
		await session.setVariables({ FOO: 'bar' });
		expect(await session.getVariables(['FOO'])).toEqual({ FOO: 'bar' });
		const closed = await session.exit('bye');

		expect(closed).toEqual({ reason: 'exit' });
		await expect(playing).rejects.toBeInstanceOf(IvrClosedError);
		expect(caller.received).toEqual(sentByUs('f1_eivr_brief.ivr.txt'));
		expect(caller.endedBy).toBe('exit');
		expect(session.state).toBe('closed');
		expect(caller.variables.get('FOO')).toBe('bar');
	});
});

describe('f2 playback: F, Z, T, D, multi-variable V and G, L, O, T, H', () => {
	it('reports each file outcome and ends with H', async () => {
		const { session, caller } = await pair();
		const outcomes: string[] = [];
		session.on('playback', (result) => outcomes.push(`${result.outcome}:${result.file}`));
		await session.getParams();

		const [first, second] = await Promise.all([session.play(['hello-world']), session.play(['beep'], { append: true })]);
		expect(first).toEqual([{ file: 'hello-world', outcome: 'finished' }]);
		expect(second).toEqual([{ file: 'beep', outcome: 'finished' }]);

		expect(await session.play(['no-such-file'])).toEqual([{ file: 'no-such-file', outcome: 'missing' }]);
		expect(await session.play(['also-missing'], { append: true })).toEqual([{ file: 'also-missing', outcome: 'missing' }]);

		await session.setVariables({ A: '1', B: 'two words', C: '' });
		expect(await session.getVariables(['A', 'B', 'C', 'UNSET_VAR', 'CALLERID(num)', 'CHANNEL'])).toEqual({
			A: '1',
			B: 'two words',
			C: '',
			UNSET_VAR: '',
			'CALLERID(num)': '',
			CHANNEL: '',
		});
		await session.log('hello from the IVR server');
		await session.setOption('autoclear');
		await session.setOption('noautoclear');

		// I,0 while demo-congrats plays with two files queued: T for it, D for the others.
		const three = session.play(['demo-congrats', 'beep', 'hello-world']);
		await delay(50);
		await session.stop();
		expect(await three).toEqual([
			{ file: 'demo-congrats', outcome: 'stopped' },
			{ file: 'beep', outcome: 'dropped' },
			{ file: 'hello-world', outcome: 'dropped' },
		]);

		// S replaces the queue: T and D for the old files, F later for the new one.
		const old = session.play(['demo-congrats', 'beep']);
		await delay(50);
		const replacement = session.play(['hello-world']);
		expect(await old).toEqual([
			{ file: 'demo-congrats', outcome: 'stopped' },
			{ file: 'beep', outcome: 'dropped' },
		]);
		expect(await replacement).toEqual([{ file: 'hello-world', outcome: 'finished' }]);

		await session.answer();
		expect(await session.hangup('bye')).toEqual({ reason: 'hangup' });
		expect(caller.endedBy).toBe('hangup');
		expect(caller.logged).toEqual(['hello from the IVR server']);
		expect(caller.received).toEqual([
			'P,0',
			'S,hello-world',
			'A,beep',
			'S,no-such-file',
			'A,also-missing',
			'V,A=1,B=two words,C=',
			'G,A,B,C,UNSET_VAR,CALLERID(num),CHANNEL',
			'L,hello from the IVR server',
			'O,autoclear',
			'O,noautoclear',
			'S,demo-congrats',
			'A,beep',
			'A,hello-world',
			'I,0',
			'S,demo-congrats',
			'A,beep',
			'S,hello-world',
			'T,0',
			'H,bye',
		]);
		expect(outcomes).toContain('stopped:demo-congrats');
		expect(outcomes).toContain('missing:no-such-file');
	});

	it('interrupt: true stops what plays even when the new file is missing', async () => {
		const { session, caller } = await pair();
		const old = session.play(['demo-congrats']);
		await delay(50);
		expect(await session.play(['no-such-file'], { interrupt: true })).toEqual([{ file: 'no-such-file', outcome: 'missing' }]);
		expect(await old).toEqual([{ file: 'demo-congrats', outcome: 'stopped' }]);
		expect(caller.received).toEqual(['S,demo-congrats', 'I,0', 'A,no-such-file']);
		expect(caller.queue).toEqual([]);
	});

	it('plays a list: S for the first file, A for the rest, in order', async () => {
		const { session, caller } = await pair();
		expect(await session.play(['beep', 'hello-world', 'beep'])).toEqual([
			{ file: 'beep', outcome: 'finished' },
			{ file: 'hello-world', outcome: 'finished' },
			{ file: 'beep', outcome: 'finished' },
		]);
		expect(caller.received).toEqual(['S,beep', 'A,hello-world', 'A,beep']);
	});
});

describe('f3 dtmf: digits, autoclear, D', () => {
	it('emits each key, lets autoclear stop the playlist, sends DTMF out', async () => {
		const { session, caller } = await pair();
		const digits: string[] = [];
		const events: IvrEvent[] = [];
		session.on('dtmf', (digit) => digits.push(digit));
		session.on('event', (event) => events.push(event));

		const playing = session.play(['demo-congrats']);
		await caller.waitForCommand('S,demo-congrats');
		caller.press('123');
		await session.setOption('autoclear');
		const appended = session.play(['beep'], { append: true });
		await caller.waitForCommand('A,beep');
		caller.press('5');
		expect(await playing).toEqual([{ file: 'demo-congrats', outcome: 'stopped' }]);
		expect(await appended).toEqual([{ file: 'beep', outcome: 'dropped' }]);
		caller.press('#*AD');
		await session.sendDtmf('98');
		await caller.waitForCommand('D,98');
		for (let waited = 0; digits.length < 8 && waited < 2000; waited += 5) await delay(5);

		expect(digits).toEqual(['1', '2', '3', '5', '#', '*', 'A', 'D']);
		expect(events.map((event) => event.type)).toEqual(['dtmf', 'dtmf', 'dtmf', 'dtmf', 'stopped', 'dropped', 'dtmf', 'dtmf', 'dtmf', 'dtmf']);
		expect(caller.dtmfOut).toEqual(['98']);

		const hungUp = new Promise<void>((resolve) => session.once('hangup', resolve));
		caller.hangup();
		await hungUp;
		expect(await session.closed).toEqual({ reason: 'farHangup' });
	});
});

describe('f4 far hangup', () => {
	it('ends the session and rejects what was waiting', async () => {
		const { session, caller } = await pair();
		await session.getParams();
		const playing = session.play(['demo-congrats']);
		const digits = session.collectDigits({ maxDigits: 4, firstDigitTimeoutMs: 10_000 });
		await caller.waitForCommand('S,demo-congrats');
		caller.hangup();
		await expect(playing).rejects.toBeInstanceOf(IvrHangupError);
		await expect(digits).rejects.toThrow('the caller hung up');
		expect(await session.closed).toEqual({ reason: 'farHangup' });
		await expect(session.play(['beep'])).rejects.toBeInstanceOf(IvrHangupError);
		await expect(session.getVariables(['X'])).rejects.toBeInstanceOf(IvrHangupError);
		// Ending an ended call is harmless.
		expect(await session.exit()).toEqual({ reason: 'farHangup' });
	});

	it('a socket that just closes ends the session too', async () => {
		const { session, caller } = await pair();
		const pending = session.getParams();
		caller.destroy();
		const rejected = await pending.then(
			() => undefined,
			(error: unknown) => error,
		);
		// The P answer may or may not have made it before the close.
		if (rejected !== undefined) expect(rejected).toBeInstanceOf(IvrClosedError);
		// A close, or a reset when our P,0 was still unread: both end the call.
		expect(['socketClosed', 'error']).toContain((await session.closed).reason);
	});
});

describe('option i: I,<ts>,HANGUP', () => {
	it('keeps variables readable, refuses playback, and ends with our E', async () => {
		const { session, caller } = await pair({}, { ignoreHangup: true, variables: { X: 'kept' } });
		const digits = session.collectDigits({ firstDigitTimeoutMs: 10_000 });
		await delay(20);
		caller.hangup();
		await expect(digits).rejects.toBeInstanceOf(IvrHangupError);
		expect(session.state).toBe('hungUp');
		await expect(session.play(['beep'])).rejects.toBeInstanceOf(IvrHangupError);
		expect(await session.getVariables(['X'])).toEqual({ X: 'kept' });
		await session.setVariables({ RESULT: 'done' });
		expect(await session.exit('cleanup done')).toEqual({ reason: 'farHangup' });
		expect(caller.received).toEqual(['G,X', 'V,RESULT=done', 'E,cleanup done']);
	});

	it('sends H itself when nobody ends the call within hangupGraceMs', async () => {
		const { session, caller } = await pair({ session: { hangupGraceMs: 100 } }, { ignoreHangup: true });
		await delay(20);
		caller.hangup();
		await session.closed;
		expect(caller.received).toEqual(['H,caller hung up']);
		expect(caller.endedBy).toBe('hangup');
	});
});

describe('f6 server close', () => {
	it('destroy() drops the socket; Asterisk hangs the call up', async () => {
		const { session, caller } = await pair();
		await session.getParams();
		session.destroy();
		expect(await session.closed).toEqual({ reason: 'destroyed' });
		await caller.ended;
		expect(caller.endedBy).toBe('serverClosed');
	});
});

describe('injection attempts never reach the socket', () => {
	it('refuses a file name with a newline, and sends nothing', async () => {
		const { session, caller } = await pair();
		await expect(session.play(['beep', 'beep\nH,bye'])).rejects.toBeInstanceOf(IvrUnsafeCommandError);
		await expect(session.setVariables({ A: '1', B: 'x\nH,bye' })).rejects.toThrow(/variable "B"/);
		await expect(session.getVariables(['A', 'B\r\nE,x'])).rejects.toThrow(IvrUnsafeCommandError);
		await expect(session.exit('bye\nH,x')).rejects.toThrow(IvrUnsafeCommandError);
		await expect(session.log('x\0')).rejects.toThrow(IvrUnsafeCommandError);
		await delay(50);
		expect(caller.chunks).toEqual([]);
		expect(session.state).toBe('open');
		expect(caller.variables.has('A')).toBe(false);
	});
});

describe('long lists are split into lines Asterisk reads whole', () => {
	it('getVariables and setVariables with hundreds of names', async () => {
		const { session, caller } = await pair();
		const values = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`VARIABLE_${i}`, `value number ${i}`]));
		await session.setVariables(values);
		expect(await session.getVariables(Object.keys(values))).toEqual(values);
		const lines = caller.received;
		expect(lines.filter((line) => line.startsWith('V,')).length).toBeGreaterThan(1);
		expect(lines.filter((line) => line.startsWith('G,')).length).toBeGreaterThan(1);
		for (const line of lines) expect(Buffer.byteLength(line) + 1).toBeLessThanOrEqual(1023);
		expect(caller.stalls).toBe(0);
	});

	it('getVariables([]) and setVariables({}) send nothing', async () => {
		const { session, caller } = await pair();
		expect(await session.getVariables([])).toEqual({});
		await session.setVariables({});
		await delay(30);
		expect(caller.chunks).toEqual([]);
	});
});
