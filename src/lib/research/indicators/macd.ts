import { requireInteger, seriesValues, type Series } from '../input.js';
import { emaOf } from './ema.js';

export interface Macd {
	/** fast EMA − slow EMA */
	macd: Float64Array;
	/** EMA of the MACD line */
	signal: Float64Array;
	/** macd − signal */
	histogram: Float64Array;
}

/**
 * Moving average convergence/divergence: fast EMA − slow EMA, its signal EMA and the
 * histogram. Each EMA is seeded with a simple average (see {@link ema}); the signal starts once
 * the MACD line exists, so it is NaN for the first slow + signal − 2 rows.
 *
 * @example
 * const { macd: line, signal, histogram } = macd(iwm)        // 12, 26, 9
 * const weekly = macd(weeklyIwm, { fast: 12, slow: 26, signal: 9 })
 */
export function macd(series: Series, options: { fast?: number; slow?: number; signal?: number } = {}): Macd {
	const { fast = 12, slow = 26, signal = 9 } = options;
	requireInteger(fast, 'fast', 'macd');
	requireInteger(slow, 'slow', 'macd');
	requireInteger(signal, 'signal', 'macd');
	if (fast >= slow) throw new Error(`macd: fast (${fast}) must be shorter than slow (${slow})`);
	const values = seriesValues(series, 'macd');
	const fastLine = emaOf(values, fast, 'macd');
	const slowLine = emaOf(values, slow, 'macd');
	const line = fastLine.map((f, i) => f - slowLine[i]);
	const signalLine = emaOf(line, signal, 'macd');
	return { macd: line, signal: signalLine, histogram: line.map((m, i) => m - signalLine[i]) };
}
