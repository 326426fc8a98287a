/**
 * Runs a channel through the simulated dialplan, one priority at a time: a Newexten per
 * priority, the application's duration in simulated time, then the next. The call that owns the
 * channel hears about answers, ringing, busy and the end through hooks.
 */
import { applicationSeconds, emitNewexten } from './call-events';
import type { Channel } from './channel';
import type { Pbx } from './pbx';

export interface RunnerHooks {
	onAnswer(): void;
	onRinging(): void;
	/** Busy()/Congestion(): the cause to hang up with. */
	onReject(cause: number): void;
	/** The dialplan hung up (Hangup(), or no more priorities). */
	onEnd(cause: number): void;
}

// Answer() waits for media for about half a second before the next priority (b1, g_misc).
const ANSWER_SECONDS = 0.5;

export class DialplanRunner {
	/** Simulated seconds spent so far. */
	elapsed = 0;
	private cancelTimer: (() => void) | undefined;
	private stopped = false;

	constructor(
		private readonly pbx: Pbx,
		private readonly channel: Channel,
		private readonly hooks: RunnerHooks,
	) {}

	start(context: string, exten: string, priority: number): void {
		this.channel.context = context;
		this.channel.exten = exten;
		this.step(priority);
	}

	cancel(): void {
		this.stopped = true;
		this.cancelTimer?.();
	}

	private later(seconds: number, next: () => void): void {
		if (!Number.isFinite(seconds)) return;
		this.cancelTimer = this.pbx.after(seconds, () => {
			this.elapsed += seconds;
			if (!this.stopped) next();
		});
	}

	private step(priority: number): void {
		if (this.stopped) return;
		const priorities = this.pbx.dialplan[this.channel.context]?.[this.channel.exten];
		const entry = priorities?.[priority - 1];
		if (entry === undefined) {
			this.hooks.onEnd(16);
			return;
		}
		const [application, data] = entry;
		this.channel.priority = priority;
		emitNewexten(this.pbx, this.channel, application, data);
		const next = (): void => this.step(priority + 1);
		switch (application.toLowerCase()) {
			case 'answer':
				this.hooks.onAnswer();
				this.later(ANSWER_SECONDS, next);
				return;
			case 'ringing':
				this.hooks.onRinging();
				this.later(0, next);
				return;
			case 'busy':
				this.hooks.onReject(17);
				return;
			case 'congestion':
				this.hooks.onReject(34);
				return;
			case 'hangup':
				this.hooks.onEnd(16);
				return;
			case 'set': {
				const eq = data.indexOf('=');
				if (eq > 0) this.channel.variables.set(data.slice(0, eq), data.slice(eq + 1));
				this.later(0, next);
				return;
			}
			default:
				this.later(applicationSeconds(this.pbx, application, data), next);
		}
	}
}
