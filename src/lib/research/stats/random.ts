/**
 * A seeded uniform generator on [0, 1) (mulberry32): fast, and the same seed gives the same
 * bootstrap in the browser, the CLI and the tests.
 *
 * @example
 * const random = seededRandom(42)
 * random() // 0.6011037519201636 every time
 */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
