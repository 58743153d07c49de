/**
 * Candles merged so a window never draws more bars than it has room for: 6,500 daily candles on
 * a 700-pixel chart are ten per pixel, and drawing each costs frame time without showing more.
 * Groups are aligned to multiples of the group size from the first row, so panning does not make
 * the merged bars flicker.
 */
export interface Bars {
	x: ArrayLike<number>;
	open: ArrayLike<number>;
	high: ArrayLike<number>;
	low: ArrayLike<number>;
	close: ArrayLike<number>;
	volume: ArrayLike<number>;
}

export interface Bar {
	date: Date;
	open: number;
	high: number;
	low: number;
	close: number;
	volume: number;
	/** how many rows the bar merges */
	rows: number;
}

/** Bars of rows [start, end): one per row when they fit in `maxBars`, else each merging `size` rows (open of the first, close of the last). */
export function mergeBars(bars: Bars, start: number, end: number, maxBars: number): { size: number; bars: Bar[] } {
	const count = Math.max(0, end - start);
	const size = count <= maxBars ? 1 : Math.ceil(count / Math.max(1, maxBars));
	const out: Bar[] = [];
	const first = Math.floor(start / size) * size;
	for (let g = first; g < end; g += size) {
		const from = Math.max(g, start);
		const to = Math.min(g + size, end);
		let high = -Infinity;
		let low = Infinity;
		let volume = 0;
		for (let i = from; i < to; i++) {
			if (bars.high[i] > high) high = bars.high[i];
			if (bars.low[i] < low) low = bars.low[i];
			volume += bars.volume[i] || 0;
		}
		out.push({ date: new Date(bars.x[from]), open: bars.open[from], high, low, close: bars.close[to - 1], volume, rows: to - from });
	}
	return { size, bars: out };
}

/**
 * The rows of a line worth drawing in a window of `columns` pixels: all of them when they fit,
 * else per pixel column the first, last, lowest and highest of each series (M4), which draws the
 * same picture as every row at a fraction of the points. Ascending indices within [start, end).
 */
export function thinLine(x: ArrayLike<number>, series: ArrayLike<number>[], start: number, end: number, columns: number): number[] {
	const keep: number[] = [];
	if (end - start <= 4 * columns || end - start < 2) {
		for (let i = start; i < end; i++) keep.push(i);
		return keep;
	}
	const [from, to] = [x[start], x[end - 1]];
	const column = (i: number) => Math.min(columns - 1, Math.floor(((x[i] - from) / (to - from || 1)) * columns));
	let i = start;
	while (i < end) {
		const c = column(i);
		let j = i;
		const picks = new Set<number>([i]);
		const lows = series.map(() => i);
		const highs = series.map(() => i);
		while (j < end && column(j) === c) {
			series.forEach((y, s) => {
				if (y[j] < y[lows[s]] || !Number.isFinite(y[lows[s]])) lows[s] = j;
				if (y[j] > y[highs[s]] || !Number.isFinite(y[highs[s]])) highs[s] = j;
			});
			j++;
		}
		picks.add(j - 1);
		for (const k of [...lows, ...highs]) picks.add(k);
		keep.push(...[...picks].sort((a, b) => a - b));
		i = j;
	}
	return keep;
}
