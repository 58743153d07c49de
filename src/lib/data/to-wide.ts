import { table, type ColumnTable } from 'arquero';
import { DataError } from './errors';
import { toDateObjects } from './series';

/**
 * Turns the long table of several symbols into one row per date and one column per symbol
 * (named by the symbol, e.g. `IWM`, `^RUT`) holding `column`. Dates are the union of all
 * symbols' dates, ascending; a symbol without a row on a date gets NaN there.
 *
 * @param longTable A table with `symbol`, `date` and `column`, as `loadSeries([...])` returns.
 * @param column The numeric column to spread, `close` by default.
 * @example
 * const both = await loadSeries(['IWM', 'QQQ']);
 * const closes = toWide(both); // columns: date, IWM, QQQ
 * const ratio = closes.derive({ ratio: (d) => d.IWM / d.QQQ });
 */
export function toWide(longTable: ColumnTable, column = 'close'): ColumnTable {
	if (typeof longTable?.columnNames !== 'function') throw new DataError('toWide: expected an arquero table');
	const names = longTable.columnNames();
	for (const needed of ['symbol', 'date', column]) {
		if (!names.includes(needed)) throw new DataError(`toWide: the table has no '${needed}' column (columns: ${names.join(', ')})`);
	}
	const symbols = longTable.array('symbol') as unknown[];
	const dates = (longTable.array('date') as unknown[]).map((d) => (d instanceof Date ? d.getTime() : Number(d)));
	const values = longTable.array(column) as unknown[];

	const uniqueDates = Float64Array.from(new Set(dates)).sort();
	const rowOfDate = new Map<number, number>();
	uniqueDates.forEach((ms, row) => rowOfDate.set(ms, row));
	const columns = new Map<string, Float64Array>();
	for (let i = 0; i < symbols.length; i++) {
		const symbol = String(symbols[i]);
		let out = columns.get(symbol);
		if (!out) columns.set(symbol, (out = new Float64Array(uniqueDates.length).fill(NaN)));
		const value = values[i];
		if (typeof value !== 'number') throw new DataError(`toWide: '${column}' at row ${i} is ${String(value)}, not a number`);
		const row = rowOfDate.get(dates[i])!;
		if (!Number.isNaN(out[row])) throw new DataError(`toWide: ${symbol} has two rows dated ${toDateObjects(uniqueDates.subarray(row, row + 1))[0].toISOString().slice(0, 10)}`);
		out[row] = value;
	}
	if (columns.has('date')) throw new DataError(`toWide: a symbol named 'date' would clash with the date column`);
	return table({ date: toDateObjects(uniqueDates), ...Object.fromEntries(columns) });
}
