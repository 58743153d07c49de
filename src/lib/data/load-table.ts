import type { ColumnTable } from 'arquero';
import { DataError } from './errors';
import { parseTableCsv, type TableCsvOptions } from './parse-table-csv';
import type { SeriesSource } from './source';
import { tableFileName } from './table-name';

export type LoadTableOptions = TableCsvOptions;

/**
 * Loads any CSV file of the data folder as an arquero table: holdings, sector weights, an
 * economic series with its own columns, or a price file read as it is written. Name it as the
 * file, with or without `.csv`; a CSV dropped on the notebook page is stored under its file name.
 *
 * Column types are inferred from all of a column's values (numbers, booleans, `YYYY-MM-DD` dates
 * as Dates at UTC midnight; anything else stays text); `autoType: false` keeps text, `parse`
 * converts chosen columns your way. Empty lines are skipped with a warning on the cell; a row
 * with too many or too few values, or a quote never closed, is an error naming file:line.
 *
 * @param name The file's name in the data folder: `'holdings'` or `'holdings.csv'`.
 * @example
 * const holdings = await loadTable('holdings');          // name, sector, weight
 * holdings.groupby('sector').rollup({ weight: op.sum('weight') })
 * const raw = await loadTable('IWM.csv', { autoType: false }); // a price file, every value as text
 */
export type LoadTable = (name: string, options?: LoadTableOptions) => Promise<ColumnTable>;

/** Makes `loadTable` over a {@link SeriesSource}; skipped empty lines go to `onWarning`, meant for the cell. */
export function createLoadTable(source: SeriesSource, opts: { onWarning?: (message: string) => void } = {}): LoadTable {
	const warn = opts.onWarning ?? (() => {});
	return async function loadTable(name, options = {}) {
		if (typeof name !== 'string') throw new DataError(`loadTable: ${JSON.stringify(name)} is not a file name; write loadTable('holdings')`);
		const file = tableFileName(name);
		if (!source.fetchTable) throw new DataError(`loadTable('${name}'): this page has no data folder to read ${file} from`);
		const { text, origin } = await source.fetchTable(file);
		const { table, warnings } = parseTableCsv(text, origin, options);
		warnings.forEach(warn);
		return table;
	};
}
