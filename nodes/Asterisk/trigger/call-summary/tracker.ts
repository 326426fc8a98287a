/**
 * CallTracker: follows every call by its Linkedid and hands back one CallSummary per finished
 * call. Pure and synchronous: feed it events (`observe`), call `sweep()` now and then (a 1 s
 * interval is plenty), and `close()` when the trigger stops. The clock is injectable.
 *
 * When a call is finished (callflows/INDEX.md, fact 2: event order is not causal): when every
 * channel seen with its Linkedid has had its `Hangup`, and `graceMs` more passed without a new
 * channel. CEL and Cdr may come just after the last Hangup (±6 ms in the captures); events of a
 * call already summarized are counted (`stats.lateEvents`) and dropped, never revive it.
 *
 * Memory is bounded: at most `maxCalls` calls are followed (the oldest is evicted to make room)
 * and a call older than `maxAgeMs` is evicted on the next observe/sweep. Evicted calls are
 * summarized with `complete: false` and an `incompleteReason` (unless `reportEvicted: false`),
 * and counted in `stats`.
 *
 * Event times: the `Timestamp` header (manager.conf `timestampevents = yes`, seconds.micro) or
 * `EventTV` (ISO, security events) when present, else the receive time passed to observe(),
 * else the clock.
 */
import type { AmiMessage } from '../../core/ami';
import { applyEvent, linkedidOf, newCallState, transferOf, type CallState } from './call-state';
import { buildSummary, type CallSummary, type IncompleteReason } from './summary';

export interface CallTrackerOptions {
	/** Most calls followed at once (default 5000). */
	maxCalls?: number;
	/** A call older than this is evicted (default 4 h). */
	maxAgeMs?: number;
	/** Wait this long after the last Hangup before summarizing (default 500 ms; 0 = at once). */
	graceMs?: number;
	/** Summarize evicted calls (default true); either way they are counted. */
	reportEvicted?: boolean;
	/** Milliseconds since the epoch (default Date.now). */
	now?: () => number;
}

export interface CallTrackerStats {
	/** Calls currently followed. */
	active: number;
	finished: number;
	evictedMaxCalls: number;
	evictedMaxAge: number;
	/** Events of calls already summarized (dropped). */
	lateEvents: number;
	/** Events that named no call (no Linkedid): ignored. */
	ignoredEvents: number;
}

const DEFAULTS = { maxCalls: 5000, maxAgeMs: 4 * 3600 * 1000, graceMs: 500 };

export class CallTracker {
	private readonly calls = new Map<string, CallState>();
	/** Linkedids recently summarized, oldest first (bounded like `calls`). */
	private readonly done = new Set<string>();
	/** Calls whose channels have all hung up, waiting out the grace period. */
	private readonly ending = new Set<CallState>();
	private readonly maxCalls: number;
	private readonly maxAgeMs: number;
	private readonly graceMs: number;
	private readonly reportEvicted: boolean;
	private readonly now: () => number;
	private counters = { finished: 0, evictedMaxCalls: 0, evictedMaxAge: 0, lateEvents: 0, ignoredEvents: 0 };

	constructor(options: CallTrackerOptions = {}) {
		this.maxCalls = Math.max(1, Math.floor(options.maxCalls ?? DEFAULTS.maxCalls));
		this.maxAgeMs = options.maxAgeMs ?? DEFAULTS.maxAgeMs;
		this.graceMs = Math.max(0, options.graceMs ?? DEFAULTS.graceMs);
		this.reportEvicted = options.reportEvicted ?? true;
		this.now = options.now ?? Date.now;
	}

	get stats(): CallTrackerStats {
		return { active: this.calls.size, ...this.counters };
	}

	/**
	 * Feed one AMI event (responses and events of no call are ignored). Returns the summaries of
	 * the calls that finished or were evicted because of it (usually none).
	 */
	observe(message: AmiMessage, receivedAt?: number): CallSummary[] {
		const out: CallSummary[] = [];
		if (message.type !== 'event') return out;
		const at = eventTime(message) ?? receivedAt ?? this.now();

		const transfer = transferOf(message, at);
		if (transfer !== undefined) {
			for (const linkedid of transfer.otherLinkedids) {
				const call = this.calls.get(linkedid);
				if (call !== undefined) call.transfers.push({ ...transfer, otherLinkedids: [...transfer.otherLinkedids] });
			}
		}

		const linkedid = linkedidOf(message);
		if (linkedid === undefined) {
			if (transfer === undefined) this.counters.ignoredEvents++;
		} else if (this.done.has(linkedid)) {
			this.counters.lateEvents++;
		} else {
			let call = this.calls.get(linkedid);
			if (call === undefined) {
				if (this.calls.size >= this.maxCalls) this.evictOldest(out);
				call = newCallState(linkedid, at);
				this.calls.set(linkedid, call);
			}
			applyEvent(call, message, at);
			this.checkEnded(call, at);
		}
		this.collect(out, Math.max(at, this.now()));
		return out;
	}

	/** Summarize calls whose grace period is over and evict calls past maxAge. */
	sweep(): CallSummary[] {
		const out: CallSummary[] = [];
		this.collect(out, this.now());
		return out;
	}

	/** Summarize every call still followed (`complete: false`, `tracker closed`) and forget them. */
	close(): CallSummary[] {
		const out: CallSummary[] = [];
		this.collect(out, this.now());
		for (const call of [...this.calls.values()]) {
			const finished = call.allHungUpAt !== undefined;
			out.push(this.finish(call, finished ? undefined : 'tracker closed'));
		}
		return out;
	}

	private checkEnded(call: CallState, at: number): void {
		if (call.channels.size === 0) return;
		for (const channel of call.channels.values()) {
			if (channel.hungUpAt === undefined) {
				call.allHungUpAt = undefined;
				this.ending.delete(call);
				return;
			}
		}
		call.allHungUpAt ??= at;
		this.ending.add(call);
	}

	/** Cheap enough for every event: the ending set is small, and calls sit in creation order. */
	private collect(out: CallSummary[], now: number): void {
		for (const call of [...this.ending]) {
			if (call.allHungUpAt !== undefined && now - call.allHungUpAt >= this.graceMs) out.push(this.finish(call, undefined));
		}
		for (const call of [...this.calls.values()]) {
			if (now - call.firstAt <= this.maxAgeMs) break;
			this.counters.evictedMaxAge++;
			const summary = this.finish(call, 'evicted: max age');
			if (this.reportEvicted) out.push(summary);
		}
	}

	private evictOldest(out: CallSummary[]): void {
		// A finished call waiting out its grace goes first; else the oldest (Map order = creation).
		const ended = this.ending.values().next().value;
		if (ended !== undefined) {
			out.push(this.finish(ended, undefined));
			return;
		}
		const victim = this.calls.values().next().value;
		if (victim === undefined) return;
		this.counters.evictedMaxCalls++;
		const summary = this.finish(victim, 'evicted: max calls');
		if (this.reportEvicted) out.push(summary);
	}

	private finish(call: CallState, reason: IncompleteReason | undefined): CallSummary {
		this.calls.delete(call.linkedid);
		this.ending.delete(call);
		this.done.add(call.linkedid);
		while (this.done.size > this.maxCalls) {
			const oldest = this.done.values().next().value;
			if (oldest === undefined) break;
			this.done.delete(oldest);
		}
		if (reason === undefined) this.counters.finished++;
		return buildSummary(call, reason);
	}
}

/** The event's own time in ms, when it carries one (`Timestamp` or `EventTV`). */
export function eventTime(message: AmiMessage): number | undefined {
	const stamp = message.get('Timestamp');
	if (stamp !== undefined && /^\d+(\.\d+)?$/.test(stamp.trim())) return Math.round(Number(stamp) * 1000);
	const tv = message.get('EventTV');
	if (tv !== undefined) {
		// Asterisk writes `2026-11-23T04:52:44.650+0000`: Date.parse wants `+00:00`.
		const parsed = Date.parse(tv.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
		if (Number.isFinite(parsed)) return parsed;
	}
	return undefined;
}
