import type { ColumnTable } from 'arquero';
import { numberColumn, requireInteger, requireLength } from '../input.js';
import { linearFit, type LinearFit } from '../stats/linear-fit.js';

/**
 * On-balance volume: a running total that adds the session's volume on a higher close,
 * subtracts it on a lower close and leaves it on an unchanged one; 0 on the first row.
 *
 * @example
 * const flow = obv(iwm)
 * const trend = obvTrend(iwm, { sessions: 60 })
 */
export function obv(table: ColumnTable): Float64Array {
	const close = numberColumn(table, 'close', 'obv');
	const volume = numberColumn(table, 'volume', 'obv');
	const out = new Float64Array(close.length);
	for (let i = 1; i < close.length; i++) {
		out[i] = out[i - 1] + Math.sign(close[i] - close[i - 1]) * volume[i];
	}
	return out;
}

export interface Trend extends LinearFit {
	/** the fitted value on each row of the fitted range, NaN elsewhere (aligned to the input) */
	line: Float64Array;
	/** first and last row index of the fit */
	from: number;
	to: number;
}

/**
 * Straight-line trend of any aligned series over its last `sessions` rows (OLS on the row
 * index). `slope` is in the series' units per session: positive OBV slope = accumulation.
 *
 * @example
 * trendLine(obv(iwm), { sessions: 60 }).slope > 0
 */
export function trendLine(values: ArrayLike<number>, options: { sessions?: number } = {}): Trend {
	const sessions = options.sessions ?? values.length;
	requireInteger(sessions, 'sessions', 'trendLine', 3);
	requireLength(values.length, sessions, 'trendLine', 'values');
	const from = values.length - sessions;
	const window = Float64Array.from({ length: sessions }, (_, i) => values[from + i]);
	const fit = linearFit(window, 'trendLine');
	const line = new Float64Array(values.length).fill(NaN);
	for (let i = 0; i < sessions; i++) line[from + i] = fit.intercept + fit.slope * i;
	return { ...fit, line, from, to: values.length - 1 };
}

/**
 * OBV with its trend line over the last `sessions` rows (default 60).
 *
 * @example
 * const { obv: flow, trend } = obvTrend(weeklyIwm, { sessions: 26 })
 */
export function obvTrend(table: ColumnTable, options: { sessions?: number } = {}): { obv: Float64Array; trend: Trend } {
	const flow = obv(table);
	return { obv: flow, trend: trendLine(flow, { sessions: options.sessions ?? Math.min(60, flow.length) }) };
}
