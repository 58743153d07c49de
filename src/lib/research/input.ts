import type { ColumnTable } from 'arquero';

/** A price series: an arquero table (its `close` column is used) or plain numbers. */
export type Series = ColumnTable | ArrayLike<number>;

/** A date given as a Date or an ISO string such as `'2013-07-08'`. */
export type DateLike = Date | string;

function isTable(value: unknown): value is ColumnTable {
	return typeof (value as ColumnTable)?.numRows === 'function';
}

/**
 * Reads a numeric column into a Float64Array, refusing a missing column or NaN so that
 * a bad row fails loudly here instead of turning every later statistic into NaN.
 */
export function numberColumn(table: ColumnTable, name: string, fn: string): Float64Array {
	if (!isTable(table)) throw new Error(`${fn}: expected an arquero table, got ${typeof table}`);
	if (!table.columnNames().includes(name)) {
		throw new Error(`${fn}: the table has no '${name}' column (columns: ${table.columnNames().join(', ')})`);
	}
	const raw = columnValues(table, name);
	const values = new Float64Array(raw.length);
	for (let i = 0; i < raw.length; i++) {
		const v = +(raw[i] as number);
		if (!Number.isFinite(v)) throw new Error(`${fn}: '${name}' is not a finite number at row ${i} (${raw[i]})`);
		values[i] = v;
	}
	return values;
}

/** A column's values in row order; the stored array itself when no filter or order applies (no copy). */
export function columnValues(table: ColumnTable, name: string): ArrayLike<unknown> {
	const column = table.column(name) as unknown;
	if (!table.isFiltered() && !table.isOrdered() && ArrayBuffer.isView(column)) return column as unknown as ArrayLike<unknown>;
	if (!table.isFiltered() && !table.isOrdered() && Array.isArray(column)) return column;
	return table.array(name);
}

/**
 * The values of a Series: a table's closes, or a copy of the numbers. Leading NaNs are allowed
 * (the warm-up of another indicator, e.g. an EMA of MACD); a NaN after the first number is not.
 */
export function seriesValues(series: Series, fn: string): Float64Array {
	if (isTable(series)) return numberColumn(series, 'close', fn);
	if (series == null || typeof series.length !== 'number') {
		throw new Error(`${fn}: expected an arquero table or an array of numbers`);
	}
	const values = Float64Array.from(series, Number);
	const first = firstFinite(values);
	for (let i = first; i < values.length; i++) {
		if (!Number.isFinite(values[i])) throw new Error(`${fn}: value at index ${i} is not a finite number (${values[i]})`);
	}
	return values;
}

/** Index of the first finite value (the length when there is none). */
export function firstFinite(values: ArrayLike<number>): number {
	let i = 0;
	while (i < values.length && !Number.isFinite(values[i])) i++;
	return i;
}

/**
 * The `date` column as Dates, checked to be valid and strictly ascending. Dates, ISO strings or
 * epoch milliseconds (as Arrow results of SQL carry dates, and long tables' slices keep them).
 */
export function dateColumn(table: ColumnTable, fn: string): Date[] {
	if (!isTable(table)) throw new Error(`${fn}: expected an arquero table, got ${typeof table}`);
	if (!table.columnNames().includes('date')) throw new Error(`${fn}: the table has no 'date' column`);
	const raw = columnValues(table, 'date');
	const dates = new Array<Date>(raw.length);
	let previous = -Infinity;
	for (let i = 0; i < raw.length; i++) {
		const value = raw[i];
		const date = value instanceof Date && !Number.isNaN(value.getTime())
			? value
			: typeof value === 'number' && Number.isFinite(value) ? new Date(value) : toDate(value as DateLike, fn);
		const time = date.getTime();
		if (time <= previous) throw new Error(`${fn}: dates must be strictly ascending (row ${i}: ${iso(date)} after ${iso(dates[i - 1])})`);
		dates[i] = date;
		previous = time;
	}
	return dates;
}

/** A Date from a Date or an ISO date string (a bare `YYYY-MM-DD` is UTC midnight). */
export function toDate(value: DateLike, fn: string): Date {
	const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(NaN);
	if (Number.isNaN(date.getTime())) throw new Error(`${fn}: '${String(value)}' is not a valid date`);
	return date;
}

/** `YYYY-MM-DD` of a Date (UTC). */
export function iso(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Index of the first session on or after `date`; throws when every session is earlier. */
export function sessionOnOrAfter(dates: Date[], date: DateLike, fn: string): number {
	const t = toDate(date, fn).getTime();
	const i = lowerBound(dates, t);
	if (i >= dates.length) throw new Error(`${fn}: no session on or after ${iso(toDate(date, fn))} (last is ${iso(dates[dates.length - 1])})`);
	return i;
}

/** Index of the last session on or before `date`; throws when every session is later. */
export function sessionOnOrBefore(dates: Date[], date: DateLike, fn: string): number {
	const t = toDate(date, fn).getTime();
	let i = lowerBound(dates, t);
	if (i >= dates.length || dates[i].getTime() > t) i--;
	if (i < 0) throw new Error(`${fn}: no session on or before ${iso(toDate(date, fn))} (first is ${iso(dates[0])})`);
	return i;
}

function lowerBound(dates: Date[], t: number): number {
	let lo = 0;
	let hi = dates.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (dates[mid].getTime() < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Throws unless there are at least `needed` values. */
export function requireLength(length: number, needed: number, fn: string, what = 'rows'): void {
	if (length < needed) throw new Error(`${fn}: needs at least ${needed} ${what}, got ${length}`);
}

/** Throws unless `value` is an integer ≥ `min`. */
export function requireInteger(value: number, name: string, fn: string, min = 1): void {
	if (!Number.isInteger(value) || value < min) throw new Error(`${fn}: ${name} must be an integer ≥ ${min}, got ${value}`);
}
