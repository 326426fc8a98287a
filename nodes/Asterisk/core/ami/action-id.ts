import { randomBytes } from 'node:crypto';

/**
 * Hands out ActionIDs unique to one client: a random prefix and a counter. Timestamps collide
 * under load, and Asterisk broadcasts OriginateResponse with the originator's ActionID to every
 * session, so another client's IDs must not look like ours either.
 */
export class ActionIdAllocator {
	private readonly prefix: string;
	private counter = 0;

	constructor(prefix: string = randomBytes(4).toString('hex')) {
		this.prefix = prefix;
	}

	next(): string {
		this.counter = this.counter === Number.MAX_SAFE_INTEGER ? 1 : this.counter + 1;
		return `${this.prefix}.${this.counter}`;
	}

	/** Whether an ActionID could be one of ours (cheap pre-check before a table look-up). */
	owns(actionId: string): boolean {
		return actionId.startsWith(this.prefix) && actionId.charCodeAt(this.prefix.length) === 46;
	}
}
