/**
 * One call, turn by turn: read the arguments, check the token, read the variables, then emit a
 * turn, wait for its answer, carry it out, and emit the next, until the call returns to the
 * dialplan, hangs up, or gets the fallback.
 *
 * A far-end hangup (or the socket lost) ends the call at any point: what waits is abandoned, a
 * late answer is ignored, and one last `hangup` turn is emitted so the workflow can log the call
 * (only once the `start` turn was, so a refused call never reaches the workflow). With option
 * `i` Asterisk keeps the channel and waits for us: we end it with `H` at once.
 */
import type { IDataObject } from 'n8n-workflow';

import { IvrError, type IvrCloseReason, type IvrSession } from '../core/eivr';
import { readArguments, tokenMatches, type IvrArguments } from './dialplan-line';
import type { FallbackReason, WorkflowReply } from './exchange';
import { applyAnswer, PlaybackTracker, type TurnResult } from './runner';
import type { IvrAnswer, PlayedFile, TurnData } from './turn';

export type Fallback =
	/** `E`, after setting `variable` (if any) to the reason: timeout, noAnswer or error. */
	| { readonly action: 'returnToDialplan'; readonly variable: string }
	/** Stop what plays, play `file`, then `H`. */
	| { readonly action: 'playAndHangup'; readonly file: string };

export interface CallSettings {
	readonly token: string;
	/** Channel variables read with `G` before the start turn. */
	readonly variables: readonly string[];
	readonly turnTimeoutMs: number;
	readonly fallback: Fallback;
}

export interface CallLog {
	debug(message: string): void;
	info(message: string): void;
	warn(message: string): void;
}

export interface CallHost {
	/** Emit a turn and wait for its answer (see waitForReply). */
	ask(data: TurnData, cancelled: Promise<void>): Promise<WorkflowReply>;
	/** Emit the final hangup turn; its answer is ignored. */
	tell(data: TurnData): void;
	readonly log: CallLog;
}

type TurnInput = Omit<Extract<TurnResult, { kind: 'next' }>, 'kind'> | { event: 'start' | 'hangup'; digits: ''; inputEndedBy: ''; terminator: '' };

/** Close reasons that mean the call is gone without our word. */
const LOST: ReadonlySet<IvrCloseReason> = new Set<IvrCloseReason>(['farHangup', 'socketClosed', 'error']);

export class IvrCall {
	private state: IDataObject = {};
	private played: PlayedFile[] = [];
	private readonly plays = new PlaybackTracker();
	private readonly startedAt = Date.now();
	private args: IvrArguments = { token: '', uniqueId: '', callerNumber: '', rest: [] };
	private variables: IDataObject = {};
	private nextTurn = 0;
	private gone = false;
	private readonly cancelled: Promise<void>;
	private cancel!: () => void;

	constructor(
		private readonly session: IvrSession,
		private readonly settings: CallSettings,
		private readonly host: CallHost,
	) {
		this.cancelled = new Promise<void>((resolve) => (this.cancel = resolve));
		session.on('playback', (result) => this.played.push({ file: result.file, outcome: result.outcome }));
		session.on('hangup', () => {
			this.gone = true;
			// Option `i`: the channel waits for our `E` or `H`; nothing more will be played to it.
			if (session.state === 'hungUp') void session.hangup('caller hung up');
			this.cancel();
		});
		void session.closed.then((info) => {
			if (LOST.has(info.reason)) this.gone = true;
			this.cancel();
		});
	}

	get id(): string {
		return this.session.id;
	}

	/** Runs the call to its end; never rejects. */
	async run(): Promise<void> {
		try {
			if (!(await this.begin())) return;
			let input: TurnInput = { event: 'start', digits: '', inputEndedBy: '', terminator: '' };
			for (;;) {
				const reply = await this.host.ask(this.turnData(input), this.cancelled);
				if (this.gone || reply.kind === 'cancelled') return;
				if (reply.kind === 'fallback') return await this.fallback(reply.reason, reply.detail);
				this.keepState(reply.answer);
				const result = await applyAnswer(this.session, this.plays, reply.answer);
				if (result.kind === 'ended') return;
				input = result;
			}
		} catch (error) {
			await this.onError(error);
		} finally {
			if (this.gone && this.nextTurn > 0) this.host.tell(this.turnData({ event: 'hangup', digits: '', inputEndedBy: '', terminator: '' }));
			await this.session.closed;
		}
	}

	/** `P`, the token, `G`: false when the call was refused. */
	private async begin(): Promise<boolean> {
		const params = await this.session.getParams();
		this.args = readArguments(params.args);
		if (!tokenMatches(this.args.token, this.settings.token)) {
			this.host.log.warn(`Asterisk IVR: refused a call from ${this.session.remoteAddress}: wrong or missing token in the ExternalIVR arguments`);
			await this.session.hangup('n8n: invalid token');
			return false;
		}
		if (this.settings.variables.length > 0) this.variables = { ...(await this.session.getVariables(this.settings.variables)) };
		return true;
	}

	private turnData(input: TurnInput): TurnData {
		const played = this.played;
		this.played = [];
		return {
			sessionId: this.session.id,
			turn: this.nextTurn++,
			event: input.event,
			digits: input.digits,
			inputEndedBy: input.inputEndedBy,
			terminator: input.terminator,
			callerNumber: this.args.callerNumber,
			uniqueId: this.args.uniqueId,
			arguments: [...this.args.rest],
			variables: this.variables,
			state: this.state,
			played,
			elapsedSeconds: Math.round((Date.now() - this.startedAt) / 100) / 10,
			remoteAddress: this.session.remoteAddress,
		};
	}

	private keepState(answer: IvrAnswer): void {
		if (answer.state === undefined) return;
		this.state = answer.replaceState ? { ...answer.state } : { ...this.state, ...answer.state };
	}

	private async fallback(reason: FallbackReason, detail: string): Promise<void> {
		const fallback = this.settings.fallback;
		const turn = this.nextTurn - 1;
		this.host.log.warn(`Asterisk IVR: call ${this.session.id} turn ${turn}: ${detail}; ${fallback.action === 'returnToDialplan' ? 'returning to the dialplan' : 'playing the fallback file and hanging up'}`);
		if (fallback.action === 'returnToDialplan') {
			if (fallback.variable !== '') await this.session.setVariables({ [fallback.variable]: reason });
			await this.session.exit(`n8n: ${reason}`);
			return;
		}
		await this.session.play([fallback.file], { interrupt: true }).catch(() => undefined);
		await this.session.hangup(`n8n: ${reason}`);
	}

	private async onError(error: unknown): Promise<void> {
		if (this.gone) return;
		const state = this.session.state;
		if (state === 'ending' || state === 'closed') return; // we ended it, or the trigger is closing
		if (error instanceof IvrError && error.code !== 'UNSAFE_COMMAND') {
			this.host.log.warn(`Asterisk IVR: call ${this.session.id}: ${error.message}`);
			this.session.destroy('error');
			return;
		}
		// An answer that could not be carried out (a value the core refused): the fallback.
		const message = error instanceof Error ? error.message : String(error);
		try {
			await this.fallback('error', `the answer could not be carried out: ${message}`);
		} catch {
			this.session.destroy('error');
		}
	}
}
