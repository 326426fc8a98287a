/**
 * An EventEmitter whose event names and listener arguments are checked by the compiler.
 * `Events` maps each name to its listener's argument tuple.
 */
import { EventEmitter } from 'node:events';

export type EventMap = { [name: string]: unknown[] };

export class TypedEmitter<Events extends EventMap> {
	private readonly emitter = new EventEmitter();

	on<K extends keyof Events & string>(name: K, listener: (...args: Events[K]) => void): this {
		this.emitter.on(name, listener as (...args: unknown[]) => void);
		return this;
	}

	once<K extends keyof Events & string>(name: K, listener: (...args: Events[K]) => void): this {
		this.emitter.once(name, listener as (...args: unknown[]) => void);
		return this;
	}

	off<K extends keyof Events & string>(name: K, listener: (...args: Events[K]) => void): this {
		this.emitter.off(name, listener as (...args: unknown[]) => void);
		return this;
	}

	listenerCount<K extends keyof Events & string>(name: K): number {
		return this.emitter.listenerCount(name);
	}

	protected emit<K extends keyof Events & string>(name: K, ...args: Events[K]): boolean {
		return this.emitter.emit(name, ...args);
	}
}
