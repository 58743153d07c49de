import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
