/**
 * Carrying out one answer on the live call: the steps in order, then the ending, which tells the
 * next turn what happened (keys, a timeout, the end of playback) or ends the call.
 *
 * Every step is handed to the session at once, in order: the session writes one command per
 * paced write, so order is kept without waiting here, and the first command goes out as soon as
 * the answer arrives. Playback is tracked across turns, so that "wait for playback" also waits
 * for files an earlier answer started.
 */
import type { IvrSession } from '../core/eivr';
import type { IvrAnswer, IvrEnding, TurnInputEnd } from './turn';

export type TurnResult =
	| { kind: 'next'; event: 'input' | 'timeout' | 'played'; digits: string; inputEndedBy: TurnInputEnd; terminator: string }
	| { kind: 'ended'; how: 'exit' | 'hangup' };

/** The plays of one call that have not ended yet. */
export class PlaybackTracker {
	private readonly running = new Set<Promise<unknown>>();

	track(playing: Promise<unknown>): void {
		this.running.add(playing);
		const forget = (): void => {
			this.running.delete(playing);
		};
		playing.then(forget, forget);
	}

	/** Resolves once every tracked play has ended; rejects if the call ends first. */
	async idle(): Promise<void> {
		while (this.running.size > 0) await Promise.all([...this.running]);
	}
}

export async function applyAnswer(session: IvrSession, plays: PlaybackTracker, answer: IvrAnswer): Promise<TurnResult> {
	const writes: Array<Promise<void>> = [];
	for (const step of answer.steps) {
		switch (step.action) {
			case 'play':
				plays.track(session.play([step.file]));
				break;
			case 'append':
				plays.track(session.play([step.file], { append: true }));
				break;
			case 'stop':
				writes.push(session.stop());
				break;
			case 'setVariables':
				if (Object.keys(step.variables).length > 0) writes.push(session.setVariables(step.variables));
				break;
			case 'log':
				writes.push(session.log(step.message));
				break;
			case 'answer':
				writes.push(session.answer());
				break;
			case 'sendDtmf':
				writes.push(session.sendDtmf(step.digits));
				break;
		}
	}
	return await finish(session, plays, answer.ending, writes);
}

async function finish(session: IvrSession, plays: PlaybackTracker, ending: IvrEnding, writes: Array<Promise<void>>): Promise<TurnResult> {
	switch (ending.type) {
		case 'collectDigits': {
			const [result] = await Promise.all([
				session.collectDigits({
					maxDigits: ending.maxDigits,
					terminator: ending.terminator,
					firstDigitTimeoutMs: ending.firstDigitTimeoutMs,
					interDigitTimeoutMs: ending.interDigitTimeoutMs,
					bargeIn: ending.bargeIn,
					flush: ending.flush,
				}),
				...writes,
			]);
			return {
				kind: 'next',
				event: result.digits === '' && result.reason === 'timeout' ? 'timeout' : 'input',
				digits: result.digits,
				inputEndedBy: result.reason,
				terminator: result.terminator ?? '',
			};
		}
		case 'waitForPlayback':
			await Promise.all(writes);
			await plays.idle();
			return { kind: 'next', event: 'played', digits: '', inputEndedBy: '', terminator: '' };
		case 'exit':
			await Promise.all(writes);
			if (ending.waitForPlayback) await plays.idle();
			if (Object.keys(ending.variables).length > 0) await session.setVariables(ending.variables);
			await session.exit(ending.message === '' ? undefined : ending.message);
			return { kind: 'ended', how: 'exit' };
		case 'hangup':
			await Promise.all(writes);
			if (ending.waitForPlayback) await plays.idle();
			await session.hangup(ending.message === '' ? undefined : ending.message);
			return { kind: 'ended', how: 'hangup' };
	}
}
