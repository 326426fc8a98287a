/** Feed helpers: the same bytes cut in every way a socket might cut them. */

/** Every way to cut `bytes` in two (at each index), plus one-byte chunks. */
export function* everySplit(bytes: Buffer): Generator<Buffer[]> {
	for (let cut = 0; cut <= bytes.length; cut++) yield [bytes.subarray(0, cut), bytes.subarray(cut)];
	yield [...bytes].map((byte) => Buffer.from([byte]));
}

/** Deterministic pseudo-random cuts (a small LCG), so a failing seed can be replayed. */
export function randomChunks(bytes: Buffer, seed: number, maxChunk = 97): Buffer[] {
	let state = seed >>> 0 || 1;
	const next = () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state;
	};
	const chunks: Buffer[] = [];
	for (let offset = 0; offset < bytes.length; ) {
		const size = 1 + (next() % maxChunk);
		chunks.push(bytes.subarray(offset, offset + size));
		offset += size;
	}
	return chunks;
}
