import { Batcher, type BatcherTimers } from '../../nodes/Asterisk/trigger';

/** Hand-driven timers: `advance(ms)` fires what is due. */
class FakeTimers implements BatcherTimers {
	now = 0;
	private next = 1;
	private pending = new Map<number, { at: number; callback: () => void }>();
	setTimeout(callback: () => void, ms: number): unknown {
		const id = this.next++;
		this.pending.set(id, { at: this.now + ms, callback });
		return id;
	}
	clearTimeout(handle: unknown): void {
		this.pending.delete(handle as number);
	}
	get count(): number {
		return this.pending.size;
	}
	advance(ms: number): void {
		this.now += ms;
		for (const [id, timer] of [...this.pending]) {
			if (timer.at <= this.now) {
				this.pending.delete(id);
				timer.callback();
			}
		}
	}
}

function setup(maxItems: number, maxWaitMs: number) {
	const timers = new FakeTimers();
	const batches: number[][] = [];
	const batcher = new Batcher<number>({ maxItems, maxWaitMs, timers, onFlush: (b) => batches.push(b) });
	return { timers, batches, batcher };
}

describe('Batcher', () => {
	it('flushes by count, synchronously, and starts over', () => {
		const { batches, batcher, timers } = setup(3, 1000);
		[1, 2, 3, 4, 5, 6, 7].forEach((n) => batcher.push(n));
		expect(batches).toEqual([
			[1, 2, 3],
			[4, 5, 6],
		]);
		expect(batcher.size).toBe(1);
		expect(timers.count).toBe(1);
	});
	it('flushes by time, counted from the first item of the batch', () => {
		const { batches, batcher, timers } = setup(100, 1000);
		batcher.push(1);
		timers.advance(600);
		batcher.push(2);
		expect(batches).toEqual([]);
		timers.advance(399);
		expect(batches).toEqual([]);
		timers.advance(1);
		expect(batches).toEqual([[1, 2]]);
		batcher.push(3);
		timers.advance(1000);
		expect(batches).toEqual([[1, 2], [3]]);
	});
	it('a count flush cancels the pending timer', () => {
		const { batches, batcher, timers } = setup(2, 1000);
		batcher.push(1);
		batcher.push(2);
		expect(timers.count).toBe(0);
		timers.advance(5000);
		expect(batches).toEqual([[1, 2]]);
	});
	it('close flushes the rest, stops the timer and ignores later pushes', () => {
		const { batches, batcher, timers } = setup(10, 1000);
		batcher.push(1);
		batcher.push(2);
		batcher.close();
		expect(batches).toEqual([[1, 2]]);
		expect(timers.count).toBe(0);
		batcher.push(3);
		batcher.close();
		timers.advance(5000);
		expect(batches).toEqual([[1, 2]]);
		expect(batcher.isClosed).toBe(true);
	});
	it('maxItems 1 is one emit per item; maxWaitMs 0 is count only', () => {
		const one = setup(1, 0);
		one.batcher.push(1);
		one.batcher.push(2);
		expect(one.batches).toEqual([[1], [2]]);
		const countOnly = setup(3, 0);
		countOnly.batcher.push(1);
		expect(countOnly.timers.count).toBe(0);
		countOnly.batcher.flush();
		expect(countOnly.batches).toEqual([[1]]);
	});
	it('an onFlush failure from a timer goes to onError with its batch', () => {
		const timers = new FakeTimers();
		const errors: Array<[string, number[]]> = [];
		const batcher = new Batcher<number>({
			maxItems: 5,
			maxWaitMs: 10,
			timers,
			onFlush: () => {
				throw new Error('emit failed');
			},
			onError: (error, batch) => errors.push([(error as Error).message, batch]),
		});
		batcher.push(7);
		timers.advance(10);
		expect(errors).toEqual([['emit failed', [7]]]);
		expect(batcher.size).toBe(0);
	});
	it('refuses nonsense sizes', () => {
		expect(() => new Batcher({ maxItems: 0, maxWaitMs: 10, onFlush: () => undefined })).toThrow(RangeError);
		expect(() => new Batcher({ maxItems: 1.5, maxWaitMs: 10, onFlush: () => undefined })).toThrow(RangeError);
	});
	it('works with jest fake timers and the global setTimeout', () => {
		jest.useFakeTimers();
		try {
			const batches: string[][] = [];
			const batcher = new Batcher<string>({ maxItems: 10, maxWaitMs: 250, onFlush: (b) => batches.push(b) });
			batcher.push('a');
			jest.advanceTimersByTime(249);
			expect(batches).toEqual([]);
			jest.advanceTimersByTime(1);
			expect(batches).toEqual([['a']]);
		} finally {
			jest.useRealTimers();
		}
	});
});
