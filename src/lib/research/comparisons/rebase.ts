import { table as makeTable, type ColumnTable } from 'arquero';
import { dateColumn, numberColumn, sessionOnOrAfter, type DateLike } from '../input.js';

/**
 * Rescales prices so the close is `base` (100) on the first session, or on the first session on
 * or after `at`. open/high/low are scaled by the same factor; volume and other columns are kept.
 * Rows before `at` stay in the table (they show where the symbol came from).
 *
 * @example
 * rebase(iwm)                          // 100 at the first row
 * rebase(qqq, { at: '2013-01-02' })    // 100 on the first session of 2013
 */
export function rebase(table: ColumnTable, options: { at?: DateLike; base?: number } = {}): ColumnTable {
	const { at, base = 100 } = options;
	const dates = dateColumn(table, 'rebase');
	const close = numberColumn(table, 'close', 'rebase');
	if (close.length === 0) throw new Error('rebase: the table has no rows');
	const row = at === undefined ? 0 : sessionOnOrAfter(dates, at, 'rebase');
	if (close[row] === 0) throw new Error('rebase: the close at the base session is 0');
	const factor = base / close[row];
	const columns: Record<string, ArrayLike<unknown>> = {};
	for (const name of table.columnNames()) {
		columns[name] = ['open', 'high', 'low', 'close'].includes(name)
			? numberColumn(table, name, 'rebase').map((v) => v * factor)
			: table.array(name);
	}
	return makeTable(columns as never);
}
