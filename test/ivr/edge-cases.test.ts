/**
 * What goes wrong on a call: the wrong token, a peer outside the allowlist, a workflow that does
 * not answer (in time, or at all), a broken answer, a caller who hangs up mid-turn, and the
 * trigger closing with calls in progress.
 */
import { ANSWER_MARKER } from '../../nodes/Asterisk/ivr/turn';
import { TEST_TOKEN } from '../support/ivr-context';
import { collect, closeIvr, delay, eventsOf, play, startIvr, workflowOf } from './harness';

afterEach(closeIvr);

const never = (): Promise<void> => new Promise<void>(() => undefined);

describe('refused before any workflow runs', () => {
	it('a call with the wrong token is hung up after P', async () => {
		const ivr = await startIvr(workflowOf(() => collect([play('beep')], {})));
		const caller = await ivr.call({ args: ['wrong-token-0123456789', '1700000000.1', '100'] });
		await caller.ended;
		expect(caller.received).toEqual(['P,0', 'H,n8n: invalid token']);
		expect(caller.endedBy).toBe('hangup');
		expect(ivr.trigger.turns).toEqual([]);
		expect(ivr.trigger.logs.some(({ level, message }) => level === 'warn' && /wrong or missing token/.test(message))).toBe(true);
	});

	it('a call without arguments is hung up too', async () => {
		const ivr = await startIvr(workflowOf(() => collect([], {})));
		const caller = await ivr.call({ args: [] });
		await caller.ended;
		expect(caller.endedBy).toBe('hangup');
		expect(ivr.trigger.turns).toEqual([]);
	});

	it('the token must be first: a right token in another place does not count', async () => {
		const ivr = await startIvr(workflowOf(() => collect([], {})));
		const caller = await ivr.call({ args: ['1700000000.1', '100', TEST_TOKEN] });
		await caller.ended;
		expect(caller.endedBy).toBe('hangup');
		expect(ivr.trigger.turns).toEqual([]);
	});

	it('a peer outside the allowlist is closed without a byte', async () => {
		const ivr = await startIvr(workflowOf(() => collect([], {})), { allowlist: '127.0.0.2' });
		const caller = await ivr.call();
		await caller.ended;
		expect(caller.chunks).toEqual([]);
		expect(caller.endedBy).toBe('serverClosed');
		expect(ivr.trigger.turns).toEqual([]);
		expect(ivr.trigger.logs.some(({ message }) => /refused a connection from 127\.0\.0\.1: not in the allowlist/.test(message))).toBe(true);

		const allowed = await ivr.call({ localAddress: '127.0.0.2' });
		await ivr.trigger.waitForTurns(1);
		expect(ivr.trigger.turns[0].remoteAddress).toBe('127.0.0.2');
		allowed.hangup();
	});
});

describe('the fallback', () => {
	it('a turn without an answer in time returns to the dialplan with N8N_IVR_FALLBACK=timeout', async () => {
		const ivr = await startIvr(never, { turnTimeout: 0.3 });
		const started = Date.now();
		const caller = await ivr.call();
		await caller.ended;
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		expect(caller.received).toEqual(['P,0', 'V,N8N_IVR_FALLBACK=timeout', 'E,n8n: timeout']);
		expect(caller.endedBy).toBe('exit');
		expect(ivr.trigger.logs.some(({ level, message }) => level === 'warn' && /did not answer within 0.3 s/.test(message))).toBe(true);
	});

	it('an execution that ends without answering gets the fallback at once, not after the timeout', async () => {
		const ivr = await startIvr(workflowOf(() => undefined), { turnTimeout: 10 });
		const started = Date.now();
		const caller = await ivr.call();
		await caller.ended;
		expect(Date.now() - started).toBeLessThan(1000);
		expect(caller.variables.get('N8N_IVR_FALLBACK')).toBe('noAnswer');
		expect(caller.endedBy).toBe('exit');
	});

	it("a failed execution (queue mode's error body) gets the error fallback", async () => {
		const ivr = await startIvr(async (_turn, sendResponse) => {
			await sendResponse({ body: { message: 'Workflow execution failed' }, statusCode: 500 });
		});
		const caller = await ivr.call();
		await caller.ended;
		expect(caller.variables.get('N8N_IVR_FALLBACK')).toBe('error');
	});

	it('an answer that cannot be carried out gets the error fallback, and nothing of it is sent', async () => {
		const ivr = await startIvr(async (_turn, sendResponse) => {
			await sendResponse({ [ANSWER_MARKER]: 1, steps: [{ action: 'play', file: 'a,b' }], ending: { type: 'waitForPlayback' } });
		});
		const caller = await ivr.call();
		await caller.ended;
		expect(caller.received).toEqual(['P,0', 'V,N8N_IVR_FALLBACK=error', 'E,n8n: error']);
	});

	it('an answer of another version is not used', async () => {
		const ivr = await startIvr(async (_turn, sendResponse) => {
			await sendResponse({ [ANSWER_MARKER]: 2, steps: [], ending: { type: 'hangup' } });
		});
		const caller = await ivr.call();
		await caller.ended;
		expect(caller.variables.get('N8N_IVR_FALLBACK')).toBe('error');
		expect(ivr.trigger.logs.some(({ message }) => /unsupported answer version 2/.test(message))).toBe(true);
	});

	it('"play a file and hang up": stops what plays, plays the file to its end, hangs up', async () => {
		const ivr = await startIvr(workflowOf(() => undefined), { fallback: 'playAndHangup', fallbackFile: 'vm-goodbye' });
		const caller = await ivr.call();
		await caller.ended;
		expect(caller.received).toEqual(['P,0', 'I,0', 'A,vm-goodbye', 'H,n8n: noAnswer']);
		expect(caller.sent.some((line) => /^F,\s*\d+,vm-goodbye$/.test(line))).toBe(true);
		expect(caller.endedBy).toBe('hangup');
	});

	it('an answer after the timeout is ignored', async () => {
		let late: Promise<void> | undefined;
		const ivr = await startIvr(
			workflowOf(async () => {
				late = delay(400);
				await late;
				return collect([play('beep')], {});
			}),
			{ turnTimeout: 0.2 },
		);
		const caller = await ivr.call();
		await caller.ended;
		await late;
		await Promise.allSettled(ivr.trigger.executions);
		expect(caller.received).toEqual(['P,0', 'V,N8N_IVR_FALLBACK=timeout', 'E,n8n: timeout']);
	});
});

describe('hangups', () => {
	it('a hangup while the workflow thinks: a final hangup turn, the late answer ignored', async () => {
		const ivr = await startIvr(
			workflowOf(async (turn) => {
				if (turn.event === 'hangup') return undefined;
				await delay(200);
				return collect([play('beep')], {});
			}),
		);
		const caller = await ivr.call();
		await ivr.trigger.waitForTurns(1);
		caller.hangup();
		await ivr.trigger.waitForTurns(2);
		await caller.ended;
		await Promise.allSettled(ivr.trigger.executions);
		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'hangup']);
		expect(ivr.trigger.turns[1]).toMatchObject({ turn: 1, sessionId: ivr.trigger.turns[0].sessionId });
		expect(caller.received).toEqual(['P,0']);
		expect(caller.endedBy).toBe('farHangup');
	});

	it('a hangup during digit collection ends the call with a hangup turn', async () => {
		const ivr = await startIvr(workflowOf((turn) => (turn.event === 'hangup' ? undefined : collect([play('beep')], { step: 1 }, { firstDigitTimeout: 30 }))));
		const caller = await ivr.call();
		await caller.waitForCommand('S,beep');
		caller.hangup();
		await ivr.trigger.waitForTurns(2);
		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'hangup']);
		expect(ivr.trigger.turns[1].state).toEqual({ step: 1 });
	});

	it("with option i (Asterisk waits for us after I,HANGUP), the call is ended with H at once", async () => {
		const ivr = await startIvr(workflowOf((turn) => (turn.event === 'hangup' ? undefined : collect([play('beep')], {}, { firstDigitTimeout: 30 }))));
		const caller = await ivr.call({ ignoreHangup: true });
		await caller.waitForCommand('S,beep');
		const started = Date.now();
		caller.hangup();
		await caller.ended;
		expect(Date.now() - started).toBeLessThan(1000);
		expect(caller.received[caller.received.length - 1]).toBe('H,caller hung up');
		await ivr.trigger.waitForTurns(2);
		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'hangup']);
	});

	it('a hangup before the start turn emits nothing', async () => {
		const ivr = await startIvr(workflowOf(() => collect([], {})), { variables: 'SLOW' });
		const caller = await ivr.call();
		await caller.waitForCommand('P,0');
		caller.hangup();
		await caller.ended;
		await delay(50);
		expect(ivr.trigger.turns).toEqual([]);
	});
});

describe('turns', () => {
	it('reads the variables asked for at start', async () => {
		const ivr = await startIvr(workflowOf((turn) => (turn.event === 'start' ? { steps: {}, ending: 'hangup' } : undefined)), {
			variables: 'MY_DID, CHANNEL_LANG, UNSET_ONE',
		});
		const caller = await ivr.call({ variables: { MY_DID: '0140000000', CHANNEL_LANG: 'fr' } });
		await caller.ended;
		expect(ivr.trigger.turns[0].variables).toEqual({ MY_DID: '0140000000', CHANNEL_LANG: 'fr', UNSET_ONE: '' });
	});

	it('"wait for playback" gives a played turn; state merges, or is replaced', async () => {
		const ivr = await startIvr(
			workflowOf((turn) => {
				if (turn.event === 'start') return { steps: { step: [play('beep'), { action: 'append', file: 'missing-file' }] }, ending: 'waitForPlayback', state: '{"a":1,"b":2}' };
				if (turn.turn === 1) return { steps: {}, ending: 'waitForPlayback', state: '{"b":3}' };
				if (turn.turn === 2) return { steps: {}, ending: 'waitForPlayback', state: '{"c":4}', options: { replaceState: true } };
				return { steps: {}, ending: 'returnToDialplan' };
			}),
		);
		const caller = await ivr.call();
		await caller.ended;
		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'played', 'played', 'played']);
		expect(ivr.trigger.turns.map((turn) => turn.state)).toEqual([{}, { a: 1, b: 2 }, { a: 1, b: 3 }, { c: 4 }]);
		expect(ivr.trigger.turns[1].played).toEqual([
			{ file: 'beep', outcome: 'finished' },
			{ file: 'missing-file', outcome: 'missing' },
		]);
	});

	it('digits with a terminator, and keys typed ahead while the workflow thinks', async () => {
		const ivr = await startIvr(
			workflowOf(async (turn) => {
				if (turn.event === 'start') return collect([play('beep')], {}, { maxDigits: 6, terminator: '#', interDigitTimeout: 2 });
				if (turn.turn === 1) {
					await delay(100); // the caller types on meanwhile
					return collect([], {}, { maxDigits: 2 });
				}
				return { steps: {}, ending: 'hangup' };
			}),
		);
		const caller = await ivr.call();
		await caller.waitForCommand('S,beep');
		caller.press('1234#56');
		await caller.ended;
		expect(ivr.trigger.turns.slice(1).map(({ digits, inputEndedBy, terminator }) => ({ digits, inputEndedBy, terminator }))).toEqual([
			{ digits: '1234', inputEndedBy: 'terminator', terminator: '#' },
			{ digits: '56', inputEndedBy: 'maxDigits', terminator: '' },
		]);
	});
});

describe('closing the trigger', () => {
	it('live calls return to the dialplan, no hangup turn, nothing left open', async () => {
		const ivr = await startIvr(workflowOf((turn) => (turn.event === 'start' ? collect([play('beep')], {}, { firstDigitTimeout: 30 }) : undefined)));
		const waiting = await startIvr(never);
		const inCollection = await ivr.call();
		const inTurn = await waiting.call();
		await inCollection.waitForCommand('S,beep');
		await waiting.trigger.waitForTurns(1);
		await Promise.all([ivr.trigger.close(), waiting.trigger.close()]);
		await Promise.all([inCollection.ended, inTurn.ended]);
		expect(inCollection.received[inCollection.received.length - 1]).toBe('E,server closing');
		expect(inTurn.received).toEqual(['P,0', 'E,server closing']);
		expect(eventsOf(ivr.trigger.turns)).toEqual(['start']);
		expect(eventsOf(waiting.trigger.turns)).toEqual(['start']);
	});
});
