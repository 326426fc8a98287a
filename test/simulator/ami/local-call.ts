/**
 * An originated Local channel pair, event for event as the captures show it: b1 (answered, the
 * ;1 side's application ends first), b3 (no such extension), g_misc (the ;2 dialplan hangs up
 * first). `;1` is the originated side that runs the Originate's application once `;2`, running
 * the dialplan, answers.
 */
import {
	type CallClock,
	applicationSeconds,
	emitCdr,
	emitHangup,
	emitHangupRequest,
	emitNewCallerid,
	emitNewchannel,
	emitNewConnectedLine,
	emitNewexten,
	emitNewstate,
	setChannelVariable,
} from './call-events';
import { Channel } from './channel';
import { DialplanRunner } from './dialplan-runner';
import type { OriginateFinish, OriginateRequest } from './originate-request';
import type { Pbx } from './pbx';

export class LocalCall {
	private readonly one: Channel;
	private readonly two: Channel;
	private readonly device: string;
	private readonly destination: [string, string];
	private readonly clock: CallClock = { startedAt: Date.now(), answeredAfter: 0, endedAfter: 0 };
	private readonly runners = new Set<DialplanRunner>();
	private cancelApp: (() => void) | undefined;
	private cancelTimeout: (() => void) | undefined;
	private answered = false;
	private ringing = false;
	private finished = false;
	private ended = false;

	constructor(
		private readonly pbx: Pbx,
		private readonly request: OriginateRequest,
		private readonly finish: OriginateFinish,
	) {
		const [target] = request.data.split('/');
		const at = target.indexOf('@');
		const exten = at < 0 ? target : target.slice(0, at);
		const context = at < 0 ? 'default' : target.slice(at + 1);
		const base = `Local/${target}-${pbx.nextChannelSequence()}`;
		const firstId = pbx.nextUniqueid();
		this.one = new Channel(`${base};1`, firstId, firstId, context, exten);
		this.two = new Channel(`${base};2`, pbx.nextUniqueid(), firstId, context, exten);
		this.two.state = 4;
		this.device = `Local/${target}`;
		this.destination = [exten, context];
	}

	start(): void {
		const { pbx, one, two, request } = this;
		pbx.callsProcessed++;
		emitNewchannel(pbx, one);
		emitNewchannel(pbx, two);
		emitNewexten(pbx, one, 'AppDial2', '(Outgoing Line)');
		if (!pbx.extensionExists(two.context, two.exten)) {
			this.failNoExtension();
			return;
		}
		for (const [name, value] of [...request.variables].reverse()) setChannelVariable(pbx, one, name, value);
		const hasCallerId = request.callerNum !== undefined || request.callerName !== undefined;
		if (hasCallerId) {
			one.callerNum = request.callerNum;
			one.callerName = request.callerName;
			emitNewCallerid(pbx, one);
			one.connectedNum = request.callerNum;
			one.connectedName = request.callerName;
			emitNewConnectedLine(pbx, one);
		}
		for (const [name, value] of request.variables) setChannelVariable(pbx, two, name, value);
		if (hasCallerId) {
			two.callerNum = one.callerNum;
			two.callerName = one.callerName;
			two.connectedNum = one.connectedNum;
			two.connectedName = one.connectedName;
			emitNewCallerid(pbx, two);
			emitNewConnectedLine(pbx, two);
		}
		pbx.emit('LocalBridge', 'call', [
			...one.stateHeaders('LocalOne'),
			...two.stateHeaders('LocalTwo'),
			['Context', two.context],
			['Exten', two.exten],
			['LocalOptimization', 'Yes'],
		]);
		pbx.emit('DialBegin', 'call', [...one.stateHeaders('Dest'), ['DialString', `${two.exten}@${two.context}`]]);
		this.installHooks();
		this.cancelTimeout = pbx.after(request.timeoutMs / 1000, () => this.timeout());
		this.run(two, two.context, two.exten, 1, 0);
	}

	private installHooks(): void {
		for (const channel of [this.one, this.two]) {
			channel.onHangupRequest = (cause) => {
				emitHangupRequest(this.pbx, channel, cause, true);
				this.end(channel, 16);
			};
			channel.onRedirect = (context, exten, priority) => {
				if (channel === this.one) this.cancelApp?.();
				this.run(channel, context, exten, priority, this.now());
			};
		}
	}

	/** Run `channel` through the dialplan; `offset` is the simulated second it starts at. */
	private run(channel: Channel, context: string, exten: string, priority: number, offset: number): void {
		const runner: DialplanRunner = new DialplanRunner(this.pbx, channel, {
			onAnswer: () => this.answer(offset + runner.elapsed),
			onRinging: () => this.ring(),
			onReject: (cause) => this.reject(cause),
			onEnd: (cause) => this.end(channel, cause, offset + runner.elapsed),
		});
		this.runners.add(runner);
		runner.start(context, exten, priority);
	}

	private report(success: boolean, reason: number): void {
		if (this.finished) return;
		this.finished = true;
		this.cancelTimeout?.();
		this.finish({ success, reason, channel: success ? this.one : undefined });
	}

	private failNoExtension(): void {
		const { pbx } = this;
		emitHangup(pbx, this.two, 0);
		pbx.emit('DeviceStateChange', 'call', [['Device', this.device], ['State', 'INVALID']]);
		this.report(false, 0);
		emitHangup(pbx, this.one, 0);
		pbx.emit('DeviceStateChange', 'call', [['Device', this.device], ['State', 'INVALID']]);
	}

	private ring(): void {
		if (this.ringing || this.answered) return;
		this.ringing = true;
		emitNewstate(this.pbx, this.one, 5);
	}

	private answer(at: number): void {
		if (this.answered) return;
		const { pbx, one, two, request } = this;
		this.answered = true;
		this.clock.answeredAfter = at;
		emitNewstate(pbx, one, 6);
		emitNewstate(pbx, two, 6);
		pbx.emit('DialEnd', 'call', [...one.stateHeaders('Dest'), ['DialStatus', 'ANSWER']]);
		this.report(true, 4);
		for (let i = 0; i < 2; i++) pbx.emit('DeviceStateChange', 'call', [['Device', this.device], ['State', 'INUSE']]);
		if (request.application === '') {
			this.run(one, request.context, request.exten, request.priority, at);
			return;
		}
		one.application = request.application;
		one.applicationData = request.applicationData;
		const seconds = applicationSeconds(pbx, request.application, request.applicationData);
		if (Number.isFinite(seconds)) this.cancelApp = pbx.after(seconds, () => this.end(one, 0, at + seconds));
	}

	private reject(cause: number): void {
		this.report(false, cause === 17 ? 5 : 8);
		this.end(this.two, cause);
	}

	private timeout(): void {
		this.report(false, this.ringing ? 3 : 0);
		this.end(this.two, 0);
	}

	/** Simulated seconds since the call started. */
	private now(): number {
		return (Date.now() - this.clock.startedAt) / 1000 / this.pbx.timeScale;
	}

	/**
	 * One side is done: tear the pair down. When ;1 ends (its application finished) Asterisk
	 * sends what b1 shows; when ;2 ends (Hangup() in the dialplan) what g_misc shows.
	 */
	private end(first: Channel, cause: number, at = this.now()): void {
		if (this.ended) return;
		this.ended = true;
		this.cancelApp?.();
		this.cancelTimeout?.();
		for (const runner of this.runners) runner.cancel();
		if (!this.finished) this.report(false, 1);
		const { pbx, one, two } = this;
		this.clock.endedAfter = at;
		const cdr = (channel: Channel): void => {
			if (this.answered) emitCdr(pbx, channel, this.clock, this.destination);
		};
		if (first === one) {
			emitHangupRequest(pbx, two, cause);
			cdr(one);
			emitHangup(pbx, one, cause);
			emitHangupRequest(pbx, two, 16, true);
			emitHangup(pbx, two, cause);
			cdr(two);
		} else {
			emitHangupRequest(pbx, one, cause);
			emitHangup(pbx, two, cause);
			cdr(two);
			emitHangup(pbx, one, cause);
			cdr(one);
		}
		if (this.answered) {
			for (let i = 0; i < 2; i++) pbx.emit('DeviceStateChange', 'call', [['Device', this.device], ['State', 'NOT_INUSE']]);
		}
	}
}
