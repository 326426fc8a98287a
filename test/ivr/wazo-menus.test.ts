/**
 * The Wazo IVR use cases, run turn by turn: simulated Asterisk ↔ Asterisk IVR Trigger ↔
 * "workflow" (flows.ts) ↔ Asterisk IVR node ↔ sendResponse ↔ the trigger's response promise.
 */
import type { EivrCaller } from '../simulator/eivr-caller';
import { TEST_TOKEN } from '../support/ivr-context';
import { menuWithSubmenu, minimalMenu, scheduledMenu } from './flows';
import { closeIvr, eventsOf, startIvr, workflowOf } from './harness';

afterEach(closeIvr);

/** Resolves when the caller receives one more command starting with `prefix` than it had. */
function nextCommand(caller: EivrCaller, prefix: string): Promise<string> {
	const count = (): number => caller.received.filter((line) => line.startsWith(prefix)).length;
	const seen = count();
	return caller.waitForCommand(() => count() > seen);
}

/** Resolves when the caller has sent (Asterisk → us) one more event matching. */
async function nextEvent(caller: EivrCaller, pattern: RegExp, timeoutMs = 3000): Promise<void> {
	const seen = caller.sent.filter((line) => pattern.test(line)).length;
	const started = Date.now();
	while (caller.sent.filter((line) => pattern.test(line)).length <= seen) {
		if (Date.now() - started > timeoutMs) throw new Error(`no event like ${pattern} within ${timeoutMs} ms: ${JSON.stringify(caller.sent)}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('use case 1: minimal IVR (3 tries, invalid choice, timeout)', () => {
	it('choice 1 returns to the dialplan with the destination set', async () => {
		const ivr = await startIvr(workflowOf(minimalMenu));
		const caller = await ivr.call({ args: [TEST_TOKEN, '1700000000.42', '0612345678', 'extra'] });
		await nextCommand(caller, 'A,ivr-example-choices');
		caller.press('1');
		await caller.ended;

		expect(caller.endedBy).toBe('exit');
		expect(caller.variables.get('IVR_DESTINATION')).toBe('8000');
		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'input:1']);
		const [start, input] = ivr.trigger.turns;
		expect(start).toMatchObject({
			turn: 0,
			event: 'start',
			digits: '',
			callerNumber: '0612345678',
			uniqueId: '1700000000.42',
			arguments: ['1700000000.42', '0612345678', 'extra'],
			variables: {},
			state: {},
			played: [],
			remoteAddress: '127.0.0.1',
		});
		expect(JSON.stringify(ivr.trigger.turns)).not.toContain(TEST_TOKEN);
		expect(input).toMatchObject({ turn: 1, event: 'input', digits: '1', inputEndedBy: 'maxDigits', state: { counter: 1 }, sessionId: start.sessionId });
		// The answer's commands, one per paced write, none stalled in Asterisk's reader.
		expect(caller.received).toEqual(['P,0', 'S,ivr-example-welcome-sound', 'A,ivr-example-choices', 'I,0', 'V,IVR_DESTINATION=8000', 'E,exit']);
		expect(caller.stalls).toBe(0);
	});

	it('invalid choice, then a timeout, then invalid again: the error message, then a hangup', async () => {
		const ivr = await startIvr(workflowOf(minimalMenu));
		const caller = await ivr.call();
		await nextCommand(caller, 'A,ivr-example-choices');
		caller.press('9'); // barge-in: stops the welcome sound
		await nextCommand(caller, 'A,ivr-example-choices');
		// no key: the prompt plays to its end, then the first-digit timeout runs
		await ivr.trigger.waitForTurns(3);
		await nextCommand(caller, 'A,ivr-example-choices');
		caller.press('9');
		await caller.ended;

		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'input:9', 'timeout', 'input:9']);
		expect(ivr.trigger.turns.map((turn) => turn.state.counter)).toEqual([undefined, 1, 2, 3]);
		// The barge-in's T/D came after turn 1 was emitted: they open turn 2's list.
		expect(ivr.trigger.turns[2].played.slice(-2)).toEqual([
			{ file: 'ivr-example-invalid-choice', outcome: 'finished' },
			{ file: 'ivr-example-choices', outcome: 'finished' },
		]);
		expect(caller.endedBy).toBe('hangup');
		// "Wait for playback first": the error message played to its end before the H.
		const finished = caller.sent.findIndex((line) => /^F,\s*\d+,ivr-example-error$/.test(line));
		expect(finished).toBeGreaterThan(-1);
		expect(caller.received[caller.received.length - 1]).toBe('H,hangup');
		expect(caller.stalls).toBe(0);
	});

	it('4 plays the choices again (the counter goes up), then 2', async () => {
		const ivr = await startIvr(workflowOf(minimalMenu));
		const caller = await ivr.call();
		await nextCommand(caller, 'A,ivr-example-choices');
		caller.press('4');
		await nextCommand(caller, 'S,ivr-example-choices');
		await nextEvent(caller, /^F,\s*\d+,ivr-example-choices$/); // heard the whole menu
		caller.press('2');
		await caller.ended;

		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'input:4', 'input:2']);
		expect(ivr.trigger.turns[2].state).toEqual({ counter: 2 });
		expect(caller.variables.get('IVR_DESTINATION')).toBe('8833');
	});
});

describe('use case 2: IVR with a schedule', () => {
	it('closed hours: the closed message, then a hangup, in one turn', async () => {
		const ivr = await startIvr(workflowOf(scheduledMenu(() => false)));
		const caller = await ivr.call();
		await caller.ended;

		expect(eventsOf(ivr.trigger.turns)).toEqual(['start']);
		expect(caller.received).toEqual(['P,0', 'S,ivr-example-closed', 'H,hangup']);
		expect(caller.sent.some((line) => /^F,\s*\d+,ivr-example-closed$/.test(line))).toBe(true);
		expect(caller.endedBy).toBe('hangup');
	});

	it('open hours: the menu', async () => {
		const ivr = await startIvr(workflowOf(scheduledMenu(() => true)));
		const caller = await ivr.call();
		await nextCommand(caller, 'A,ivr-example-choices');
		caller.press('3');
		await caller.ended;
		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'input:3']);
		expect(caller.variables.get('IVR_DESTINATION')).toBe('8547');
	});
});

describe('use case 3: IVR with a submenu', () => {
	it('3 opens the submenu, 3 goes back, 3 opens it again, 2 picks 8001', async () => {
		const ivr = await startIvr(workflowOf(menuWithSubmenu));
		const caller = await ivr.call();
		await nextCommand(caller, 'A,ivr-example-choices');
		caller.press('3');
		await nextCommand(caller, 'S,ivr-example-submenu-choices');
		caller.press('3');
		await nextCommand(caller, 'S,ivr-example-choices');
		caller.press('3');
		await nextCommand(caller, 'S,ivr-example-submenu-choices');
		caller.press('2');
		await caller.ended;

		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'input:3', 'input:3', 'input:3', 'input:2']);
		expect(ivr.trigger.turns.map((turn) => turn.state.menu)).toEqual([undefined, 'main', 'submenu', 'main', 'submenu']);
		expect(caller.variables.get('IVR_DESTINATION')).toBe('8001');
		expect(caller.endedBy).toBe('exit');
	});

	it('three wrong keys in the submenu end the call', async () => {
		const ivr = await startIvr(workflowOf(menuWithSubmenu));
		const caller = await ivr.call();
		await nextCommand(caller, 'A,ivr-example-choices');
		caller.press('3');
		await nextCommand(caller, 'S,ivr-example-submenu-choices');
		caller.press('7');
		for (let i = 0; i < 2; i++) {
			await nextCommand(caller, 'A,ivr-example-submenu-choices');
			caller.press('7');
		}
		await caller.ended;
		expect(eventsOf(ivr.trigger.turns)).toEqual(['start', 'input:3', 'input:7', 'input:7', 'input:7']);
		expect(caller.endedBy).toBe('hangup');
		expect(caller.received).toContain('S,ivr-example-error');
	});
});
