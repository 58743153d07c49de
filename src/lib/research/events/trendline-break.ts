import type { ColumnTable } from 'arquero';
import { dateColumn, numberColumn, requireInteger, sessionOnOrBefore, type DateLike } from '../input.js';
import { isPivot } from '../indicators/swings.js';
import type { Condition } from './conditions.js';

export interface TrendlineOptions {
	/** bars on each side that make a swing low (default 5); a low is known `pivot` bars after it */
	pivot?: number;
	/** swing lows the line is fitted through, the latest ones (default 2: the line through two lows) */
	points?: number;
}

/** An up-trend line: price = intercept + slope × row, fitted through swing lows. */
export interface UpTrendLine {
	/** the swing lows it was fitted through, oldest first */
	lows: { index: number; date: Date; price: number }[];
	slope: number;
	intercept: number;
	/** the line's value at a row */
	at: (index: number) => number;
}

/**
 * The up-trend line known at a bar: the least-squares line through the latest `points` swing lows
 * (of the `low` column when there is one, else the close) confirmed by that bar, i.e. at least
 * `pivot` bars before it. With `points: 2` it is the line through the two latest lows. Null when
 * fewer lows are known or the line does not rise (slope ≤ 0: not an up-trend).
 *
 * @example
 * const spx = await loadSeries('^GSPC', { interval: 'week' })
 * const line = upTrendLine(spx, { asOf: '2013-06-21', pivot: 3, points: 3 })
 * line?.lows.map((l) => l.date)
 */
export function upTrendLine(table: ColumnTable, options: TrendlineOptions & { asOf?: DateLike } = {}): UpTrendLine | null {
	const { pivot, points } = settings(options, 'upTrendLine');
	const { asOf } = options;
	const dates = dateColumn(table, 'upTrendLine');
	const lows = lowColumn(table, 'upTrendLine');
	const t = asOf === undefined ? lows.length - 1 : sessionOnOrBefore(dates, asOf, 'upTrendLine');
	const swings = swingLows(lows, pivot).filter((i) => i + pivot <= t);
	const fit = fitLine(lows, swings.slice(-points), points);
	if (!fit) return null;
	return {
		lows: swings.slice(-points).map((i) => ({ index: i, date: dates[i], price: lows[i] })),
		...fit,
		at: (index: number) => fit.intercept + fit.slope * index
	};
}

/**
 * A close below a rising trend line: the line of {@link upTrendLine} known at this bar (fitted
 * through the latest `points` swing lows confirmed by then), with this close below it and the
 * previous close at or above the same line. The bar must come after the line's last low. Fires
 * once per break; a new line (a new swing low) can break again.
 *
 * @example
 * const spx = await loadSeries('^GSPC', { interval: 'week' })
 * conditionMask(spx, trendlineBreak({ pivot: 3 }))
 * eventStudy(spx, trendlineBreak({ pivot: 3, points: 3 }), { horizons: [4, 13] })
 */
export function trendlineBreak(options: TrendlineOptions = {}): Condition {
	const { pivot, points } = settings(options, 'trendlineBreak');
	return ({ table, close }) => {
		const lows = lowColumn(table, 'trendlineBreak');
		const swings = swingLows(lows, pivot);
		const mask = new Uint8Array(close.length);
		let known = 0;
		for (let t = 1; t < close.length; t++) {
			while (known < swings.length && swings[known] + pivot <= t) known++;
			if (known < points) continue;
			const chosen = swings.slice(known - points, known);
			const fit = fitLine(lows, chosen, points);
			if (!fit || t - 1 <= chosen[points - 1]) continue;
			const line = (i: number) => fit.intercept + fit.slope * i;
			if (close[t] < line(t) && close[t - 1] >= line(t - 1)) mask[t] = 1;
		}
		return mask;
	};
}

function settings(options: TrendlineOptions, fn: string): Required<TrendlineOptions> {
	const { pivot = 5, points = 2 } = options ?? {};
	requireInteger(pivot, 'pivot', fn);
	requireInteger(points, 'points', fn, 2);
	return { pivot, points };
}

function lowColumn(table: ColumnTable, fn: string): Float64Array {
	return numberColumn(table, table.columnNames().includes('low') ? 'low' : 'close', fn);
}

function swingLows(lows: Float64Array, pivot: number): number[] {
	const out: number[] = [];
	for (let i = pivot; i + pivot < lows.length; i++) if (isPivot(lows, i, pivot, pivot, -1)) out.push(i);
	return out;
}

/** Least squares of price on row through the chosen lows; null unless it rises. */
function fitLine(lows: Float64Array, rows: number[], points: number): { slope: number; intercept: number } | null {
	if (rows.length < points) return null;
	const mx = rows.reduce((a, i) => a + i, 0) / rows.length;
	const my = rows.reduce((a, i) => a + lows[i], 0) / rows.length;
	let sxy = 0;
	let sxx = 0;
	for (const i of rows) {
		sxy += (i - mx) * (lows[i] - my);
		sxx += (i - mx) ** 2;
	}
	const slope = sxy / sxx;
	return slope > 0 ? { slope, intercept: my - slope * mx } : null;
}
