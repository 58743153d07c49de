import { table, type ColumnTable } from 'arquero';
import { dateColumn, iso, numberColumn, sessionOnOrAfter, sessionOnOrBefore, toDate, type DateLike } from '../input.js';
import { linearFit } from '../stats/linear-fit.js';

export interface ChannelOptions {
	/** first session of the fit (the first on or after this date); default the first row */
	start?: DateLike;
	/** last session of the fit (the last on or before this date); default the last row */
	end?: DateLike;
	/** fit log(close) (default), so the slope is a growth rate and bands are percentages */
	log?: boolean;
	/** band width in residual standard deviations (default 2) */
	k?: number;
}

/** Where the channel's lines sit at a session beyond (or within) the fit. */
export interface ChannelPoint {
	sessionsAhead: number;
	fit: number;
	upper: number;
	lower: number;
	maxUpper: number;
	maxLower: number;
}

export interface Channel {
	/** regression slope per session (log units when `log`) */
	slopePerDay: number;
	/** log: (exp(252·slopePerDay) − 1)·100, percent per year; linear: 252·slopePerDay, price per year */
	slopePerYear: number;
	r2: number;
	/** residual standard deviation (divisor n − 2) in the fitted units */
	sigma: number;
	n: number;
	start: Date;
	end: Date;
	log: boolean;
	k: number;
	dates: Date[];
	close: Float64Array;
	/** the fitted line in price terms, one value per session of the fit */
	line: Float64Array;
	/** parallel bands at ±k·σ around the line */
	bands: { upper: Float64Array; lower: Float64Array };
	/** parallel bands through the largest deviation above and below the line */
	maxBands: { upper: Float64Array; lower: Float64Array };
	/** `date, close, fit, upper, lower, maxUpper, maxLower` for charting */
	table: ColumnTable;
	/** the channel extended `ahead` sessions past `end`, or to a date (sessions counted as below) */
	project(ahead: number | DateLike): ChannelPoint;
}

/**
 * Fits a regression channel: ordinary least squares of log(close) (or close) on the session
 * index from `start` to `end`, with parallel bands at ±k·σ and at the maximum deviations, as
 * charting tools draw channels. `project(date)` counts the table's sessions up to its last row
 * and weekdays (Mon–Fri, holidays ignored) beyond it.
 *
 * @example
 * const c = channel(iwm, { start: '2012-11-15', end: '2013-07-31' })
 * c.slopePerYear   // ≈ growth of the fitted line, % per year
 * c.r2
 * c.project('2013-12-31').upper
 */
export function channel(source: ColumnTable, options: ChannelOptions = {}): Channel {
	const { log = true, k = 2 } = options;
	if (!(k > 0)) throw new Error(`channel: k must be positive, got ${k}`);
	const allDates = dateColumn(source, 'channel');
	const allClose = numberColumn(source, 'close', 'channel');
	if (allClose.length === 0) throw new Error('channel: the table has no rows');
	const from = options.start === undefined ? 0 : sessionOnOrAfter(allDates, options.start, 'channel');
	const to = options.end === undefined ? allDates.length - 1 : sessionOnOrBefore(allDates, options.end, 'channel');
	if (to - from + 1 < 3) {
		throw new Error(`channel: ${iso(allDates[from])} to ${iso(allDates[Math.max(to, 0)])} has ${Math.max(to - from + 1, 0)} sessions; a channel needs at least 3`);
	}
	const close = allClose.slice(from, to + 1);
	if (log && close.some((v) => v <= 0)) throw new Error('channel: log fit needs positive closes (pass log: false)');
	const y = log ? close.map(Math.log) : close;
	const fit = linearFit(y, 'channel');
	let maxAbove = 0;
	let maxBelow = 0;
	y.forEach((v, i) => {
		const residual = v - (fit.intercept + fit.slope * i);
		maxAbove = Math.max(maxAbove, residual);
		maxBelow = Math.min(maxBelow, residual);
	});
	const toPrice = log ? Math.exp : (v: number) => v;
	const at = (x: number, offset: number) => toPrice(fit.intercept + fit.slope * x + offset);
	const lines = (offset: number) => Float64Array.from(close, (_, i) => at(i, offset));
	const dates = allDates.slice(from, to + 1);
	const line = lines(0);
	const bands = { upper: lines(k * fit.sigma), lower: lines(-k * fit.sigma) };
	const maxBands = { upper: lines(maxAbove), lower: lines(maxBelow) };
	const project = (ahead: number | DateLike): ChannelPoint => {
		const sessionsAhead = typeof ahead === 'number' ? ahead : sessionsAfter(allDates, to, toDate(ahead, 'channel.project'));
		const x = close.length - 1 + sessionsAhead;
		return {
			sessionsAhead,
			fit: at(x, 0),
			upper: at(x, k * fit.sigma),
			lower: at(x, -k * fit.sigma),
			maxUpper: at(x, maxAbove),
			maxLower: at(x, maxBelow)
		};
	};
	return {
		slopePerDay: fit.slope,
		slopePerYear: log ? (Math.exp(252 * fit.slope) - 1) * 100 : 252 * fit.slope,
		r2: fit.r2,
		sigma: fit.sigma,
		n: fit.n,
		start: dates[0],
		end: dates[dates.length - 1],
		log,
		k,
		dates,
		close,
		line,
		bands,
		maxBands,
		table: table({
			date: dates,
			close,
			fit: line,
			upper: bands.upper,
			lower: bands.lower,
			maxUpper: maxBands.upper,
			maxLower: maxBands.lower
		}),
		project
	};
}

/** Sessions from row `end` to `date`: table rows while they last, then weekdays. */
function sessionsAfter(dates: Date[], end: number, date: Date): number {
	const last = dates.length - 1;
	if (date.getTime() <= dates[last].getTime()) return sessionOnOrBefore(dates, date, 'channel.project') - end;
	let count = last - end;
	const day = new Date(dates[last]);
	while (true) {
		day.setUTCDate(day.getUTCDate() + 1);
		if (day.getTime() > date.getTime()) return count;
		const weekday = day.getUTCDay();
		if (weekday !== 0 && weekday !== 6) count++;
	}
}
