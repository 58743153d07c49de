import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeriesSource } from '../../../src/lib/data/index';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared real price folder: TAPE_DATA_DIR, else ../shared/data/prices beside the repo. */
export const realDataDir = process.env.TAPE_DATA_DIR ?? resolve(repoRoot, '../shared/data/prices');

/** Whether the real files are here; says why tests skip when they are not. */
export function hasRealData(...symbols: string[]): boolean {
	const missing = symbols.filter((s) => !existsSync(join(realDataDir, `${s}.csv`)));
	if (missing.length > 0) {
		console.warn(`data tests: ${missing.join(', ')} not found in ${realDataDir}; set TAPE_DATA_DIR to the shared prices folder. Skipping real-data tests.`);
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
