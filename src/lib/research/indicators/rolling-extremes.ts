import { requireInteger, requireLength, seriesValues, type Series } from '../input.js';

/**
 * Highest value of the last `period` rows including the current one (a table's close; pass
 * `table.array('high')` for intraday highs). NaN until `period` rows exist. O(n) via a
 * monotonic queue.
 *
 * @example
 * rollingHigh(iwm, 252)                 // 52-week closing high
 * rollingHigh(iwm.array('high'), 20)    // 20-day intraday high
 */
export function rollingHigh(series: Series, period: number): Float64Array {
	return rollingExtreme(seriesValues(series, 'rollingHigh'), period, (a, b) => a >= b, 'rollingHigh');
}

/**
 * Lowest value of the last `period` rows including the current one; see {@link rollingHigh}.
 *
 * @example
 * rollingLow(iwm, 20)
 */
export function rollingLow(series: Series, period: number): Float64Array {
	return rollingExtreme(seriesValues(series, 'rollingLow'), period, (a, b) => a <= b, 'rollingLow');
}

function rollingExtreme(
	values: Float64Array,
	period: number,
	dominates: (a: number, b: number) => boolean,
	fn: string
): Float64Array {
	requireInteger(period, 'period', fn);
	requireLength(values.length, period, fn, 'values');
	if (values.some(Number.isNaN)) throw new Error(`${fn}: values must not contain NaN`);
	const out = new Float64Array(values.length).fill(NaN);
	const queue = new Int32Array(values.length);
	let head = 0;
	let tail = 0;
	for (let i = 0; i < values.length; i++) {
		while (tail > head && dominates(values[i], values[queue[tail - 1]])) tail--;
		queue[tail++] = i;
		if (queue[head] <= i - period) head++;
		if (i >= period - 1) out[i] = values[queue[head]];
	}
	return out;
}
