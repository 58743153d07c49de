import { table, type ColumnTable } from 'arquero';
import { columnValues } from '../input.js';

/** One symbol's rows of a long table: its own table (ascending by date) and where its rows were. */
export interface SymbolSlice {
	symbol: string;
	/** the symbol's rows, every column but `symbol`; `date` as epoch milliseconds */
	table: ColumnTable;
	/** row index in the long table of each row of `table` */
	rows: Int32Array;
	/** the dates as epoch milliseconds, ascending */
	times: Float64Array;
}

/** Whether a table is a long table of several series: it has a `symbol` column. */
export function isLong(source: ColumnTable): boolean {
	return typeof source?.columnNames === 'function' && source.columnNames().includes('symbol');
}

/**
 * Splits a long table (`symbol`, `date`, `close`, … as `SELECT * FROM prices` returns it) into one
 * table per symbol, each sorted by date (kept as epoch milliseconds: no Date per row), in the
 * order symbols first appear. Rows need not be
 * sorted; a symbol with the same date twice is refused, naming both. Dates may be Dates, ISO
 * strings or epoch milliseconds (as Arrow results from SQL carry them).
 */
export function bySymbol(source: ColumnTable, fn: string): SymbolSlice[] {
	if (!isLong(source)) throw new Error(`${fn}: expected a long table with a 'symbol' column`);
	if (!source.columnNames().includes('date')) throw new Error(`${fn}: the table has no 'date' column`);
	const symbols = columnValues(source, 'symbol');
	const times = timesOf(columnValues(source, 'date'), fn);
	const groups = new Map<unknown, number[]>();
	for (let i = 0; i < symbols.length; i++) {
		const s = symbols[i];
		if (s === null || s === undefined || s === '') throw new Error(`${fn}: row ${i} has no symbol`);
		let rows = groups.get(s);
		if (!rows) groups.set(s, (rows = []));
		rows.push(i);
	}
	const columns = source.columnNames().filter((name) => name !== 'symbol');
	const values = Object.fromEntries(columns.map((name) => [name, name === 'date' ? times : columnValues(source, name)]));
	const slices: SymbolSlice[] = [];
	for (const [symbol, list] of groups) {
		const rows = Int32Array.from(list);
		let ascending = true;
		for (let k = 1; k < rows.length && ascending; k++) ascending = times[rows[k]] > times[rows[k - 1]];
		if (!ascending) rows.sort((a, b) => times[a] - times[b]);
		for (let k = 1; k < rows.length; k++) {
			if (times[rows[k]] === times[rows[k - 1]]) {
				throw new Error(`${fn}: symbol ${String(symbol)} has the date ${new Date(times[rows[k]]).toISOString().slice(0, 10)} twice (rows ${rows[k - 1]} and ${rows[k]})`);
			}
		}
		// Rows already in order and side by side (ORDER BY symbol, date) are taken as one range.
		const contiguous = ascending && rows[rows.length - 1] - rows[0] === rows.length - 1;
		// Typed columns in order are shared, not copied: a universe of 15 M rows is split in place.
		const cols: Record<string, ArrayLike<unknown>> = {};
		for (const name of columns) {
			const all = values[name];
			cols[name] = contiguous && ArrayBuffer.isView(all)
				? (all as Float64Array).subarray(rows[0], rows[0] + rows.length)
				: contiguous && Array.isArray(all) ? all.slice(rows[0], rows[0] + rows.length) : Array.from(rows, (r) => all[r]);
		}
		const own = cols.date instanceof Float64Array ? cols.date : Float64Array.from(cols.date as ArrayLike<number>);
		slices.push({ symbol: String(symbol), table: table(cols as never), rows, times: own });
	}
	return slices;
}

/** Each date as epoch milliseconds, refusing what is not a date. */
function timesOf(dates: ArrayLike<unknown>, fn: string): Float64Array {
	const out = new Float64Array(dates.length);
	for (let i = 0; i < dates.length; i++) {
		const d = dates[i];
		const t = d instanceof Date ? d.getTime() : typeof d === 'number' ? d : typeof d === 'string' ? new Date(d).getTime() : NaN;
		if (!Number.isFinite(t)) throw new Error(`${fn}: '${String(d)}' at row ${i} is not a valid date`);
		out[i] = t;
	}
	return out;
}
