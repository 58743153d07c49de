import { formatIsoDay } from './dates';
import type { PriceLayout } from './parse-price-csv';
import { presentColumns, type PriceColumn, type PriceSeries } from './series';

const HEADERS: Record<PriceColumn, string> = { open: 'Open', high: 'High', low: 'Low', close: 'Close', adjClose: 'Adj Close', volume: 'Volume' };
/** Yahoo's column order, which the parser reads by name anyway. */
const ORDER: PriceColumn[] = ['open', 'high', 'low', 'close', 'adjClose', 'volume'];

/**
 * A parsed series written back as CSV that `parsePriceSeries` reads to the same numbers: Yahoo's
 * header names for the columns present (`Date,Value` for an economic series, whose values may be
 * ≤ 0), ISO days, each number in JavaScript's shortest exact form. What the server sends when a
 * cell asks for part of a file (see SessionRange).
 */
export function seriesToCsv(series: PriceSeries, layout: PriceLayout): string {
	const columns = ORDER.filter((name) => presentColumns(series).includes(name));
	const header = layout === 'series' ? ['Date', 'Value'] : ['Date', ...columns.map((name) => HEADERS[name])];
	const values = columns.map((name) => series.columns[name]!);
	const lines = [header.join(',')];
	for (let i = 0; i < series.dates.length; i++) {
		let line = formatIsoDay(series.dates[i]);
		for (const column of values) line += ',' + String(column[i]);
		lines.push(line);
	}
	return lines.join('\n') + '\n';
}
