/** Timing helpers shared by the benchmarks: they print figures, nothing asserts on them. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 30, warmup = 5): Promise<number> {
	for (let i = 0; i < warmup; i++) await fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn();
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

export function row(label: string, ms: number, extra = ''): string {
	return `${label.padEnd(58)} ${ms.toFixed(3).padStart(10)} ms ${extra}`;
}
