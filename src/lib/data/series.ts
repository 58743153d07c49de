import { table, type ColumnTable } from 'arquero';

/** The value columns a price table may carry, in the order tables show them. */
export const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;
export type PriceColumn = (typeof PRICE_COLUMNS)[number];

/**
 * One symbol's bars as typed arrays, the working form between parsing and the arquero table:
 * the hot loops (validation, alignment, resampling) run here, and a table is built once at the end.
 * `dates` are ms at UTC midnight, ascending and unique; every present column has `dates.length` values.
 */
export interface PriceSeries {
	dates: Float64Array;
	columns: Partial<Record<PriceColumn, Float64Array>>;
}

export function presentColumns(series: PriceSeries): PriceColumn[] {
	return PRICE_COLUMNS.filter((name) => series.columns[name] !== undefined);
}

/** Rows [from, to) as views on the same buffers (no copy). */
export function sliceSeries(series: PriceSeries, from: number, to: number): PriceSeries {
	const columns: PriceSeries['columns'] = {};
	for (const name of presentColumns(series)) columns[name] = series.columns[name]!.subarray(from, to);
	return { dates: series.dates.subarray(from, to), columns };
}

/** Rows whose date lies in [start, end] (ms at UTC midnight), found by binary search. */
export function clipSeries(series: PriceSeries, start = -Infinity, end = Infinity): PriceSeries {
	return sliceSeries(series, lowerBound(series.dates, start), lowerBound(series.dates, end + 1));
}

function lowerBound(values: Float64Array, target: number): number {
	let lo = 0;
	let hi = values.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (values[mid] < target) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export function toDateObjects(dates: Float64Array): Date[] {
	const out = new Array<Date>(dates.length);
	for (let i = 0; i < dates.length; i++) out[i] = new Date(dates[i]);
	return out;
}

/** The arquero table for one symbol: `date` as Date objects, then the present price columns. */
export function seriesToTable(series: PriceSeries): ColumnTable {
	const data: Record<string, ArrayLike<unknown>> = { date: toDateObjects(series.dates) };
	for (const name of presentColumns(series)) data[name] = series.columns[name]!;
	return table(data);
}
