import type { ColumnTable } from 'arquero';
import { numberColumn, requireInteger, requireLength } from '../input.js';

/**
 * True range per row: max(high − low, |high − previous close|, |low − previous close|);
 * the first row has no previous close, so it is high − low.
 *
 * @example
 * trueRange(iwm) // Float64Array aligned to iwm's rows
 */
export function trueRange(table: ColumnTable): Float64Array {
	return trueRangeOf(table, 'trueRange');
}

function trueRangeOf(table: ColumnTable, fn: string): Float64Array {
	const high = numberColumn(table, 'high', fn);
	const low = numberColumn(table, 'low', fn);
	const close = numberColumn(table, 'close', fn);
	const out = new Float64Array(close.length);
	for (let i = 0; i < close.length; i++) {
		const range = high[i] - low[i];
		out[i] = i === 0 ? range : Math.max(range, Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1]));
	}
	return out;
}

/**
 * Average true range with Wilder's smoothing, as TA-Lib computes it: the first value (row
 * `period`) is the mean of the true ranges of rows 1…period (row 0 has no previous close),
 * then atr = (atr·(period−1) + tr) / period. NaN before row `period`.
 *
 * @example
 * atr(iwm)      // ATR(14)
 * atr(iwm, 20)
 */
export function atr(table: ColumnTable, period = 14): Float64Array {
	requireInteger(period, 'period', 'atr');
	const tr = trueRangeOf(table, 'atr');
	requireLength(tr.length, period + 1, 'atr');
	const out = new Float64Array(tr.length).fill(NaN);
	let avg = 0;
	for (let i = 1; i <= period; i++) avg += tr[i];
	avg /= period;
	out[period] = avg;
	for (let i = period + 1; i < tr.length; i++) {
		avg = (avg * (period - 1) + tr[i]) / period;
		out[i] = avg;
	}
	return out;
}
