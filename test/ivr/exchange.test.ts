/**
 * waitForReply: the first of answer, no-answer, done, timeout and cancel decides; nothing lingers.
 */
import { DONE_GRACE_MS, EMPTY_RESPONSE_GRACE_MS, waitForReply } from '../../nodes/Asterisk/ivr/exchange';
import { ANSWER_MARKER } from '../../nodes/Asterisk/ivr/turn';

function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const ANSWER = { [ANSWER_MARKER]: 1, steps: [], ending: { type: 'hangup', message: '', waitForPlayback: true } };

function setup(timeoutMs = 1000) {
	const response = pending<unknown>();
	const done = pending<unknown>();
	const cancel = pending<void>();
	const reply = waitForReply({ response: response.promise, done: done.promise }, timeoutMs, cancel.promise);
	return { response, done, cancel, reply };
}

describe('waitForReply', () => {
	it('an answer with the marker is the answer', async () => {
		const { response, reply } = setup();
		response.resolve(ANSWER);
		expect(await reply).toMatchObject({ kind: 'answer', answer: { ending: { type: 'hangup' } } });
	});

	it('{} (the execution ended without answering), then done with success: the noAnswer fallback at once', async () => {
		const { response, done, reply } = setup(5000);
		const started = Date.now();
		response.resolve({});
		setTimeout(() => done.resolve({ status: 'success' }), 20);
		expect(await reply).toMatchObject({ kind: 'fallback', reason: 'noAnswer' });
		expect(Date.now() - started).toBeLessThan(DONE_GRACE_MS);
	});

	it('{} then done with status error (a failed execution in regular mode, e2e 5i): the error fallback at once', async () => {
		const { response, done, reply } = setup(5000);
		const started = Date.now();
		response.resolve({});
		setTimeout(() => done.resolve({ status: 'error' }), 20);
		expect(await reply).toEqual({ kind: 'fallback', reason: 'error', detail: 'the execution failed before an Asterisk IVR node answered' });
		expect(Date.now() - started).toBeLessThan(DONE_GRACE_MS);
	});

	it('done with status error, then {}: the error fallback at once', async () => {
		const { response, done, reply } = setup(5000);
		const started = Date.now();
		done.resolve({ status: 'error' });
		await Promise.resolve();
		response.resolve({});
		expect(await reply).toMatchObject({ kind: 'fallback', reason: 'error' });
		expect(Date.now() - started).toBeLessThan(DONE_GRACE_MS);
	});

	it('{} and no done: the noAnswer fallback after a grace, before the timeout', async () => {
		const { response, reply } = setup(5000);
		const started = Date.now();
		response.resolve({});
		expect(await reply).toMatchObject({ kind: 'fallback', reason: 'noAnswer' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(EMPTY_RESPONSE_GRACE_MS - 5);
		expect(Date.now() - started).toBeLessThan(EMPTY_RESPONSE_GRACE_MS + 300);
	});

	it('a rejected response is the error fallback', async () => {
		const { response, reply } = setup();
		response.reject(new Error('boom'));
		expect(await reply).toEqual({ kind: 'fallback', reason: 'error', detail: 'the execution failed: boom' });
	});

	it('done without a response: the fallback after a short grace, not the timeout', async () => {
		const { done, reply } = setup(5000);
		const started = Date.now();
		done.resolve({ status: 'success' });
		expect(await reply).toMatchObject({ kind: 'fallback', reason: 'noAnswer' });
		expect(Date.now() - started).toBeLessThan(DONE_GRACE_MS + 150);
	});

	it('done with status error: the error fallback', async () => {
		const { done, reply } = setup(5000);
		done.resolve({ status: 'error' });
		expect(await reply).toMatchObject({ kind: 'fallback', reason: 'error' });
	});

	it('an answer arriving within the grace after done still counts (queue mode ordering)', async () => {
		const { response, done, reply } = setup(5000);
		done.resolve({ status: 'success' });
		setTimeout(() => response.resolve(ANSWER), DONE_GRACE_MS / 4);
		expect(await reply).toMatchObject({ kind: 'answer' });
	});

	it('done with status waiting (a long Wait node) keeps waiting for the answer', async () => {
		const { response, done, reply } = setup(5000);
		done.resolve({ status: 'waiting' });
		setTimeout(() => response.resolve(ANSWER), DONE_GRACE_MS * 2);
		expect(await reply).toMatchObject({ kind: 'answer' });
	});

	it('nothing in time: the timeout fallback', async () => {
		const { reply } = setup(50);
		expect(await reply).toEqual({ kind: 'fallback', reason: 'timeout', detail: 'the workflow did not answer within 0.05 s' });
	});

	it('cancelled (hangup, trigger closing) wins over a later answer', async () => {
		const { response, cancel, reply } = setup();
		cancel.resolve();
		await Promise.resolve();
		response.resolve(ANSWER);
		expect(await reply).toEqual({ kind: 'cancelled' });
	});
});
