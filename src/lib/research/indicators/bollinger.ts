import { firstFinite, requireInteger, requireLength, seriesValues, type Series } from '../input.js';

export interface Bands {
	middle: Float64Array;
	upper: Float64Array;
	lower: Float64Array;
	/** (upper − lower) / middle: the band's relative width, small in a compression */
	width: Float64Array;
}

/**
 * Bollinger bands: SMA(period) ± k·σ, with σ the population standard deviation of the same
 * window (Bollinger's own definition, divisor `period`). NaN until `period` values exist.
 *
 * @example
 * const { upper, middle, lower } = bollinger(iwm)        // 20, 2
 * bollinger(iwm, { period: 10, k: 1.5 })
 */
export function bollinger(series: Series, options: { period?: number; k?: number } = {}): Bands {
	const { period = 20, k = 2 } = options;
	requireInteger(period, 'period', 'bollinger');
	if (!(k > 0)) throw new Error(`bollinger: k must be positive, got ${k}`);
	const values = seriesValues(series, 'bollinger');
	const start = firstFinite(values);
	requireLength(values.length - start, period, 'bollinger', 'values');
	const n = values.length;
	const middle = new Float64Array(n).fill(NaN);
	const upper = new Float64Array(n).fill(NaN);
	const lower = new Float64Array(n).fill(NaN);
	const width = new Float64Array(n).fill(NaN);
	for (let i = start + period - 1; i < n; i++) {
		// A fresh two-pass window keeps σ exact on flat stretches, where running sums of
		// squares cancel badly; period is small so the cost is negligible.
		let sum = 0;
		for (let j = i - period + 1; j <= i; j++) sum += values[j];
		const mean = sum / period;
		let squares = 0;
		for (let j = i - period + 1; j <= i; j++) squares += (values[j] - mean) ** 2;
		const sd = Math.sqrt(squares / period);
		middle[i] = mean;
		upper[i] = mean + k * sd;
		lower[i] = mean - k * sd;
		width[i] = (upper[i] - lower[i]) / mean;
	}
	return { middle, upper, lower, width };
}
