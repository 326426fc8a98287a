/**
 * Digit collection on a live session: max digits, terminator, timeouts counted after the prompt,
 * barge-in, type-ahead.
 */
import { IvrHangupError } from '../../../nodes/Asterisk/core/eivr';
import { closeAll, delay, pair } from './helpers';

afterEach(closeAll);

describe('collectDigits', () => {
	it('stops at maxDigits', async () => {
		const { session, caller } = await pair();
		const collecting = session.collectDigits({ maxDigits: 3 });
		caller.press('1234');
		expect(await collecting).toEqual({ digits: '123', reason: 'maxDigits' });
		// The fourth key waits for the next collection (type-ahead).
		expect(await session.collectDigits({ maxDigits: 1, firstDigitTimeoutMs: 50 })).toEqual({ digits: '4', reason: 'maxDigits' });
	});

	it('stops at a terminator, which is not part of the digits', async () => {
		const { session, caller } = await pair();
		const collecting = session.collectDigits({ maxDigits: 10, terminator: '#*' });
		caller.press('42#');
		expect(await collecting).toEqual({ digits: '42', reason: 'terminator', terminator: '#' });
	});

	it('a terminator alone gives empty digits', async () => {
		const { session, caller } = await pair();
		const collecting = session.collectDigits({ maxDigits: 4, terminator: '#' });
		caller.press('#');
		expect(await collecting).toEqual({ digits: '', reason: 'terminator', terminator: '#' });
	});

	it('times out with nothing pressed', async () => {
		const { session } = await pair();
		const started = Date.now();
		expect(await session.collectDigits({ firstDigitTimeoutMs: 100 })).toEqual({ digits: '', reason: 'timeout' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
	});

	it('times out between keys', async () => {
		const { session, caller } = await pair();
		const collecting = session.collectDigits({ maxDigits: 5, firstDigitTimeoutMs: 5000, interDigitTimeoutMs: 100 });
		caller.press('12');
		const started = Date.now();
		expect(await collecting).toEqual({ digits: '12', reason: 'timeout' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(80);
	});

	it('counts the first-digit timeout from the end of the prompt', async () => {
		const { session } = await pair({}, { files: { prompt: 300 } });
		const started = Date.now();
		const playing = session.play(['prompt']);
		expect(await session.collectDigits({ firstDigitTimeoutMs: 100 })).toEqual({ digits: '', reason: 'timeout' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(380);
		expect(await playing).toEqual([{ file: 'prompt', outcome: 'finished' }]);
	});

	it('barge-in: the first key stops the prompt with I,0', async () => {
		const { session, caller } = await pair({}, { files: { prompt: 2000, more: 2000 } });
		const playing = session.play(['prompt', 'more']);
		const collecting = session.collectDigits({ maxDigits: 2, interDigitTimeoutMs: 1000 });
		await caller.waitForCommand('A,more');
		caller.press('7');
		expect(await playing).toEqual([
			{ file: 'prompt', outcome: 'stopped' },
			{ file: 'more', outcome: 'dropped' },
		]);
		caller.press('8');
		expect(await collecting).toEqual({ digits: '78', reason: 'maxDigits' });
		expect(caller.received).toEqual(['S,prompt', 'A,more', 'I,0']);
	});

	it('without barge-in the prompt plays on and the keys still count', async () => {
		const { session, caller } = await pair({}, { files: { prompt: 200 } });
		const playing = session.play(['prompt']);
		const collecting = session.collectDigits({ maxDigits: 3, bargeIn: false, interDigitTimeoutMs: 100 });
		await caller.waitForCommand('S,prompt');
		caller.press('12');
		expect(await playing).toEqual([{ file: 'prompt', outcome: 'finished' }]);
		// The inter-digit timer only starts once the prompt is over.
		expect(await collecting).toEqual({ digits: '12', reason: 'timeout' });
		expect(caller.received).toEqual(['S,prompt']);
	});

	it('type-ahead counts first; flush forgets it', async () => {
		const { session, caller } = await pair();
		caller.press('9');
		await delay(30);
		expect(await session.collectDigits({ maxDigits: 1 })).toEqual({ digits: '9', reason: 'maxDigits' });
		caller.press('5');
		await delay(30);
		expect(await session.collectDigits({ maxDigits: 1, flush: true, firstDigitTimeoutMs: 50 })).toEqual({ digits: '', reason: 'timeout' });
	});

	it('with autoclear, Asterisk stops the prompt itself', async () => {
		const { session, caller } = await pair({}, { files: { prompt: 2000 } });
		await session.setOption('autoclear');
		const playing = session.play(['prompt']);
		const collecting = session.collectDigits({ maxDigits: 1 });
		await caller.waitForCommand('S,prompt');
		caller.press('3');
		expect(await collecting).toEqual({ digits: '3', reason: 'maxDigits' });
		expect(await playing).toEqual([{ file: 'prompt', outcome: 'stopped' }]);
	});

	it('runs one collection at a time', async () => {
		const { session, caller } = await pair();
		const first = session.collectDigits({ maxDigits: 1 });
		await expect(session.collectDigits()).rejects.toThrow(/already running/);
		caller.press('1');
		expect(await first).toEqual({ digits: '1', reason: 'maxDigits' });
	});

	it('refuses nonsense options before anything starts', async () => {
		const { session } = await pair();
		await expect(session.collectDigits({ maxDigits: 0 })).rejects.toThrow(RangeError);
		await expect(session.collectDigits({ terminator: 'x' })).rejects.toThrow(/not a DTMF key/);
		await expect(session.collectDigits({ firstDigitTimeoutMs: -1 })).rejects.toThrow(/firstDigitTimeoutMs/);
	});

	it('rejects on hangup and leaves no timer behind', async () => {
		const { session, caller } = await pair();
		const collecting = session.collectDigits({ maxDigits: 4, firstDigitTimeoutMs: 60_000 });
		caller.press('1');
		await delay(20);
		caller.hangup();
		await expect(collecting).rejects.toBeInstanceOf(IvrHangupError);
	});
});
