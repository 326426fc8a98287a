/**
 * Notices a dead peer: when the line has been quiet for a whole interval, send a Ping; if it is
 * not answered in time, the peer is dead.
 *
 * A Ping stuck behind other actions proves nothing (Asterisk runs one action at a time per
 * session, and a synchronous Originate holds every response behind it for as long as it rings),
 * so only a Ping that was alone in flight and went unanswered marks the peer as dead.
 */
import type { AmiError } from './errors';

/** What the keepalive needs of its client. */
export interface KeepaliveHost {
	/** When bytes last arrived (Date.now()). */
	lastDataAt(): number;
	/** Actions in flight. */
	actionsInFlight(): number;
	/** Send a Ping that rejects with `ACTION_TIMEOUT` after `timeoutMs`. */
	ping(timeoutMs: number): Promise<unknown>;
	/** The Ping went unanswered: end the connection. */
	dead(timeoutMs: number): void;
}

export class Keepalive {
	private timer: NodeJS.Timeout | undefined;
	/** Bumped by stop(): a Ping answered (or not) for an earlier connection is ignored. */
	private generation = 0;

	constructor(
		private readonly host: KeepaliveHost,
		private readonly intervalMs: number,
		private readonly timeoutMs: number,
	) {}

	/** Begin watching the current connection. */
	start(): void {
		this.stop();
		if (this.intervalMs > 0) this.schedule(this.generation);
	}

	stop(): void {
		this.generation++;
		if (this.timer !== undefined) clearTimeout(this.timer);
		this.timer = undefined;
	}

	private schedule(generation: number): void {
		const quietFor = Math.min(Date.now() - this.host.lastDataAt(), this.intervalMs);
		this.timer = setTimeout(() => {
			this.timer = undefined;
			if (generation !== this.generation) return;
			if (Date.now() - this.host.lastDataAt() < this.intervalMs) {
				this.schedule(generation);
				return;
			}
			const othersInFlight = this.host.actionsInFlight();
			this.host.ping(this.timeoutMs).then(
				() => {
					if (generation === this.generation) this.schedule(generation);
				},
				(error: AmiError) => {
					if (generation !== this.generation || error.code !== 'ACTION_TIMEOUT') return;
					if (othersInFlight > 0) this.schedule(generation);
					else this.host.dead(this.timeoutMs);
				},
			);
		}, Math.max(0, this.intervalMs - quietFor));
	}
}
