import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { table, type ColumnTable } from 'arquero';
import { frozenPricesDir } from '../../frozen-prices';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The frozen price folder the numpy fixtures were computed on. */
export const dataDir = frozenPricesDir;

/** Whether a symbol's CSV is available (tests skip with a message when it is not). */
export function hasData(symbol: string): boolean {
	const ok = existsSync(join(dataDir, `${symbol}.csv`));
	if (!ok) console.warn(`research tests: ${symbol}.csv not found in ${dataDir}; the fixtures need ../shared/data/prices-2022. Skipping.`);
	return ok;
}

/** A Yahoo CSV as the table shape the research library takes (test-only stand-in for loadSeries). */
export function loadPrices(symbol: string): ColumnTable {
	const lines = readFileSync(join(dataDir, `${symbol}.csv`), 'utf8').trim().split('\n').slice(1);
	const cols = { date: [] as Date[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
	for (const line of lines) {
		const [date, open, high, low, close, , volume] = line.split(',');
		cols.date.push(new Date(`${date}T00:00:00Z`));
		cols.open.push(+open);
		cols.high.push(+high);
		cols.low.push(+low);
		cols.close.push(+close);
		cols.volume.push(+volume);
	}
	return table(cols);
}

/** A fixture committed in test/fixtures/research. */
export function fixture<T>(name: string): T {
	return JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/research', name), 'utf8')) as T;
}

/** A small table from closes (and optional other columns), one session per day from 2020-01-01. */
export function tinyTable(close: number[], extra: Partial<Record<'open' | 'high' | 'low' | 'volume', number[]>> = {}): ColumnTable {
	const date = close.map((_, i) => new Date(Date.UTC(2020, 0, 1 + i)));
	return table({ date, close, ...extra });
}
