import { requireInteger, requireLength, seriesValues, type Series } from '../input.js';

/**
 * Relative strength index with Wilder's smoothing: the first average gain/loss is the simple
 * mean of the first `period` changes, then avg = (avg·(period−1) + change) / period.
 * Values 0–100, NaN for the first `period` rows. Only gains → 100; flat prices → 50.
 *
 * @example
 * rsi(iwm)      // 14-session RSI
 * rsi(iwm, 2)   // short-term RSI(2)
 */
export function rsi(series: Series, period = 14): Float64Array {
	const values = seriesValues(series, 'rsi');
	requireInteger(period, 'period', 'rsi');
	requireLength(values.length, period + 1, 'rsi', 'values');
	if (!Number.isFinite(values[0])) throw new Error('rsi: the series must not start with NaN');
	const out = new Float64Array(values.length).fill(NaN);
	let gain = 0;
	let loss = 0;
	for (let i = 1; i <= period; i++) {
		const change = values[i] - values[i - 1];
		if (change > 0) gain += change;
		else loss -= change;
	}
	gain /= period;
	loss /= period;
	out[period] = rsiValue(gain, loss);
	for (let i = period + 1; i < values.length; i++) {
		const change = values[i] - values[i - 1];
		gain = (gain * (period - 1) + Math.max(change, 0)) / period;
		loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
		out[i] = rsiValue(gain, loss);
	}
	return out;
}

function rsiValue(gain: number, loss: number): number {
	if (loss === 0) return gain === 0 ? 50 : 100;
	return 100 - 100 / (1 + gain / loss);
}
