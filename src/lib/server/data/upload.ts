import { join, resolve } from 'node:path';
import { formatIsoDay } from '../../data/dates';
import { DataError } from '../../data/errors';
import { csvHeader, parsePriceSeries, priceHeaderMatch, type PriceLayout } from '../../data/parse-price-csv';
import { canonicalSymbol } from './symbols';
import { writeDataFileChecked, type ExistingPolicy, type Written } from './replace';
import { storeTable, type StoredTable } from './tables';

/** Uploads above 50 MB are refused: 20+ years of daily bars is under 1 MB, so this is a mistake, not data. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

export interface StoredSeries extends Written {
	kind: 'series';
	symbol: string;
	file: string;
	layout: PriceLayout;
	rows: number;
	first: string;
	last: string;
	warnings: string[];
}

export type StoredUpload = StoredSeries | StoredTable;

/**
 * Stores an uploaded CSV in the data folder, as what its header says it is:
 * - a price series (Date with Close, OHLC, Value…): validated row by row and stored as
 *   `SYMBOL.csv` (upper case) for `loadSeries(symbol)`; a price file with a bad row is refused
 *   (DataError naming line and column), since it is surely meant as prices;
 * - anything else (holdings, an economic series with its own columns, or a date and one other
 *   column that does not read as numbers): checked as a table and stored as `<name>.csv`, its
 *   name kept, for `loadTable(name)`.
 * A file of that name with other content is replaced atomically (kept in the data folder's trash)
 * or, with `ifExists: 'ask'`, left alone and a DataConflict thrown; nothing is written when it fails.
 */
export async function storeUpload(dataDir: string, name: string, text: string, policy: ExistingPolicy = {}): Promise<StoredUpload> {
	const match = priceHeaderMatch(csvHeader(text));
	if (match === 'named') return storeSeries(dataDir, name, text, policy);
	if (match === 'guessed') {
		try {
			return await storeSeries(dataDir, name, text, policy);
		} catch (e) {
			// `date,note` looks like a FRED series by its header only: its rows decide.
			if (!(e instanceof DataError)) throw e;
		}
	}
	return storeTable(dataDir, name, text, policy);
}

/** Validates a price CSV and stores it as `<dataDir>/SYMBOL.csv`; `loadSeries(symbol)` finds it from then on. */
export async function storeSeries(dataDir: string, symbol: string, text: string, policy: ExistingPolicy = {}): Promise<StoredSeries> {
	const name = canonicalSymbol(symbol);
	const { series, layout, warnings } = parsePriceSeries(text, `${name}.csv`);
	const folder = resolve(dataDir);
	const written = await writeDataFileChecked(folder, `${name}.csv`, text, policy);
	const { dates } = series;
	return { kind: 'series', ...written, symbol: name, file: join(folder, `${name}.csv`), layout, rows: dates.length, first: formatIsoDay(dates[0]), last: formatIsoDay(dates[dates.length - 1]), warnings };
}
