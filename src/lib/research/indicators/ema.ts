import { firstFinite, requireInteger, requireLength, seriesValues, type Series } from '../input.js';

/**
 * Exponential moving average with weight 2 / (period + 1), seeded with the simple average of
 * the first `period` values (as TA-Lib does) so the start does not depend on one close.
 * NaN until `period` values are available; leading NaNs in the input are skipped.
 *
 * @example
 * ema([1, 2, 3, 4, 5], 3) // Float64Array [NaN, NaN, 2, 3, 4]
 * ema(iwm, 21)
 */
export function ema(series: Series, period: number): Float64Array {
	const values = seriesValues(series, 'ema');
	requireInteger(period, 'period', 'ema');
	return emaOf(values, period, 'ema');
}

/** EMA of already-validated values (shared with MACD, whose signal line starts late). */
export function emaOf(values: Float64Array, period: number, fn: string): Float64Array {
	const start = firstFinite(values);
	requireLength(values.length - start, period, fn, 'values');
	const out = new Float64Array(values.length).fill(NaN);
	const alpha = 2 / (period + 1);
	let seed = 0;
	for (let i = start; i < start + period; i++) seed += values[i];
	let prev = seed / period;
	out[start + period - 1] = prev;
	for (let i = start + period; i < values.length; i++) {
		prev += alpha * (values[i] - prev);
		out[i] = prev;
	}
	return out;
}
