import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SeriesSource } from '../../../src/lib/data/index';
import { frozenPricesDir } from '../../frozen-prices';

/** The frozen real price folder (row counts, start dates and plain-loop bars were taken on it). */
export const realDataDir = frozenPricesDir;

/** Whether the real files are here; says why tests skip when they are not. */
export function hasRealData(...symbols: string[]): boolean {
	const missing = symbols.filter((s) => !existsSync(join(realDataDir, `${s}.csv`)));
	if (missing.length > 0) {
		console.warn(`data tests: ${missing.join(', ')} not found in ${realDataDir}; these tests need ../shared/data/prices-2022. Skipping real-data tests.`);
	}
	return missing.length === 0;
}

export function readRealCsv(symbol: string): string {
	return readFileSync(join(realDataDir, `${symbol}.csv`), 'utf8');
}

/** A source over the real folder that reads `SYMBOL.csv` as is (the server source is tested separately). */
export const realSource: SeriesSource = {
	async fetchCsv(symbol) {
		return { text: readRealCsv(symbol), origin: join(realDataDir, `${symbol}.csv`) };
	}
};

/** A source over texts held in memory, for hand-made cases. */
export function memorySource(texts: Record<string, string>): SeriesSource {
	return {
		async fetchCsv(symbol) {
			const text = texts[symbol];
			if (text === undefined) throw new Error(`test source has no ${symbol}`);
			return { text, origin: `${symbol}.csv` };
		}
	};
}

/**
 * The live shared folder (`../shared/data/prices`): the newest files, in the layouts researchers
 * drop in (investing.com, yfinance, FRED monthly, crypto). It keeps growing, so tests on it
 * compare the library with their own plain read of the same file, never with fixed figures.
 */
export const liveDataDir = resolve(frozenPricesDir, '../prices');

/** Whether these files (paths under the live folder, e.g. `recent/XLK.csv`) are here; says why tests skip. */
export function hasLiveData(...files: string[]): boolean {
	const missing = files.filter((f) => !existsSync(join(liveDataDir, f)));
	if (missing.length > 0) {
		console.warn(`data tests: ${missing.join(', ')} not found in ${liveDataDir}; these tests need ../shared/data/prices. Skipping live-data tests.`);
	}
	return missing.length === 0;
}

export function readLiveCsv(file: string): string {
	return readFileSync(join(liveDataDir, file), 'utf8');
}

/** A source over the live folder: `loadSeries('recent/XLK')` reads `recent/XLK.csv` as is. */
export const liveSource: SeriesSource = {
	async fetchCsv(symbol) {
		return { text: readLiveCsv(`${symbol}.csv`), origin: join(liveDataDir, `${symbol}.csv`) };
	}
};
