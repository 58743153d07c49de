import { join, resolve } from 'node:path';
import { formatIsoDay } from '../../data/dates';
import { parsePriceSeries, type PriceLayout } from '../../data/parse-price-csv';
import { canonicalSymbol } from './symbols';
import { writeFileAtomic } from './write-atomic';

/** Uploads above 50 MB are refused: 20+ years of daily bars is under 1 MB, so this is a mistake, not data. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

export interface StoredUpload {
	symbol: string;
	file: string;
	layout: PriceLayout;
	rows: number;
	first: string;
	last: string;
	warnings: string[];
}

/**
 * Validates an uploaded price CSV and stores it as `<dataDir>/SYMBOL.csv` (upper case),
 * replacing any file of that name atomically; `loadSeries(symbol)` finds it from then on.
 * Throws DataError (with line and column) when the CSV does not parse: nothing is written.
 */
export async function storeUpload(dataDir: string, symbol: string, text: string): Promise<StoredUpload> {
	const name = canonicalSymbol(symbol);
	const { series, layout, warnings } = parsePriceSeries(text, `${name}.csv`);
	const file = join(resolve(dataDir), `${name}.csv`);
	await writeFileAtomic(file, text);
	const { dates } = series;
	return { symbol: name, file, layout, rows: dates.length, first: formatIsoDay(dates[0]), last: formatIsoDay(dates[dates.length - 1]), warnings };
}
