/**
 * The simulated Asterisk behind every session: global variables, AstDB, channels, queues'
 * device states, counters, and the event bus that fans events out to sessions. It owns every
 * timer a call schedules, so `close()` can leave none behind.
 */
import { DEFAULT_DIALPLAN, DEFAULT_SOUND_SECONDS, DEFAULT_TECHNOLOGIES, DEFAULT_VERSION } from './defaults';
import { channelSequence, formatEvent } from './format';
import { classFlag, privilege } from './permissions';
import type { AmiSimulatorOptions, Dialplan, Headers, OriginateOutcome } from './types';
import type { Channel } from './channel';

/** Something that receives events: a logged-in session. */
export interface EventSink {
	deliverEvent(name: string, category: number, text: string): void;
}

export class Pbx {
	readonly startedAt = Date.now();
	readonly uptimeOffset: number;
	readonly globals = new Map<string, string>();
	readonly db = new Map<string, string>();
	readonly channels = new Map<string, Channel>();
	readonly dialplan: Dialplan;
	readonly sounds: Record<string, number>;
	readonly technologies: string[];
	readonly version: string;
	readonly outcomes: Map<string, OriginateOutcome>;
	readonly timeScale: number;
	callsProcessed: number;

	private readonly sinks = new Set<EventSink>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly deviceStates = new Map<string, string>();
	private uniqueSeq = 0;
	private channelSeq = 0;

	constructor(readonly options: AmiSimulatorOptions) {
		this.uptimeOffset = options.uptimeSeconds ?? 2;
		this.dialplan = options.dialplan ?? DEFAULT_DIALPLAN;
		this.sounds = { ...DEFAULT_SOUND_SECONDS, ...options.soundDurations };
		this.technologies = options.technologies ?? DEFAULT_TECHNOLOGIES;
		this.version = options.version ?? DEFAULT_VERSION;
		this.outcomes = new Map(Object.entries(options.originateOutcomes ?? {}));
		this.timeScale = options.timeScale ?? 1;
		this.callsProcessed = options.callsProcessed ?? 0;
		for (const [name, value] of Object.entries(options.globals ?? {})) this.globals.set(name, value);
	}

	/** Seconds since the (simulated) start, as FullyBooted's Uptime and `core show uptime`. */
	uptime(): number {
		return Math.floor((Date.now() - this.startedAt) / 1000) + this.uptimeOffset;
	}

	subscribe(sink: EventSink): void {
		this.sinks.add(sink);
	}

	unsubscribe(sink: EventSink): void {
		this.sinks.delete(sink);
	}

	/** manager_event(): one event of one class to every session that may see it. */
	emit(name: string, className: string, body: Headers): void {
		this.emitText(name, classFlag(className), formatEvent(name, privilege(className), body));
	}

	emitText(name: string, category: number, text: string): void {
		for (const sink of this.sinks) sink.deliverEvent(name, category, text);
	}

	/** Run `fn` after `seconds` of simulated time (scaled by `timeScale`). */
	after(seconds: number, fn: () => void): () => void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			fn();
		}, Math.max(0, seconds * 1000 * this.timeScale));
		this.timers.add(timer);
		return () => {
			clearTimeout(timer);
			this.timers.delete(timer);
		};
	}

	stop(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.sinks.clear();
	}

	/** `1795404720.0`: creation second and a process-wide counter, as Asterisk's Uniqueid. */
	nextUniqueid(): string {
		return `${Math.floor(Date.now() / 1000)}.${this.uniqueSeq++}`;
	}

	nextChannelSequence(): string {
		return channelSequence(this.channelSeq++);
	}

	/** Device state events are sent only when a state changes (queue pause/avail devices). */
	setDeviceState(device: string, state: string): void {
		if (this.deviceStates.get(device) === state) return;
		this.deviceStates.set(device, state);
		this.emit('DeviceStateChange', 'call', [['Device', device], ['State', state]]);
	}

	extensionExists(context: string, exten: string): boolean {
		return this.dialplan[context]?.[exten] !== undefined;
	}

	soundSeconds(file: string): number {
		return this.sounds[file] ?? 1;
	}

	/** The outcome a test chose for a channel, if any. */
	chosenOutcome(channel: string): OriginateOutcome | undefined {
		return this.outcomes.get(channel) ?? this.options.resolveOriginate?.(channel);
	}

	findChannel(name: string): Channel | undefined {
		return this.channels.get(name) ?? [...this.channels.values()].find((c) => c.name.toLowerCase() === name.toLowerCase());
	}
}
