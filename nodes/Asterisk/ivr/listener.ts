/**
 * The Asterisk IVR Trigger's engine, apart from n8n's parameters: one IvrServer, one IvrCall per
 * accepted connection, each turn handed to `emitTurn` (the node's `this.emit` with a response
 * and a done promise). `stop()` resolves once every socket is closed and every call has ended,
 * so nothing (socket or timer) outlives the trigger.
 */
import type { AddressInfo } from 'node:net';

import { IvrServer, type IvrServerOptions } from '../core/eivr';
import { IvrCall, type CallLog, type CallSettings } from './call';
import { waitForReply, type PendingExecution, type WorkflowReply } from './exchange';
import type { TurnData } from './turn';

export interface ListenerSettings extends CallSettings {
	readonly server: IvrServerOptions;
}

export interface ListenerHost {
	/** Start one execution for this turn. */
	emitTurn(data: TurnData): PendingExecution;
	readonly log: CallLog;
}

export class IvrTurnListener {
	private readonly server: IvrServer;
	private readonly calls = new Set<Promise<void>>();
	private stopping: Promise<void> | undefined;

	/** Throws a RangeError for an unreadable allowlist entry or option. */
	constructor(
		private readonly settings: ListenerSettings,
		private readonly host: ListenerHost,
	) {
		this.server = new IvrServer(settings.server);
		this.server.on('session', (session) => {
			const call = new IvrCall(session, settings, {
				ask: (data, cancelled) => this.ask(data, cancelled),
				tell: (data) => this.tell(data),
				log: host.log,
			});
			host.log.debug(`Asterisk IVR: call ${call.id} from ${session.remoteAddress}`);
			const running = call.run();
			this.calls.add(running);
			void running.then(() => this.calls.delete(running));
		});
		this.server.on('refused', ({ remoteAddress, reason }) => {
			const why = reason === 'notAllowed' ? 'not in the allowlist' : reason === 'tooManySessions' ? 'too many calls at once' : 'the trigger is closing';
			host.log.warn(`Asterisk IVR: refused a connection from ${remoteAddress}: ${why}`);
		});
		this.server.on('warning', (error) => host.log.warn(`Asterisk IVR: ${error.message}`));
	}

	listen(): Promise<AddressInfo> {
		return this.server.listen();
	}

	/** Calls in progress. */
	get activeCalls(): number {
		return this.calls.size;
	}

	/** Stop listening; live calls return to the dialplan (`E`). */
	stop(): Promise<void> {
		this.stopping ??= (async () => {
			await this.server.close();
			await Promise.all([...this.calls]);
		})();
		return this.stopping;
	}

	private ask(data: TurnData, cancelled: Promise<void>): Promise<WorkflowReply> {
		let execution: PendingExecution;
		try {
			execution = this.host.emitTurn(data);
		} catch (error) {
			const detail = `the turn could not be started: ${error instanceof Error ? error.message : String(error)}`;
			return Promise.resolve({ kind: 'fallback', reason: 'error', detail });
		}
		return waitForReply(execution, this.settings.turnTimeoutMs, cancelled);
	}

	private tell(data: TurnData): void {
		try {
			const execution = this.host.emitTurn(data);
			execution.response.catch(() => undefined);
			execution.done.catch(() => undefined);
		} catch (error) {
			this.host.log.warn(`Asterisk IVR: the hangup turn of call ${data.sessionId} could not be started: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
}
