import { table, type ColumnTable } from 'arquero';
import { formatIsoDay } from './dates';
import { presentColumns, toDateObjects, type PriceColumn, type PriceSeries } from './series';

export interface SymbolSeries {
	symbol: string;
	series: PriceSeries;
}

/**
 * Keeps, for every symbol, only the sessions all symbols have (a k-way intersection of the
 * sorted date arrays, so no symbol's row is ever paired with another day's). Also reports
 * sessions lost inside the common span, where a gap is news rather than a different listing date,
 * and columns left out because not every symbol has them.
 */
export function alignOnCommonDates(items: SymbolSeries[]): { aligned: SymbolSeries[]; warnings: string[] } {
	const common = intersectDates(items.map((item) => item.series.dates));
	const shared = sharedColumns(items);
	const warnings: string[] = [];
	const aligned = items.map(({ symbol, series }) => {
		const rows = rowsOf(series.dates, common);
		const inSpan = common.length === 0 ? 0 : rowsBetween(series.dates, common[0], common[common.length - 1]);
		if (inSpan > common.length) {
			warnings.push(`${symbol}: ${inSpan - common.length} session(s) between ${formatIsoDay(common[0])} and ${formatIsoDay(common[common.length - 1])} dropped because another symbol has no bar on those dates`);
		}
		const columns: PriceSeries['columns'] = {};
		for (const name of presentColumns(series)) columns[name] = pick(series.columns[name]!, rows);
		const dropped = presentColumns(series).filter((name) => !shared.includes(name));
		if (dropped.length > 0) warnings.push(`${symbol}: column(s) ${dropped.join(', ')} left out because not every symbol has them`);
		return { symbol, series: { dates: common, columns } };
	});
	return { aligned, warnings };
}

function intersectDates(all: Float64Array[]): Float64Array {
	const [first, ...rest] = all;
	const out = new Float64Array(first.length);
	const cursors = new Int32Array(rest.length);
	let n = 0;
	outer: for (let i = 0; i < first.length; i++) {
		const date = first[i];
		for (let k = 0; k < rest.length; k++) {
			const dates = rest[k];
			let j = cursors[k];
			while (j < dates.length && dates[j] < date) j++;
			cursors[k] = j;
			if (j === dates.length) break outer;
			if (dates[j] !== date) continue outer;
		}
		out[n++] = date;
	}
	return out.slice(0, n);
}

/** Row index in `dates` of each of `wanted` (a subset of `dates`, both ascending). */
function rowsOf(dates: Float64Array, wanted: Float64Array): Int32Array {
	const rows = new Int32Array(wanted.length);
	let j = 0;
	for (let i = 0; i < wanted.length; i++) {
		while (dates[j] !== wanted[i]) j++;
		rows[i] = j;
	}
	return rows;
}

function rowsBetween(dates: Float64Array, from: number, to: number): number {
	let count = 0;
	for (let i = 0; i < dates.length; i++) if (dates[i] >= from && dates[i] <= to) count++;
	return count;
}

function pick(values: Float64Array, rows: Int32Array): Float64Array {
	const out = new Float64Array(rows.length);
	for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
	return out;
}

/**
 * The long table of several symbols: `symbol`, `date`, then the price columns every symbol
 * has; one block of rows per symbol in the order given, each ascending by date.
 */
export function longTable(items: SymbolSeries[]): ColumnTable {
	const names = sharedColumns(items);
	const total = items.reduce((sum, item) => sum + item.series.dates.length, 0);
	const symbol = new Array<string>(total);
	const dates = new Float64Array(total);
	const columns = names.map(() => new Float64Array(total));
	let offset = 0;
	for (const item of items) {
		const length = item.series.dates.length;
		symbol.fill(item.symbol, offset, offset + length);
		dates.set(item.series.dates, offset);
		names.forEach((name, c) => columns[c].set(item.series.columns[name]!, offset));
		offset += length;
	}
	const data: Record<string, ArrayLike<unknown>> = { symbol, date: toDateObjects(dates) };
	names.forEach((name, c) => (data[name] = columns[c]));
	return table(data);
}

function sharedColumns(items: SymbolSeries[]): PriceColumn[] {
	if (items.length === 0) return [];
	return presentColumns(items[0].series).filter((name) => items.every((item) => item.series.columns[name] !== undefined));
}
