/**
 * The trigger benchmark's Asterisk, in a process of its own (so the trigger's CPU is measured
 * alone): an AMI simulator that, on request over IPC, sends numbered VarSet events at a steady
 * rate, or a number of simple answered calls (Newchannel ×2, DialBegin, DialEnd, Hangup ×2).
 *
 * Parent → child: `{ type: 'events', seconds, rate }` | `{ type: 'calls', count, rate }` | `{ type: 'stop' }`.
 * Child → parent: `{ type: 'ready', port }`, then `{ type: 'done', sent }` after each request.
 */
import { floodEvent, startAmiSimulator, type AmiSimulator, type Headers } from '../simulator/ami';

export type FeederRequest =
	| { type: 'events'; seconds: number; rate: number }
	| { type: 'calls'; count: number; rate: number }
	| { type: 'stop' };

export type FeederReply = { type: 'ready'; port: number } | { type: 'done'; sent: number };

export const EVENTS_PER_CALL = 6;

/** The events of call `index`: caller 100 dials 200, who answers; both hang up. */
export function callEvents(index: number): Headers[] {
	const linkedid = `1800000000.${index * 2}`;
	const callee = `1800000000.${index * 2 + 1}`;
	const caller = `PJSIP/100-${index.toString(16).padStart(8, '0')}`;
	const dest = `PJSIP/200-${index.toString(16).padStart(8, '0')}`;
	const chan = (prefix: string, channel: string, uniqueid: string, num: string): Headers => [
		[`${prefix}Channel`, channel],
		[`${prefix}ChannelState`, '6'],
		[`${prefix}CallerIDNum`, num],
		[`${prefix}CallerIDName`, num === '100' ? 'Alice' : '<unknown>'],
		[`${prefix}Context`, 'from-internal'],
		[`${prefix}Exten`, '200'],
		[`${prefix}Uniqueid`, uniqueid],
		[`${prefix}Linkedid`, linkedid],
	];
	const event = (name: string, ...rest: Headers): Headers => [['Event', name], ['Privilege', 'call,all'], ...rest];
	return [
		event('Newchannel', ...chan('', caller, linkedid, '100')),
		event('Newchannel', ...chan('', dest, callee, '200')),
		event('DialBegin', ...chan('', caller, linkedid, '100'), ...chan('Dest', dest, callee, '200'), ['DialString', '200']),
		event('DialEnd', ...chan('', caller, linkedid, '100'), ...chan('Dest', dest, callee, '200'), ['DialStatus', 'ANSWER']),
		event('Hangup', ...chan('', dest, callee, '200'), ['Cause', '16'], ['Cause-txt', 'Normal Clearing']),
		event('Hangup', ...chan('', caller, linkedid, '100'), ['Cause', '16'], ['Cause-txt', 'Normal Clearing']),
	];
}

/** Send `total` events from `next(i)` at `rate` per second, catching up every 5 ms. */
function pace(simulator: AmiSimulator, total: number, rate: number, next: (index: number) => Headers): Promise<number> {
	return new Promise((resolve) => {
		const started = Date.now();
		let sent = 0;
		const timer = setInterval(() => {
			const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate));
			while (sent < due) simulator.emitEvent(next(sent++));
			if (sent >= total) {
				clearInterval(timer);
				resolve(sent);
			}
		}, 5);
	});
}

async function main(): Promise<void> {
	const simulator = await startAmiSimulator({ failedLoginDelayMs: 0 });
	const send = (reply: FeederReply): void => {
		process.send?.(reply);
	};
	process.on('message', (request: FeederRequest) => {
		if (request.type === 'stop') {
			void simulator.close().then(() => process.exit(0));
			return;
		}
		if (request.type === 'events') {
			void pace(simulator, Math.round(request.seconds * request.rate), request.rate, floodEvent).then((sent) => send({ type: 'done', sent }));
			return;
		}
		let pending: Headers[] = [];
		let call = 0;
		const nextCallEvent = (): Headers => {
			if (pending.length === 0) pending = callEvents(call++);
			return pending.shift()!;
		};
		void pace(simulator, request.count * EVENTS_PER_CALL, request.rate, nextCallEvent).then((sent) => send({ type: 'done', sent }));
	});
	process.on('disconnect', () => void simulator.close().then(() => process.exit(0)));
	send({ type: 'ready', port: simulator.port });
}

if (require.main === module) void main();
