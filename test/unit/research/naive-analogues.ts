/**
 * The O(n·w) reference scan the fast search is checked and benchmarked against: z-normalize
 * every window and measure its Euclidean distance to the z-normalized reference, then pick
 * the best non-overlapping windows. Written straightforwardly on purpose.
 */
export function naiveShapeAnalogues(close: ArrayLike<number>, window: number, top: number): { start: number; similarity: number }[] {
	const logs = Array.from(close, Math.log);
	const refStart = logs.length - window;
	const zRef = zNormalize(logs.slice(refStart));
	const scored: { start: number; similarity: number }[] = [];
	for (let i = 0; i + window <= logs.length; i++) {
		if (i + window > refStart) continue;
		const z = zNormalize(logs.slice(i, i + window));
		let d2 = 0;
		for (let j = 0; j < window; j++) d2 += (z[j] - zRef[j]) ** 2;
		// for z-normalized paths, d² = 2w(1 − r)
		scored.push({ start: i, similarity: 1 - d2 / (2 * window) });
	}
	scored.sort((a, b) => b.similarity - a.similarity || a.start - b.start);
	const picked: { start: number; similarity: number }[] = [];
	for (const s of scored) {
		if (picked.length === top) break;
		if (picked.every((p) => s.start + window <= p.start || s.start >= p.start + window)) picked.push(s);
	}
	return picked;
}

function zNormalize(values: number[]): number[] {
	const m = values.reduce((a, b) => a + b, 0) / values.length;
	const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
	return values.map((v) => (v - m) / sd);
}
