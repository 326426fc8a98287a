/**
 * The Asterisk Trigger at work, without n8n: one AmiClient, the session set-up (server filter,
 * event mask), the local filter or the call tracker, and the output (batches, test event).
 * The node gives it a client and three hooks (emit, log, fatal) and calls start / arm / stop.
 *
 * Connections: start() fails if the first connection, login or set-up fails. After that the
 * client reconnects on its own (capped, jittered backoff, for ever) and every new session is set
 * up again; an authentication failure while reconnecting goes to `fatal`. Events are never
 * replayed by Asterisk and the one subscription is kept across reconnects, so nothing already
 * emitted is emitted again; the call tracker never summarizes a Linkedid twice.
 */
import { AmiError, type AmiClient, type AmiMessage, type AmiSubscription } from '../core/ami';
import { CALL_SUMMARY_EVENTS, CallTracker } from './call-summary';
import { toEventItem } from './event-item';
import { compileFilter, type EventFilter, type FilterOptions } from './filter';
import { TriggerOutput, type OutputMode } from './output';
import { buildServerFilter, type ServerFilterPlan } from './server-filter';
import { applyServerFilter, enableEvents, type ServerFilterState } from './session-setup';

export interface ListenerSettings {
	mode: 'events' | 'callSummary';
	/** The local filter (events mode). */
	filter: FilterOptions;
	/** Send Filter actions so that Asterisk drops unwanted events itself. */
	serverFilter: boolean;
	/** manager.conf read classes to receive; empty: all the user may read. */
	eventClasses: readonly string[];
	batch: { maxItems: number; maxWaitMs: number };
	summary: { graceMs: number; maxCalls: number };
	/** How often finished calls are collected (default 1000 ms). */
	sweepIntervalMs?: number;
}

export interface ListenerLog {
	debug(message: string): void;
	info(message: string): void;
	warn(message: string): void;
	error(message: string): void;
}

export interface ListenerHooks {
	/** Start one execution with these items. */
	emit(items: object[]): void;
	log: ListenerLog;
	/** The trigger cannot go on (a refused login on reconnect): report it, the workflow stops. */
	fatal(error: unknown): void;
}

export interface ListenerStats {
	/** Events read from Asterisk. */
	received: number;
	/** Events that passed the local filter (events mode). */
	matched: number;
	/** Call summaries produced (call summary mode). */
	summaries: number;
	emitted: number;
	executions: number;
	/** Events dropped because the handler lagged (always 0: it is synchronous). */
	dropped: number;
	reconnects: number;
	serverFilter: ServerFilterState;
}

export class AsteriskEventListener {
	private readonly client: AmiClient;
	private readonly settings: ListenerSettings;
	private readonly hooks: ListenerHooks;
	private readonly filter: EventFilter;
	private readonly plan: ServerFilterPlan;
	private readonly tracker: CallTracker | undefined;
	private readonly output: TriggerOutput;
	private readonly counters = { received: 0, matched: 0, summaries: 0, reconnects: 0 };
	private serverFilterState: ServerFilterState;
	private subscription: AmiSubscription | undefined;
	private sweepTimer: NodeJS.Timeout | undefined;
	private started = false;
	private stopping: Promise<void> | undefined;

	constructor(client: AmiClient, settings: ListenerSettings, hooks: ListenerHooks) {
		this.client = client;
		this.settings = settings;
		this.hooks = hooks;
		const summary = settings.mode === 'callSummary';
		this.filter = compileFilter(summary ? { events: 'all' } : settings.filter);
		this.plan = buildServerFilter(summary ? { events: CALL_SUMMARY_EVENTS } : settings.filter);
		this.serverFilterState = settings.serverFilter ? 'on' : 'off';
		this.tracker = summary ? new CallTracker({ graceMs: settings.summary.graceMs, maxCalls: settings.summary.maxCalls }) : undefined;
		this.output = new TriggerOutput({
			maxItems: settings.batch.maxItems,
			maxWaitMs: settings.batch.maxWaitMs,
			emit: (items) => hooks.emit(items),
			onError: (error) => hooks.log.error(`Asterisk Trigger: could not start an execution: ${messageOf(error)}`),
		});
	}

	get stats(): ListenerStats {
		return {
			...this.counters,
			emitted: this.output.emitted,
			executions: this.output.executions,
			dropped: this.subscription?.dropped ?? 0,
			serverFilter: this.serverFilterState,
		};
	}

	/** Connect, log in, set the session up. Rejects (and closes the client) on any failure. */
	async start(): Promise<void> {
		this.subscription = this.client.subscribe((event) => this.onEvent(event), {
			onHandlerError: (error) => this.hooks.log.error(`Asterisk Trigger: event handling failed: ${messageOf(error)}`),
		});
		this.client.on('disconnect', this.onDisconnect);
		this.client.on('reconnecting', this.onReconnecting);
		this.client.on('ready', this.onReady);
		this.client.on('reconnectFailed', this.onReconnectFailed);
		this.client.on('protocolError', this.onProtocolError);
		const failure = await this.connectAndPrepare();
		if (failure !== undefined) {
			await this.stop();
			throw failure.error;
		}
		this.started = true;
		if (this.tracker !== undefined) {
			this.sweepTimer = setInterval(() => this.sweep(), this.settings.sweepIntervalMs ?? 1000);
		}
		this.hooks.log.info(`Asterisk Trigger: listening to ${this.client.address} (${this.describe()})`);
	}

	/** Let items out: a stream, or the first one alone (n8n's test event). */
	arm(mode: OutputMode): void {
		this.output.arm(mode);
	}

	/** Stop the sweep, emit what is finished, log off; no timer or socket is left. Idempotent. */
	stop(): Promise<void> {
		this.stopping ??= this.shutDown();
		return this.stopping;
	}

	private async shutDown(): Promise<void> {
		if (this.sweepTimer !== undefined) clearInterval(this.sweepTimer);
		this.sweepTimer = undefined;
		this.subscription?.unsubscribe();
		if (this.tracker !== undefined) {
			const left = this.tracker.close();
			const unfinished = left.filter((summary) => !summary.complete).length;
			for (const summary of left) if (summary.complete) this.pushSummary(summary);
			if (unfinished > 0) this.hooks.log.info(`Asterisk Trigger: ${unfinished} call(s) still in progress were not summarized`);
		}
		this.output.close();
		this.client.off('disconnect', this.onDisconnect);
		this.client.off('reconnecting', this.onReconnecting);
		this.client.off('ready', this.onReady);
		this.client.off('reconnectFailed', this.onReconnectFailed);
		this.client.off('protocolError', this.onProtocolError);
		await this.client.close();
	}

	private async connectAndPrepare(): Promise<{ error: unknown } | undefined> {
		try {
			await this.client.connect();
			await this.prepareSession();
			return undefined;
		} catch (error) {
			return { error };
		}
	}

	private async prepareSession(): Promise<void> {
		if (this.serverFilterState === 'on') this.serverFilterState = await applyServerFilter(this.client, this.plan, this.hooks.log);
		await enableEvents(this.client, this.settings.eventClasses);
	}

	private onEvent(message: AmiMessage): void {
		this.counters.received++;
		const receivedAt = Date.now();
		if (this.tracker !== undefined) {
			for (const summary of this.tracker.observe(message, receivedAt)) this.pushSummary(summary);
			return;
		}
		if (!this.filter.matches(message)) return;
		this.counters.matched++;
		this.output.push(toEventItem(message, { receivedAt }));
	}

	private sweep(): void {
		if (this.tracker === undefined) return;
		for (const summary of this.tracker.sweep()) this.pushSummary(summary);
	}

	private pushSummary(summary: object): void {
		this.counters.summaries++;
		this.output.push(summary);
	}

	private describe(): string {
		const what = this.settings.mode === 'callSummary' ? 'call summaries' : 'events';
		const classes = this.settings.eventClasses.length > 0 ? this.settings.eventClasses.join(',') : 'all classes';
		return `${what}, ${classes}, server filter ${this.serverFilterState}`;
	}

	private readonly onDisconnect = (error: AmiError): void => {
		this.hooks.log.warn(`Asterisk Trigger: connection lost (${error.message}); reconnecting`);
	};

	private readonly onReconnecting = (attempt: number, delayMs: number): void => {
		this.hooks.log.info(`Asterisk Trigger: reconnect attempt ${attempt} to ${this.client.address} in ${delayMs} ms`);
	};

	private readonly onReady = (): void => {
		// The first session is set up by start(); this is a reconnect.
		if (!this.started || this.stopping !== undefined) return;
		this.counters.reconnects++;
		this.prepareSession().then(
			() => this.hooks.log.info(`Asterisk Trigger: reconnected to ${this.client.address}`),
			(error: unknown) => {
				// Lost again while setting up: the client reconnects and this runs again.
				if (error instanceof AmiError && ['DISCONNECTED', 'NOT_CONNECTED', 'CLOSED'].includes(error.code)) {
					this.hooks.log.warn(`Asterisk Trigger: set-up after reconnect interrupted: ${error.message}`);
					return;
				}
				this.hooks.fatal(error);
			},
		);
	};

	private readonly onReconnectFailed = (error: AmiError): void => {
		if (this.stopping !== undefined) return;
		this.hooks.log.error(`Asterisk Trigger: reconnecting stopped: ${error.message}`);
		this.hooks.fatal(error);
	};

	private readonly onProtocolError = (error: AmiError): void => {
		this.hooks.log.warn(`Asterisk Trigger: ${error.message}`);
	};
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
