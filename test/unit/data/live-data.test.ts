import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLoadSeries, parsePriceSeries, toWide } from '../../../src/lib/data/index';
import { hasLiveData, liveSource, readLiveCsv, realDataDir, realSource } from './real-data';

/**
 * Every layout of the live folder read by `loadSeries`, checked against the test's own plain read
 * of the same file: split on line ends and commas, quotes stripped, dates taken apart by hand.
 */
interface PlainRow {
	date: string;
	cells: Record<string, string>;
}

function plainRows(text: string, readDate: (cell: string) => string = (s) => s): PlainRow[] {
	const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l !== '');
	const unquote = (s: string) => s.replace(/^"|"$/g, '');
	const names = lines[0].split(',').map(unquote);
	const dateAt = names.findIndex((n) => /^date$/i.test(n));
	return lines.slice(1).map((line) => {
		const values = line.split(',').map(unquote);
		return { date: readDate(values[dateAt]), cells: Object.fromEntries(names.map((n, i) => [n, values[i]])) };
	});
}

/** investing.com's US export: MM/DD/YYYY. */
const monthFirst = (cell: string) => {
	const [mm, dd, yyyy] = cell.split('/');
	return `${yyyy}-${mm}-${dd}`;
};

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const byDate = (rows: PlainRow[]) => [...rows].sort((a, b) => (a.date < b.date ? -1 : 1));

async function load(symbol: string) {
	const warnings: string[] = [];
	const loadSeries = createLoadSeries(liveSource, { onWarning: (m) => warnings.push(m) });
	return { table: await loadSeries(symbol), warnings, loadSeries };
}

function expectSameAsPlainRead(table: Awaited<ReturnType<typeof load>>['table'], rows: PlainRow[], closeColumn: string, spots: string[]) {
	const sorted = byDate(rows);
	expect(table.numRows()).toBe(rows.length);
	expect(iso(table.get('date', 0))).toBe(sorted[0].date);
	expect(iso(table.get('date', table.numRows() - 1))).toBe(sorted[sorted.length - 1].date);
	const dates = (table.array('date') as Date[]).map(iso);
	for (const day of spots) {
		const row = rows.find((r) => r.date === day);
		expect(row, `${day} in the file`).toBeDefined();
		expect(table.get('close', dates.indexOf(day)), day).toBe(Number(row!.cells[closeColumn]));
	}
}

const run = (...files: string[]) => (hasLiveData(...files) ? describe : describe.skip);

run('SOXX.csv')('investing.com export (SOXX.csv)', () => {
	const rows = () => plainRows(readLiveCsv('SOXX.csv'), monthFirst);

	it('loads every row, oldest first, with Price as the close', async () => {
		const { table, warnings } = await load('SOXX');
		const plain = rows();
		expect(plain[0].date > plain[plain.length - 1].date).toBe(true); // the file runs newest first
		expectSameAsPlainRead(table, plain, 'Price', [plain[0].date, plain[1].date, plain[plain.length - 1].date, plain[Math.floor(plain.length / 2)].date]);
		expect(table.columnNames()).toEqual(['date', 'open', 'high', 'low', 'close', 'volume']);
		expect(warnings.some((w) => w.includes('sorted them by date'))).toBe(true);
	});

	it('scales K and M volumes to shares', async () => {
		const { table } = await load('SOXX');
		const dates = (table.array('date') as Date[]).map(iso);
		for (const row of rows().filter((_, i) => i % 997 === 0)) {
			const [, digits, suffix] = /^([\d.]+)([KM])$/.exec(row.cells['Vol.'])!;
			expect(table.get('volume', dates.indexOf(row.date)), row.date).toBe(Math.round(Number(digits) * (suffix === 'K' ? 1000 : 1e6)));
		}
	});

	it('reads its dates as MM/DD/YYYY because some second numbers are above 12 and no first one is', async () => {
		const cells = readLiveCsv('SOXX.csv').split('\n').slice(1).filter(Boolean).map((l) => l.slice(1, 11).split('/').map(Number));
		expect(cells.some(([, second]) => second > 12)).toBe(true);
		expect(cells.some(([first]) => first > 12)).toBe(false);
		const { table, warnings } = await load('SOXX');
		// Read day-first, most sessions would land on weekends; month-first, only the file's one bad row does.
		const weekend = (table.array('date') as Date[]).filter((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6).map(iso);
		expect(weekend).toEqual(['2016-02-27']);
		expect(warnings.some((w) => w.includes('1 row(s) fall on a Saturday or Sunday while the rest trade on weekdays (first at line 2574, 2016-02-27)'))).toBe(true);
	});
});

run('KRE.csv')('Stooq-style OHLCV without Adj Close (KRE.csv)', () => {
	it('matches the plain read', async () => {
		const plain = plainRows(readLiveCsv('KRE.csv'));
		const { table, warnings } = await load('KRE');
		expectSameAsPlainRead(table, plain, 'Close', [plain[0].date, plain[plain.length - 1].date, '2023-06-30', '2023-07-03']);
		expect(warnings).toEqual([]);
	});
});

(hasFrozen('KRE.csv') ? describe : describe.skip)('pandas index column and Adjusted_close (prices-2022/KRE.csv)', () => {
	it('ignores the index, reads Adjusted_close as adjClose, and adjusted: true uses it', async () => {
		const text = readFileSync(join(realDataDir, 'KRE.csv'), 'utf8');
		expect(text.startsWith(',Date,')).toBe(true);
		const plain = plainRows(text);
		const { series, layout, warnings } = parsePriceSeries(text, 'KRE.csv');
		expect(layout).toBe('yahoo');
		expect(warnings).toEqual([]);
		expect(series.dates.length).toBe(plain.length);
		const k = 1234;
		expect(series.columns.close![k]).toBe(Number(plain[k].cells.Close));
		expect(series.columns.adjClose![k]).toBe(Number(plain[k].cells.Adjusted_close));
		expect(new Date(series.dates[k]).toISOString().slice(0, 10)).toBe(plain[k].date);
		const adjusted = await createLoadSeries(realSource)('KRE', { adjusted: true });
		expect(adjusted.get('close', k)).toBe(Number(plain[k].cells.Adjusted_close));
	});
});

run('TNX.csv', 'recent/IWM.csv')('yfinance column order Date,Close,High,Low,Open,Volume', () => {
	it.each(['TNX', 'recent/IWM'])('%s: every column taken by its name', async (symbol) => {
		const plain = plainRows(readLiveCsv(`${symbol}.csv`));
		const { table } = await load(symbol);
		expectSameAsPlainRead(table, plain, 'Close', [plain[0].date, plain[plain.length - 1].date]);
		const k = Math.floor(plain.length / 3);
		expect({ open: table.get('open', k), high: table.get('high', k), low: table.get('low', k), volume: table.get('volume', k) }).toEqual({
			open: Number(plain[k].cells.Open),
			high: Number(plain[k].cells.High),
			low: Number(plain[k].cells.Low),
			volume: Number(plain[k].cells.Volume)
		});
	});
});

run('FEDFUNDS.csv')('monthly FRED series (FEDFUNDS.csv)', () => {
	it('loads one row per month into close, dated the 1st', async () => {
		const plain = plainRows(readLiveCsv('FEDFUNDS.csv'));
		const { table, warnings } = await load('FEDFUNDS');
		expectSameAsPlainRead(table, plain, 'FEDFUNDS', [plain[0].date, plain[plain.length - 1].date, '2008-12-01']);
		expect(table.columnNames()).toEqual(['date', 'close']);
		expect((table.array('date') as Date[]).every((d) => d.getUTCDate() === 1)).toBe(true);
		expect(warnings).toEqual([]);
	});
});

run('BTC-USD.csv', 'SPY.csv')('crypto with every calendar day (BTC-USD.csv) aligned against SPY', () => {
	it('loads every calendar day', async () => {
		const plain = plainRows(readLiveCsv('BTC-USD.csv'));
		const { table } = await load('BTC-USD');
		expectSameAsPlainRead(table, plain, 'Close', [plain[0].date, plain[plain.length - 1].date, '2021-11-08']);
		const days = (Date.parse(plain[plain.length - 1].date) - Date.parse(plain[0].date)) / 86_400_000 + 1;
		expect(table.numRows()).toBe(days);
	});

	it('alignment keeps SPY’s sessions only: weekend bars dropped with a warning, Monday’s close still Monday’s', async () => {
		const btc = plainRows(readLiveCsv('BTC-USD.csv'));
		const spy = plainRows(readLiveCsv('SPY.csv'));
		const [first, last] = [btc[0].date, btc[btc.length - 1].date];
		const common = spy.filter((r) => r.date >= first && r.date <= last).map((r) => r.date);
		const { loadSeries } = await load('SPY');
		const warnings: string[] = [];
		const pair = await createLoadSeries(liveSource, { onWarning: (m) => warnings.push(m) })(['BTC-USD', 'SPY']);
		const wide = toWide(pair);
		expect((wide.array('date') as Date[]).map(iso)).toEqual(common);
		const dropped = btc.filter((r) => r.date >= common[0] && r.date <= common[common.length - 1]).length - common.length;
		expect(warnings).toContain(`BTC-USD: ${dropped} session(s) between ${common[0]} and ${common[common.length - 1]} dropped because another symbol has no bar on those dates`);
		const monday = common.find((d) => new Date(d).getUTCDay() === 1 && d > '2021-01-01')!;
		const row = (wide.array('date') as Date[]).map(iso).indexOf(monday);
		expect(wide.get('BTC-USD', row)).toBe(Number(btc.find((r) => r.date === monday)!.cells.Close));
		expect((await loadSeries('SPY')).numRows()).toBe(spy.length);
	});
});

run('recent/XLK.csv', 'SPY.csv')('a series without volume (recent/XLK.csv)', () => {
	it('loads open, high, low, close only; aligned with SPY, volume is left out with a warning', async () => {
		const plain = plainRows(readLiveCsv('recent/XLK.csv'));
		const { table } = await load('recent/XLK');
		expectSameAsPlainRead(table, plain, 'Close', [plain[0].date, plain[plain.length - 1].date]);
		expect(table.columnNames()).toEqual(['date', 'open', 'high', 'low', 'close']);
		const warnings: string[] = [];
		const pair = await createLoadSeries(liveSource, { onWarning: (m) => warnings.push(m) })(['recent/XLK', 'SPY']);
		expect(pair.columnNames()).toEqual(['symbol', 'date', 'open', 'high', 'low', 'close']);
		expect(warnings).toContain('SPY: column(s) volume, adjClose left out because not every symbol has them');
	});
});

function hasFrozen(file: string): boolean {
	try {
		readFileSync(join(realDataDir, file));
		return true;
	} catch {
		console.warn(`data tests: ${file} not found in ${realDataDir}; skipping its test.`);
		return false;
	}
}
