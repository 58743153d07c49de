import type { ColumnTable } from 'arquero';
import { DataError } from './errors';
import { formatIsoDay } from './dates';
import { PRICE_COLUMNS, type PriceSeries } from './series';
import type { SymbolSeries } from './align';

/**
 * Reads a price table (one symbol, or long with a `symbol` column) back into typed series, one
 * per symbol in order of first appearance, each sorted by date. `fn` names the caller in errors.
 */
export function seriesFromTable(input: ColumnTable, fn: string): { items: SymbolSeries[]; long: boolean } {
	if (typeof input?.columnNames !== 'function') throw new DataError(`${fn}: expected an arquero table`);
	const names = input.columnNames();
	if (!names.includes('date')) throw new DataError(`${fn}: the table has no 'date' column (columns: ${names.join(', ')})`);
	const long = names.includes('symbol');
	const dates = input.array('date') as unknown[];
	const symbols = long ? (input.array('symbol') as unknown[]) : undefined;
	const present = PRICE_COLUMNS.filter((name) => names.includes(name));
	const values = present.map((name) => input.array(name, Float64Array) as Float64Array);

	const rowsBySymbol = new Map<string, number[]>();
	for (let i = 0; i < dates.length; i++) {
		const key = symbols ? String(symbols[i]) : '';
		let rows = rowsBySymbol.get(key);
		if (!rows) rowsBySymbol.set(key, (rows = []));
		rows.push(i);
	}
	const items = [...rowsBySymbol].map(([symbol, rows]) => {
		const ms = rows.map((i) => dateValue(dates[i], i, fn));
		const order = rows.map((_, k) => k).sort((a, b) => ms[a] - ms[b]);
		for (let k = 1; k < order.length; k++) {
			if (ms[order[k]] === ms[order[k - 1]]) {
				throw new DataError(`${fn}: ${symbol ? symbol + ' has ' : ''}two rows dated ${formatIsoDay(ms[order[k]])}`);
			}
		}
		const columns: PriceSeries['columns'] = {};
		present.forEach((name, c) => (columns[name] = Float64Array.from(order, (k) => values[c][rows[k]])));
		return { symbol, series: { dates: Float64Array.from(order, (k) => ms[k]), columns } };
	});
	return { items, long };
}

function dateValue(value: unknown, row: number, fn: string): number {
	const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : NaN;
	if (!Number.isFinite(ms)) throw new DataError(`${fn}: 'date' at row ${row} is ${String(value)}, not a Date`);
	return ms;
}
