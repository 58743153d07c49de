import { epochDay } from './dates';
import { presentColumns, type PriceColumn, type PriceSeries } from './series';
import type { Interval } from './interval';

/**
 * Bars of `interval` from daily bars: open = first, high = max, low = min, close = last,
 * volume = sum, adjClose = last. A bar is dated by its LAST session, the day its close is
 * known, so joining bars back onto daily data never looks ahead. Weeks run Monday to Sunday
 * (a holiday-shortened week is one shorter bar); n-day bars count sessions from the first
 * session of the series, so the last bar may hold fewer than n sessions.
 */
export function resampleSeries(series: PriceSeries, interval: Interval): PriceSeries {
	if (interval === 'day') return series;
	const keys = barKeys(series.dates, interval);
	const ends = barEnds(keys);
	const dates = new Float64Array(ends.length);
	for (let b = 0; b < ends.length; b++) dates[b] = series.dates[ends[b] - 1];
	const columns: PriceSeries['columns'] = {};
	for (const name of presentColumns(series)) columns[name] = aggregate(name, series.columns[name]!, ends);
	return { dates, columns };
}

function barKeys(dates: Float64Array, interval: Exclude<Interval, 'day'>): Float64Array {
	const keys = new Float64Array(dates.length);
	for (let i = 0; i < dates.length; i++) {
		if (interval === 'week') {
			// 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday.
			keys[i] = Math.floor((epochDay(dates[i]) + 3) / 7);
		} else if (interval === 'month') {
			const d = new Date(dates[i]);
			keys[i] = d.getUTCFullYear() * 12 + d.getUTCMonth();
		} else {
			keys[i] = Math.floor(i / interval.days);
		}
	}
	return keys;
}

/** Exclusive end row of each bar: rows with equal consecutive keys form one bar. */
function barEnds(keys: Float64Array): Int32Array {
	const ends: number[] = [];
	for (let i = 1; i <= keys.length; i++) if (i === keys.length || keys[i] !== keys[i - 1]) ends.push(i);
	return Int32Array.from(ends);
}

function aggregate(name: PriceColumn, values: Float64Array, ends: Int32Array): Float64Array {
	const out = new Float64Array(ends.length);
	let start = 0;
	for (let b = 0; b < ends.length; b++) {
		const end = ends[b];
		out[b] = reduceBar(name, values, start, end);
		start = end;
	}
	return out;
}

function reduceBar(name: PriceColumn, values: Float64Array, start: number, end: number): number {
	switch (name) {
		case 'open':
			return values[start];
		case 'close':
		case 'adjClose':
			return values[end - 1];
		case 'high': {
			let high = -Infinity;
			for (let i = start; i < end; i++) if (values[i] > high) high = values[i];
			return high;
		}
		case 'low': {
			let low = Infinity;
			for (let i = start; i < end; i++) if (values[i] < low) low = values[i];
			return low;
		}
		case 'volume': {
			let sum = 0;
			for (let i = start; i < end; i++) sum += values[i];
			return sum;
		}
	}
}
