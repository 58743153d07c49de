import type { ColumnTable } from 'arquero';

/** How to compute one added column from the table. */
export type ColumnSpec = (table: ColumnTable) => ArrayLike<number>;

/**
 * Adds indicator columns to a table (arquero `assign`), each computed from the table and
 * checked to be aligned to its rows, so a cell can chart or filter them like any column.
 *
 * @example
 * const iwmPlus = withIndicators(iwm, {
 *   sma50: (t) => sma(t, 50),
 *   rsi14: (t) => rsi(t),
 *   squeeze: (t) => squeeze(t)
 * })
 */
export function withIndicators(table: ColumnTable, columns: Record<string, ColumnSpec>): ColumnTable {
	const added: Record<string, ArrayLike<number>> = {};
	for (const [name, compute] of Object.entries(columns)) {
		if (typeof compute !== 'function') throw new Error(`withIndicators: '${name}' must be a function of the table`);
		const values = compute(table);
		if (values?.length !== table.numRows()) {
			throw new Error(`withIndicators: '${name}' has ${values?.length} values for ${table.numRows()} rows`);
		}
		added[name] = values;
	}
	return table.assign(added as never);
}
