/**
 * The inputs issue 12 found loading wrong values without a word, each checked for the right value
 * or a located DataError. The figure is how many still load silently wrong (must be zero).
 */
import { DataError, parsePriceSeries, parseTableCsv } from '../../src/lib/data/index';

const pricesUpTo = (n: number) => Array.from({ length: n }, (_, i) => `2020-01-${String(i + 2).padStart(2, '0')},${10 + i}`);

const CASES: { name: string; run: () => boolean }[] = [
	// true when the value is right or the error says where
	{ name: '0001-01-01 read as year 1', run: () => new Date(parsePriceSeries('Date,Close\n0001-01-01,5\n', 'y.csv').series.dates[0]).getUTCFullYear() === 1 },
	{ name: 'Date,Price with a negative price at line 12', run: () => locatedAt(() => parsePriceSeries(['Date,Price', ...pricesUpTo(10), '2020-01-20,-3'].join('\n'), 'p.csv'), 12) },
	{ name: 'loadTable 1e400', run: () => locatedAt(() => parseTableCsv('x\n1e400\n', 't.csv'), 2) },
	{ name: 'CR-only price file', run: () => Array.from(parsePriceSeries('Date,Close\r2020-01-02,1\r2020-01-03,2\r', 'c.csv').series.columns.close!).join() === '1,2' }
];

function locatedAt(load: () => unknown, line: number): boolean {
	try {
		load();
		return false;
	} catch (e) {
		return e instanceof DataError && e.line === line;
	}
}

/** The names of the cases that still load a wrong value (or fail some other way). */
export function silentWrongValues(): string[] {
	return CASES.filter(({ run }) => {
		try {
			return !run();
		} catch {
			return true;
		}
	}).map(({ name }) => name);
}
