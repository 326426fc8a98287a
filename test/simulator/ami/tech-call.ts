/**
 * An originated channel of any other technology (PJSIP/bob, SIP/100…), or any channel whose
 * outcome a test chose: it rings, then answers, is busy, congested or never answers. After an
 * answer it runs the Originate's application (or dialplan) and hangs up with a Cdr.
 */
import {
	type CallClock,
	applicationSeconds,
	emitCdr,
	emitHangup,
	emitHangupRequest,
	emitNewchannel,
	emitNewstate,
	setChannelVariable,
} from './call-events';
import { Channel } from './channel';
import { DialplanRunner } from './dialplan-runner';
import type { OriginateFinish, OriginateRequest } from './originate-request';
import type { Pbx } from './pbx';
import type { OriginateOutcome } from './types';

export class TechCall {
	private readonly channel: Channel;
	private readonly clock: CallClock = { startedAt: Date.now(), answeredAfter: 0, endedAfter: 0 };
	private readonly cancels: Array<() => void> = [];
	private runner: DialplanRunner | undefined;
	private answered = false;
	private finished = false;
	private ended = false;

	constructor(
		private readonly pbx: Pbx,
		private readonly request: OriginateRequest,
		private readonly outcome: Exclude<OriginateOutcome, 'nosuchchannel'>,
		private readonly finish: OriginateFinish,
	) {
		const suffix = request.tech.toLowerCase() === 'local' ? ';1' : '';
		const id = pbx.nextUniqueid();
		this.channel = new Channel(`${request.channel}-${pbx.nextChannelSequence()}${suffix}`, id, id, 'default', 's');
	}

	start(): void {
		const { pbx, channel, request } = this;
		pbx.callsProcessed++;
		emitNewchannel(pbx, channel);
		for (const [name, value] of request.variables) setChannelVariable(pbx, channel, name, value);
		channel.onHangupRequest = (cause) => {
			emitHangupRequest(pbx, channel, cause, true);
			this.end(16, this.now());
		};
		channel.onRedirect = (context, exten, priority) => this.run(context, exten, priority, this.now());
		emitNewstate(pbx, channel, 5);
		switch (this.outcome) {
			case 'answer':
				this.schedule((pbx.options.answerDelayMs ?? 0) / 1000, () => this.answer());
				break;
			case 'busy':
				this.schedule(0, () => this.fail(17, 5));
				break;
			case 'congestion':
				this.schedule(0, () => this.fail(34, 8));
				break;
			case 'noanswer':
				this.schedule(request.timeoutMs / 1000, () => this.fail(0, 3));
				break;
		}
	}

	private schedule(seconds: number, fn: () => void): void {
		this.cancels.push(this.pbx.after(seconds, fn));
	}

	private now(): number {
		return (Date.now() - this.clock.startedAt) / 1000 / this.pbx.timeScale;
	}

	private report(success: boolean, reason: number): void {
		if (this.finished) return;
		this.finished = true;
		this.finish({ success, reason, channel: success ? this.channel : undefined });
	}

	private fail(cause: number, reason: number): void {
		this.ended = true;
		emitHangup(this.pbx, this.channel, cause);
		this.report(false, reason);
	}

	private answer(): void {
		const { pbx, channel, request } = this;
		this.answered = true;
		this.clock.answeredAfter = this.now();
		emitNewstate(pbx, channel, 6);
		this.report(true, 4);
		if (request.application === '') {
			this.run(request.context, request.exten, request.priority, this.clock.answeredAfter);
			return;
		}
		channel.application = request.application;
		channel.applicationData = request.applicationData;
		const seconds = applicationSeconds(pbx, request.application, request.applicationData);
		if (Number.isFinite(seconds)) this.schedule(seconds, () => this.end(16, this.clock.answeredAfter + seconds));
	}

	private run(context: string, exten: string, priority: number, offset: number): void {
		this.runner?.cancel();
		for (const cancel of this.cancels.splice(0)) cancel();
		const runner: DialplanRunner = new DialplanRunner(this.pbx, this.channel, {
			onAnswer: () => undefined,
			onRinging: () => undefined,
			onReject: (cause) => this.end(cause, offset + runner.elapsed),
			onEnd: (cause) => this.end(cause, offset + runner.elapsed),
		});
		this.runner = runner;
		runner.start(context, exten, priority);
	}

	private end(cause: number, at: number): void {
		if (this.ended) return;
		this.ended = true;
		this.runner?.cancel();
		for (const cancel of this.cancels.splice(0)) cancel();
		if (!this.finished) this.report(false, 1);
		this.clock.endedAfter = at;
		emitHangup(this.pbx, this.channel, cause);
		if (this.answered) emitCdr(this.pbx, this.channel, this.clock, [this.request.exten || 's', this.request.context || 'default']);
	}
}
