import { table, type ColumnTable } from 'arquero';
import { requireInteger, requireLength } from '../input.js';
import { alignCloses, dailyReturns } from './align.js';

/**
 * Rolling Pearson correlation of two symbols' simple daily returns over `window` returns, on
 * their common dates. Returns a table `date, correlation`; the date is the session that ends
 * the window (NaN before a full window).
 *
 * @example
 * rollingCorrelation(iwm, qqq, { window: 60 })
 */
export function rollingCorrelation(a: ColumnTable, b: ColumnTable, options: { window?: number } = {}): ColumnTable {
	const { dates, x, y, window } = returnsWindow(a, b, options.window ?? 60, 'rollingCorrelation');
	const correlation = rollingMoments(x, y, window, (sxx, syy, sxy) => sxy / Math.sqrt(sxx * syy));
	return table({ date: dates, correlation });
}

/**
 * Rolling beta of `asset` against `benchmark`: cov(asset, benchmark) / var(benchmark) of simple
 * daily returns over `window` returns. Returns a table `date, beta`.
 *
 * @example
 * rollingBeta(iwm, spy, { window: 120 })   // IWM's beta to SPY
 */
export function rollingBeta(asset: ColumnTable, benchmark: ColumnTable, options: { window?: number } = {}): ColumnTable {
	const { dates, x, y, window } = returnsWindow(asset, benchmark, options.window ?? 60, 'rollingBeta');
	const beta = rollingMoments(x, y, window, (_sxx, syy, sxy) => sxy / syy);
	return table({ date: dates, beta });
}

function returnsWindow(a: ColumnTable, b: ColumnTable, window: number, fn: string) {
	requireInteger(window, 'window', fn, 2);
	const aligned = alignCloses(a, b, fn);
	requireLength(aligned.dates.length, window + 1, fn, 'common dates');
	// Returns are one shorter; the first date has no return so it is dropped.
	return { dates: aligned.dates.slice(1), x: dailyReturns(aligned.a), y: dailyReturns(aligned.b), window };
}

/** Centred co-moments of each window (two-pass per window keeps precision on tiny returns). */
function rollingMoments(
	x: Float64Array,
	y: Float64Array,
	window: number,
	statistic: (sxx: number, syy: number, sxy: number) => number
): Float64Array {
	const out = new Float64Array(x.length).fill(NaN);
	for (let end = window - 1; end < x.length; end++) {
		let mx = 0;
		let my = 0;
		for (let i = end - window + 1; i <= end; i++) {
			mx += x[i];
			my += y[i];
		}
		mx /= window;
		my /= window;
		let sxx = 0;
		let syy = 0;
		let sxy = 0;
		for (let i = end - window + 1; i <= end; i++) {
			sxx += (x[i] - mx) ** 2;
			syy += (y[i] - my) ** 2;
			sxy += (x[i] - mx) * (y[i] - my);
		}
		out[end] = statistic(sxx, syy, sxy);
	}
	return out;
}
