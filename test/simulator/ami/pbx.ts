/**
 * The simulated Asterisk behind every session: global variables, AstDB, channels, queues'
 * device states, counters, and the event bus that fans events out to sessions. It owns every
 * timer a call schedules, so `close()` can leave none behind.
 */
import { BridgeRegistry } from './bridges';
import { DEFAULT_DIALPLAN, DEFAULT_HINTS, DEFAULT_MODULES, DEFAULT_SOUND_SECONDS, DEFAULT_TECHNOLOGIES, DEFAULT_VERSION } from './defaults';
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
	/** ast_lastreloadtime: CoreStatus's CoreReloadDate/Time; a Reload action moves it. */
	reloadedAt: number;
	readonly hints: Record<string, Record<string, string>>;
	readonly modules: string[];
	readonly bridges: BridgeRegistry;
	/**
	 * The device state cache (what DeviceStateList lists): every device whose state was ever
	 * published, with its last state, in first-publication order.
	 */
	readonly deviceStates = new Map<string, string>();

	private readonly sinks = new Set<EventSink>();
	private readonly timers = new Set<NodeJS.Timeout>();
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
		this.reloadedAt = this.startedAt - this.uptimeOffset * 1000;
		this.hints = options.hints ?? DEFAULT_HINTS;
		this.modules = options.modules ?? DEFAULT_MODULES;
		this.bridges = new BridgeRegistry(this);
		for (const [device, state] of Object.entries(options.deviceStates ?? {})) this.deviceStates.set(device, state);
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
		if (name === 'DeviceStateChange') {
			const device = body.find(([header]) => header === 'Device')?.[1];
			const state = body.find(([header]) => header === 'State')?.[1];
			if (device !== undefined && state !== undefined) this.deviceStates.set(device, state);
		}
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

	/** ast_channel_get_by_name_prefix(): the exact name, else the first channel it begins (case-insensitive). */
	findChannelByPrefix(prefix: string): Channel | undefined {
		const lower = prefix.toLowerCase();
		return this.findChannel(prefix) ?? [...this.channels.values()].find((c) => c.name.toLowerCase().startsWith(lower));
	}

	/** The other half of a Local channel pair (`…;1` ↔ `…;2`), if it is up. */
	localPeer(channel: Channel): Channel | undefined {
		const match = /^(Local\/.*);([12])$/.exec(channel.name);
		if (match === null) return undefined;
		return this.channels.get(`${match[1]};${match[2] === '1' ? '2' : '1'}`);
	}

	/**
	 * A device's state as devicestate.c would find it: the cache first, then channels of the
	 * device (`Local/100@park-test` is INUSE while a `Local/100@park-test-…` channel is up),
	 * then the provider's default (Custom: UNKNOWN, Local: NOT_INUSE, anything else INVALID).
	 */
	deviceState(device: string): string {
		const cached = this.deviceStates.get(device);
		if (cached !== undefined) return cached;
		const lower = device.toLowerCase();
		const channel = [...this.channels.values()].find((c) => c.name.toLowerCase().startsWith(`${lower}-`));
		if (channel !== undefined) return channel.state === 5 ? 'RINGING' : 'INUSE';
		if (lower.startsWith('custom:')) return 'UNKNOWN';
		if (lower.startsWith('local/')) return 'NOT_INUSE';
		return 'INVALID';
	}

	/** The loaded module a name means (resource_name_match(): case-insensitive, `.so` optional). */
	findModule(name: string): string | undefined {
		const base = (text: string): string => text.toLowerCase().replace(/\.so$/, '');
		if (name === '') return undefined;
		return this.modules.find((module) => base(module) === base(name));
	}
}
