/**
 * One AMI connection, run the way manager.c's session thread runs it: banner, then one action
 * at a time (a slow action, like a synchronous Originate, holds back every later action and
 * every event); events raised meanwhile are delivered after the action's response, each checked
 * against the session's event mask and filters when it is written.
 */
import type { Socket } from 'node:net';
import { AmiMessage } from '../../../nodes/Asterisk/core/ami/message';
import { AmiParser } from '../../../nodes/Asterisk/core/ami/parser';
import { EventFilters } from './filters';
import { formatMessage, responseHeaders } from './format';
import { actionAuthority } from './permissions';
import type { Pbx, EventSink } from './pbx';
import type { Headers, SplitWrites } from './types';
import { SessionWriter } from './writer';

export const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
/** AST_MAX_MANHEADERS: Asterisk keeps the first 128 headers of an action. */
const MAX_HEADERS = 128;

/** What an action handler returns: `close` ends the session after the response (Logoff, failed Login). */
export type ActionOutcome = void | 'close';

export interface ActionContext {
	readonly session: AmiSession;
	readonly message: AmiMessage;
	readonly pbx: Pbx;
	readonly actionId: string | undefined;
	/** A header's value as Asterisk reads it: the first match, '' when absent. */
	header(name: string): string;
	/** astman_send_response_full(): Response, ActionID, EventList (list starts), Message, then `extra`. */
	respond(response: string, message?: string, extra?: Headers, eventList?: string): void;
	send(headers: Headers): void;
	write(raw: string): void;
}

export type ActionHandler = (context: ActionContext) => ActionOutcome | Promise<ActionOutcome>;

export interface SessionHost {
	readonly pbx: Pbx;
	findAction(name: string): ActionHandler | undefined;
	recordAction(session: AmiSession, message: AmiMessage): void;
	currentSplitWrites(): SplitWrites;
	readonly writeTimeoutMs: number | undefined;
	readonly readingStopped: boolean;
}

interface PendingEvent {
	name: string;
	category: number;
	text: string;
}

export class AmiSession implements EventSink {
	authenticated = false;
	username = '';
	readPermissions = 0;
	writePermissions = 0;
	/** send_events: the classes this session receives (read permissions ∩ event mask). */
	sendEvents = 0;
	challenge: string | undefined;
	readonly filters = new EventFilters();
	readonly startedAt = Date.now();
	closed = false;

	private readonly writer: SessionWriter;
	private readonly parser: AmiParser;
	private readonly inbox: AmiMessage[] = [];
	private readonly heldEvents: PendingEvent[] = [];
	private busy = false;
	private closing = false;

	constructor(
		readonly id: number,
		readonly socket: Socket,
		private readonly host: SessionHost,
		readonly transport: 'TCP' | 'TLS',
	) {
		this.writer = new SessionWriter(socket, () => host.currentSplitWrites(), host.writeTimeoutMs);
		this.parser = new AmiParser({ onMessage: (message) => this.receive(message) }, { expectBanner: false });
		socket.on('data', (chunk: Buffer) => this.parser.parse(chunk));
		socket.on('error', () => socket.destroy());
		socket.on('close', () => this.dispose());
		if (host.readingStopped) socket.pause();
		host.pbx.subscribe(this);
		this.writer.write(BANNER);
	}

	write(data: string | Buffer): void {
		if (!this.closed) this.writer.write(data);
	}

	destroy(): void {
		this.socket.destroy();
	}

	deliverEvent(name: string, category: number, text: string): void {
		if (!this.authenticated || this.closed || this.closing) return;
		if (this.busy) this.heldEvents.push({ name, category, text });
		else this.writeEvent({ name, category, text });
	}

	private writeEvent(event: PendingEvent): void {
		// manager.c: (send_events & category) == category. An event of no class (a test's own
		// emitEvent without Privilege) still respects `Events: off`.
		if (event.category === 0 ? this.sendEvents === 0 : (this.sendEvents & event.category) !== event.category) return;
		if (!this.filters.allows(event.name, event.text)) return;
		this.write(event.text);
	}

	private receive(message: AmiMessage): void {
		const headers = message.headers;
		const kept = headers.length > MAX_HEADERS ? new AmiMessage(message.text, headers.slice(0, MAX_HEADERS)) : message;
		this.host.recordAction(this, kept);
		if (this.closing) return;
		this.inbox.push(kept);
		void this.drain();
	}

	private async drain(): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		while (this.inbox.length > 0 && !this.closing && !this.closed) {
			const message = this.inbox.shift()!;
			const outcome = await this.process(message);
			if (outcome === 'close') {
				this.closing = true;
				this.writer.end();
			}
			// process_events() after every action: what was raised meanwhile goes out now.
			for (const event of this.heldEvents.splice(0)) if (!this.closing) this.writeEvent(event);
		}
		this.busy = false;
	}

	/** process_message() of manager.c. */
	private async process(message: AmiMessage): Promise<ActionOutcome> {
		const context = this.context(message);
		const action = context.header('Action');
		if (action === '') {
			context.respond('Error', 'Missing action in request');
			return;
		}
		const lower = action.toLowerCase();
		if (!this.authenticated && lower !== 'login' && lower !== 'logoff' && lower !== 'challenge') {
			context.respond('Error', 'Permission denied');
			return;
		}
		const handler = this.host.findAction(lower);
		const authority = actionAuthority(lower);
		if (handler === undefined || authority === undefined) {
			context.respond('Error', `Invalid/unknown command: ${action}. Use Action: ListCommands to show available commands.`);
			return;
		}
		if (authority !== 0 && (this.writePermissions & authority) === 0) {
			context.respond('Error', 'Permission denied');
			return;
		}
		return handler(context);
	}

	private context(message: AmiMessage): ActionContext {
		const header = (name: string): string => (message.get(name) ?? '').replace(/^\s+/, '');
		const actionId = message.get('ActionID');
		const write = (raw: string): void => this.write(raw);
		return {
			session: this,
			message,
			pbx: this.host.pbx,
			actionId,
			header,
			write,
			send: (headers) => write(formatMessage(headers)),
			respond: (response, text, extra = [], eventList) =>
				write(formatMessage([...responseHeaders(response, actionId, text, eventList), ...extra])),
		};
	}

	private dispose(): void {
		if (this.closed) return;
		this.closed = true;
		this.host.pbx.unsubscribe(this);
		this.writer.dispose();
		this.inbox.length = 0;
		this.heldEvents.length = 0;
	}
}
