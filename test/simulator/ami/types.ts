/**
 * Shared types of the AMI simulator: headers, options and the outcomes a test can choose for
 * an Originate. Kept apart so that every other file can import them without a cycle.
 */

/** Ordered `[name, value]` pairs: AMI headers repeat and their order is part of the protocol. */
export type Headers = Array<[string, string]>;

/** What happens to an originated channel. `nosuchchannel` = no channel could be created. */
export type OriginateOutcome = 'answer' | 'busy' | 'noanswer' | 'congestion' | 'nosuchchannel';

export interface AmiUserConfig {
	secret: string;
	/** manager.conf `read=`: comma-separated classes (`all`, `call,agent`, `none`). */
	read: string;
	/** manager.conf `write=`. */
	write: string;
}

/** One extension of the simulated dialplan: its priorities as `[application, data]`. */
export type DialplanExtension = Array<[string, string]>;
/** context → extension → priorities. */
export type Dialplan = Record<string, Record<string, DialplanExtension>>;

export interface QueueMemberConfig {
	interface: string;
	name?: string;
	penalty?: number;
	paused?: boolean;
	membership?: 'dynamic' | 'static';
	/** Unix seconds; default: when the simulator starts. */
	loginTime?: number;
}

export interface QueueConfig {
	name: string;
	strategy?: string;
	members?: QueueMemberConfig[];
}

export type SplitWrites = false | number | 'random';

export interface AmiSimulatorOptions {
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 0 (a free port). */
	port?: number;
	/** Serve AMI over TLS (Asterisk's 5039). */
	tls?: { key: string | Buffer; cert: string | Buffer };
	/** manager.conf users; default admin/adminpw (all) and limited/limitedpw (call). */
	users?: Record<string, AmiUserConfig>;
	/** Pause before `Authentication failed` (Asterisk sleeps 1 s). Default 1000. */
	failedLoginDelayMs?: number;
	/** `'output'` (Asterisk ≥ 14, default) or `'follows'` (Asterisk ≤ 13 `Response: Follows`). */
	commandFormat?: 'output' | 'follows';
	/** Disconnect a client whose socket stays unwritable this long (Asterisk's writetimeout, 100 ms). Off by default. */
	writeTimeoutMs?: number;
	/** Multiply every call delay (Wait, Playback, Answer, ring time) by this. Default 1. */
	timeScale?: number;
	/** Seconds of uptime already elapsed when the simulator starts (FullyBooted `Uptime`). Default 2. */
	uptimeSeconds?: number;
	/** Dialplan contexts; default: the captures' extensions.conf (park-test, echo, …). */
	dialplan?: Dialplan;
	/** Queues; default: `support` (ringall, no members), as in the captures. */
	queues?: QueueConfig[];
	/** Seconds each Playback file lasts; unknown files last 1 s. */
	soundDurations?: Record<string, number>;
	/** Global variables at start. */
	globals?: Record<string, string>;
	/** Originate outcomes by exact channel name (`PJSIP/bob` → `busy`); wins over the dialplan. */
	originateOutcomes?: Record<string, OriginateOutcome>;
	/** Called for channels not in `originateOutcomes`; undefined = default behaviour. */
	resolveOriginate?: (channel: string) => OriginateOutcome | undefined;
	/** Ring time before an `answer` outcome on a non-Local channel, in ms (scaled). Default 0. */
	answerDelayMs?: number;
	/** Channel technologies that exist; others fail like `Bogus/xyz`. */
	technologies?: string[];
	/** Counter shown by `core show channels count` and CoreStatus. Default 0. */
	callsProcessed?: number;
	/** `core show version` text. */
	version?: string;
	/** Start with `splitWrites` already on. */
	splitWrites?: SplitWrites;
	/** Hints: context → extension → hint devices (`Custom:test300&PJSIP/alice`); default: extensions.conf's `hints-test`. */
	hints?: Record<string, Record<string, string>>;
	/** Device states known at start (`Custom:test300` → `INUSE`), as DeviceStateList lists them. */
	deviceStates?: Record<string, string>;
	/**
	 * Voicemail boxes (`100@default` → counts), as app_voicemail would count them. Default none:
	 * the captures' Asterisk had no app_voicemail, so every mailbox counts 0.
	 */
	mailboxes?: Record<string, MailboxConfig>;
	/** Loaded modules (`module show` names); default: the 122 of module_show.txt. */
	modules?: string[];
	/** features.conf `atxfer =`; default '' (Asterisk's default: Atxfer has no feature code). */
	atxferFeatureCode?: string;
}

export interface MailboxConfig {
	urgent?: number;
	new?: number;
	old?: number;
}
