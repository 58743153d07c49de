import type { ColumnTable } from 'arquero';
import { dateColumn, numberColumn, requireInteger, requireLength } from '../input.js';

export interface SwingPoint {
	index: number;
	date: Date;
	price: number;
}

/**
 * Swing highs and lows (pivots): a swing high is a high above the `left` highs before it and
 * not below the `right` highs after it (ties go to the first), a swing low the mirror image.
 * Uses the high/low columns when present, else the close. Pivots in the last `right` rows
 * are not yet confirmed and are not reported.
 *
 * @example
 * const { highs, lows } = swingPoints(weeklyIwm, { left: 3, right: 3 })
 * highs.at(-1) // { index, date, price } of the latest confirmed swing high
 */
export function swingPoints(
	table: ColumnTable,
	options: { left?: number; right?: number } = {}
): { highs: SwingPoint[]; lows: SwingPoint[] } {
	const { left = 5, right = 5 } = options;
	requireInteger(left, 'left', 'swingPoints');
	requireInteger(right, 'right', 'swingPoints');
	const names = table.columnNames();
	const high = numberColumn(table, names.includes('high') ? 'high' : 'close', 'swingPoints');
	const low = numberColumn(table, names.includes('low') ? 'low' : 'close', 'swingPoints');
	const dates = dateColumn(table, 'swingPoints');
	requireLength(high.length, left + right + 1, 'swingPoints');
	const highs: SwingPoint[] = [];
	const lows: SwingPoint[] = [];
	for (let i = left; i < high.length - right; i++) {
		if (isPivot(high, i, left, right, 1)) highs.push({ index: i, date: dates[i], price: high[i] });
		if (isPivot(low, i, left, right, -1)) lows.push({ index: i, date: dates[i], price: low[i] });
	}
	return { highs, lows };
}

/**
 * Whether values[i] is a pivot: sign 1 a peak (above the `left` values before it, not below the
 * `right` after it), −1 a trough (the mirror image). The caller keeps i − left and i + right in range.
 */
export function isPivot(values: Float64Array, i: number, left: number, right: number, sign: 1 | -1): boolean {
	const v = sign * values[i];
	for (let j = i - left; j < i; j++) if (sign * values[j] >= v) return false;
	for (let j = i + 1; j <= i + right; j++) if (sign * values[j] > v) return false;
	return true;
}
