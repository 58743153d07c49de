import { table, type ColumnTable } from 'arquero';
import { dateColumn, numberColumn, requireInteger, sessionOnOrBefore, toDate, type DateLike } from '../input.js';

/**
 * A look-back window: `'1w'`, `'2w'`, `'1m'`, `'3m'`, `'6m'`, `'1y'`, `'3y'` (calendar, any
 * number), `'ytd'`, or a custom `{ label, sessions }` (trading sessions back) or
 * `{ label, from }` (since the close of that date).
 */
export type PerformanceWindow = string | { label: string; sessions: number } | { label: string; from: DateLike };

/**
 * Percent change of each symbol over several windows, one row per symbol: `symbol`, `asOf`
 * and one column per window label. Calendar windows measure from the last close on or before
 * the same calendar date back (asOf − 7 days, − N months, − N years; YTD from the last close of
 * the previous year). A day the earlier month lacks is clamped to that month's end: '1m' as of
 * 2021-03-31 starts from the last close on or before 2021-02-28, '1y' as of 2012-02-29 from
 * 2011-02-28. A window starting before a symbol's data is NaN. `asOf` defaults to the
 * latest date every symbol has, so the rows compare the same session.
 *
 * @example
 * performanceTable({ IWM: iwm, QQQ: qqq, SPY: spy })
 * performanceTable({ IWM: iwm, QQQ: qqq }, { windows: ['1m', 'ytd', { label: '9d', sessions: 9 }], asOf: '2013-07-08' })
 */
export function performanceTable(
	tables: Record<string, ColumnTable>,
	options: { windows?: PerformanceWindow[]; asOf?: DateLike } = {}
): ColumnTable {
	const { windows = ['1w', '1m', '3m', 'ytd', '1y'] } = options;
	const symbols = Object.keys(tables);
	if (symbols.length === 0) throw new Error('performanceTable: give at least one table, e.g. { IWM: iwm }');
	const series = symbols.map((symbol) => ({
		dates: dateColumn(tables[symbol], `performanceTable (${symbol})`),
		close: numberColumn(tables[symbol], 'close', `performanceTable (${symbol})`)
	}));
	const asOf = options.asOf === undefined
		? new Date(Math.min(...series.map((s) => s.dates[s.dates.length - 1].getTime())))
		: toDate(options.asOf, 'performanceTable');
	const columns: Record<string, unknown[]> = { symbol: symbols, asOf: [] };
	for (const w of windows) columns[labelOf(w)] = [];
	for (const { dates, close } of series) {
		const end = sessionOnOrBefore(dates, asOf, 'performanceTable');
		columns.asOf.push(dates[end]);
		for (const w of windows) {
			const start = startRow(w, dates, end);
			columns[labelOf(w)].push(start === null ? NaN : (close[end] / close[start] - 1) * 100);
		}
	}
	return table(columns as never);
}

function labelOf(w: PerformanceWindow): string {
	return typeof w === 'string' ? w : w.label;
}

/** The base row of a window, or null when the data starts too late. */
function startRow(w: PerformanceWindow, dates: Date[], end: number): number | null {
	if (typeof w === 'object' && 'sessions' in w) {
		requireInteger(w.sessions, `sessions of '${w.label}'`, 'performanceTable');
		return end - w.sessions >= 0 ? end - w.sessions : null;
	}
	const target = typeof w === 'object' ? toDate(w.from, 'performanceTable') : calendarStart(w, dates[end]);
	return target.getTime() < dates[0].getTime() ? null : sessionOnOrBefore(dates, target, 'performanceTable');
}

function calendarStart(w: string, asOf: Date): Date {
	const d = new Date(asOf);
	if (w.toLowerCase() === 'ytd') return new Date(Date.UTC(asOf.getUTCFullYear() - 1, 11, 31));
	const match = /^(\d+)([wmy])$/i.exec(w);
	if (!match) throw new Error(`performanceTable: unknown window '${w}' (use '1w', '3m', '1y', 'ytd', { label, sessions } or { label, from })`);
	const count = Number(match[1]);
	const unit = match[2].toLowerCase();
	if (unit === 'w') {
		d.setUTCDate(d.getUTCDate() - 7 * count);
		return d;
	}
	return monthsBefore(asOf, unit === 'm' ? count : 12 * count);
}

/** The same day `months` earlier, or that month's last day when it is shorter (setUTCMonth would roll into the next month). */
function monthsBefore(date: Date, months: number): Date {
	const d = new Date(date);
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() - months);
	const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(date.getUTCDate(), lastDay));
	return d;
}

