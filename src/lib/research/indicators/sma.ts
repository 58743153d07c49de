import { firstFinite, requireInteger, requireLength, seriesValues, type Series } from '../input.js';

/**
 * Simple moving average: the mean of the last `period` values including the current one.
 * Aligned to the input; NaN until `period` values are available.
 *
 * @example
 * sma([1, 2, 3, 4, 5], 3) // Float64Array [NaN, NaN, 2, 3, 4]
 * sma(iwm, 50)           // 50-day average of IWM's close
 */
export function sma(series: Series, period: number): Float64Array {
	const values = seriesValues(series, 'sma');
	requireInteger(period, 'period', 'sma');
	const start = firstFinite(values);
	requireLength(values.length - start, period, 'sma', 'values');
	const out = new Float64Array(values.length).fill(NaN);
	let sum = 0;
	for (let i = start; i < values.length; i++) {
		sum += values[i];
		if (i - start >= period) sum -= values[i - period];
		if (i - start >= period - 1) out[i] = sum / period;
	}
	return out;
}
