/**
 * Event floods for load tests: `count` events, as fast as the event loop allows (in batches,
 * yielding between them so sockets drain) or at `ratePerSecond`. The default event is a VarSet
 * shaped like the captured ones whose Value counts up, so a test can check order and loss.
 */
import type { Headers } from './types';

export interface FloodOptions {
	count: number;
	ratePerSecond?: number;
	/** The event to send, or a function of its index (0-based). */
	event?: Headers | ((index: number) => Headers);
}

const BATCH = 256;

export function floodEvent(index: number): Headers {
	return [
		['Event', 'VarSet'],
		['Privilege', 'dialplan,all'],
		['Channel', 'Local/100@park-test-00000000;1'],
		['ChannelState', '6'],
		['ChannelStateDesc', 'Up'],
		['CallerIDNum', '<unknown>'],
		['CallerIDName', '<unknown>'],
		['ConnectedLineNum', '<unknown>'],
		['ConnectedLineName', '<unknown>'],
		['Language', 'en'],
		['AccountCode', ''],
		['Context', 'park-test'],
		['Exten', '100'],
		['Priority', '1'],
		['Uniqueid', '1795404720.0'],
		['Linkedid', '1795404720.0'],
		['Variable', 'FLOOD_SEQ'],
		['Value', String(index)],
	];
}

export class EventFlood {
	private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
	private sent = 0;
	private finish: (() => void) | undefined;

	constructor(
		private readonly options: FloodOptions,
		private readonly emit: (headers: Headers) => void,
	) {}

	run(): Promise<void> {
		return new Promise((resolve) => {
			this.finish = resolve;
			this.tick();
		});
	}

	stop(): void {
		if (this.timer !== undefined) {
			clearTimeout(this.timer as NodeJS.Timeout);
			clearImmediate(this.timer as NodeJS.Immediate);
		}
		this.timer = undefined;
		this.finish?.();
	}

	private event(index: number): Headers {
		const { event } = this.options;
		if (event === undefined) return floodEvent(index);
		return typeof event === 'function' ? event(index) : event;
	}

	private tick(): void {
		const rate = this.options.ratePerSecond;
		const intervalMs = rate === undefined ? 0 : Math.max(1, 1000 / rate);
		const perTick = rate === undefined ? BATCH : Math.max(1, Math.round((rate * intervalMs) / 1000));
		for (let i = 0; i < perTick && this.sent < this.options.count; i++) this.emit(this.event(this.sent++));
		if (this.sent >= this.options.count) {
			this.timer = undefined;
			this.finish?.();
			return;
		}
		this.timer = rate === undefined ? setImmediate(() => this.tick()) : setTimeout(() => this.tick(), intervalMs);
	}
}
