/**
 * Rebuilds the sample data set (this folder's CSVs and PROVENANCE.md) from a copy of the shared
 * price folder: `npx tsx sample/build.ts ../shared/data/prices`.
 *
 * Every file is rewritten in the Yahoo layout (`Date,Open,High,Low,Close[,Adj Close][,Volume]`,
 * only the columns the source has, oldest first) so the sample reads the same way whatever the
 * source's layout: yfinance column order, a pandas index column, an investing.com export (quoted,
 * newest first, `MM/DD/YYYY`, volume as `8.81M`). Values are not changed, only written shorter:
 * a price that is exactly a 32-bit float (yfinance stores them so: 168.97000122070312) is written
 * as the shortest decimal that reads back as the same float (168.97); others as they were.
 */
import { csvParseRows } from 'd3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Entry {
	/** The file name `loadSeries` looks for (`^RUT` → `^RUT.csv`). */
	symbol: string;
	/** Path inside the shared price folder. */
	file: string;
	what: string;
	/** Where the rows come from, as PROVENANCE.md of the shared folder says. */
	source: string;
	/** What the Close column is. */
	closes: string;
	notes?: string;
	/** Source columns left out of the sample, and why. */
	drop?: Record<string, string>;
}

const YAHOO_2024 = 'johnvb21/Market-Simulator @ b4c6077 (Yahoo export, to 2024-09-12)';
const XJCARTER = 'xjcarter/data @ 7d705ad (Yahoo export, 2023-06)';
const ALITALBI = 'alitalbi/storage_data_fy @ 9414068 (yfinance, 2026-02-23)';
const TURTLE = 'YoussefKh200/Slow-Turtle-Research @ 52d7b0c (yfinance one-shot download, 2026-07-13; last intraday row dropped)';

const ENTRIES: Entry[] = [
	{ symbol: '^RUT', file: '^RUT.csv', what: 'Russell 2000 index', source: ALITALBI, closes: 'index level (no dividends)', notes: 'rows 2025-07-14 … 2025-09-15 (12 sessions) and 2026-02-23 were captured minutes after the close: closes within 0.013 % of final, volume 0 or short' },
	{ symbol: '^GSPC', file: '^GSPC.csv', what: 'S&P 500 index', source: TURTLE, closes: 'index level (no dividends)', notes: 'no volume; Open = High = Low = Close before 1962-01-02' },
	{ symbol: '^NDX', file: '^NDX.csv', what: 'Nasdaq-100 index', source: TURTLE, closes: 'index level (no dividends)', notes: 'no volume' },
	{ symbol: 'IWM', file: 'IWM.csv', what: 'iShares Russell 2000 ETF', source: YAHOO_2024, closes: 'raw (split-adjusted); Adj Close dividend-adjusted', notes: 'newer rows exist only dividend-adjusted and re-adjusted piecemeal (recent/IWM.csv), so the raw series stops at 2024-09-12' },
	{ symbol: 'QQQ', file: 'QQQ.csv', what: 'Invesco QQQ (Nasdaq-100 ETF)', source: YAHOO_2024, closes: 'raw (split-adjusted); Adj Close dividend-adjusted', notes: 'as IWM' },
	{ symbol: 'SPY', file: 'SPY.csv', what: 'SPDR S&P 500 ETF', source: YAHOO_2024, closes: 'raw (split-adjusted); Adj Close dividend-adjusted', notes: 'as IWM' },
	{ symbol: 'MDY', file: 'MDY.csv', what: 'SPDR S&P MidCap 400 ETF', source: XJCARTER, closes: 'raw (split-adjusted); Adj Close dividend-adjusted' },
	{ symbol: 'DIA', file: 'DIA.csv', what: 'SPDR Dow Jones ETF', source: XJCARTER, closes: 'raw (split-adjusted); Adj Close dividend-adjusted' },
	{ symbol: 'IYT', file: 'IYT.csv', what: 'iShares Transportation ETF', source: XJCARTER, closes: 'raw (split-adjusted); Adj Close dividend-adjusted' },
	{ symbol: 'KRE', file: 'KRE.csv', what: 'SPDR S&P Regional Banking ETF', source: 'bdi2357/OptimalHorizon @ 8be937e (to 2023-06-30) then landon-io/stocks-ai-agent @ cddea30 (from 2023-07-03), joined in the shared folder', closes: 'raw (KRE never split)', notes: 'closes of the two files agree on their 202 common sessions to 5e-8; no Adj Close (the two files adjust as of different dates)' },
	{ symbol: 'SOXX', file: 'SOXX.csv', what: 'iShares Semiconductor ETF', source: 'wongkaho2626/spy500-breadth-backtest @ 3fc5ac4 (investing.com export, 2026-05-20)', closes: 'raw (split-adjusted: the 3:1 split of 2024-03 is continuous)', notes: 'converted: newest-first quoted MM/DD/YYYY rows, Price → Close, volume written as 8.81M → 8810000 (3 significant digits as published)', drop: { 'Change %': 'derived from Close' } },
	{ symbol: 'XLK', file: 'XLK.csv', what: 'Technology Select Sector SPDR ETF', source: TURTLE, closes: '**dividend-adjusted** (split + dividend adjusted as of 2026-07): no raw closes after 2024-09 exist in the shared data', notes: 'no volume' },
	{ symbol: 'TNX', file: 'TNX.csv', what: 'CBOE 10-year Treasury yield (^TNX), in percent', source: ALITALBI, closes: 'yield in percent (4.056 = 4.056 %)', notes: 'read for `TNX` and `^TNX`; six bond-market holidays that are equity sessions have no row', drop: { Volume: 'zero but for 42 meaningless rows in 2005' } },
	{ symbol: 'FEDFUNDS', file: 'FEDFUNDS.csv', what: 'Effective federal funds rate, monthly average, percent', source: 'open-datahub/monetary @ 8ae1019 (FRED series FEDFUNDS, 2023-12)', closes: 'rate in percent (one value a month, dated the 1st)' },
	{ symbol: 'BTC-USD', file: 'BTC-USD.csv', what: 'Bitcoin in US dollars', source: 'AmineMrabet12/AI-Trading-Bot @ e7aeb80 (Yahoo export, 2024-05-27)', closes: 'raw (Adj Close = Close)', notes: 'every calendar day; the last row (2024-05-27) is probably partial' },
	{ symbol: 'ETH-USD', file: 'ETH-USD.csv', what: 'Ether in US dollars', source: 'AmineMrabet12/AI-Trading-Bot @ e7aeb80 (Yahoo export, 2024-05-27)', closes: 'raw (Adj Close = Close)', notes: 'as BTC-USD' }
];

const YAHOO_ORDER = ['date', 'open', 'high', 'low', 'close', 'adjclose', 'volume'];
const YAHOO_NAMES: Record<string, string> = { date: 'Date', open: 'Open', high: 'High', low: 'Low', close: 'Close', adjclose: 'Adj Close', volume: 'Volume' };
/** investing.com's names for the same columns. */
const ALIASES: Record<string, string> = { price: 'close', vol: 'volume' };

function key(name: string): string {
	const k = name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[^a-z0-9]/g, '');
	return ALIASES[k] ?? k;
}

/** `MM/DD/YYYY` (investing.com) or `YYYY-MM-DD` (with an optional time, dropped) as `YYYY-MM-DD`. */
function isoDate(text: string, where: string): string {
	const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
	if (us) return `${us[3]}-${us[1]}-${us[2]}`;
	const iso = /^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/.exec(text);
	if (iso) return iso[1];
	throw new Error(`${where}: unreadable date ${JSON.stringify(text)}`);
}

function number(text: string, where: string): number {
	const x = Number(text);
	if (!Number.isFinite(x)) throw new Error(`${where}: not a number ${JSON.stringify(text)}`);
	return x;
}

/**
 * The shortest decimal that is the same number, or in a file of 32-bit floats the shortest that is
 * the same float. Only whole files: shortening some values of a file of doubles would move them
 * against their neighbours (a close equal to the low to 1e-15 would fall below it).
 */
function shortNumber(x: number, float32File: boolean): string {
	if (!float32File) return String(x);
	for (let digits = 1; digits <= 9; digits++) {
		const candidate = Number(x.toPrecision(digits));
		if (Math.fround(candidate) === x) return String(candidate);
	}
	return String(x);
}

/** `8.81M` / `603.30K` / `1.2B` / `12345` / `12345.0` as a whole number of shares. */
function volume(text: string, where: string): string {
	const m = /^([\d.]+)([KMB]?)$/.exec(text.replace(/,/g, ''));
	if (!m) throw new Error(`${where}: unreadable volume ${JSON.stringify(text)}`);
	const scale = { '': 1, K: 1e3, M: 1e6, B: 1e9 }[m[2]]!;
	return String(Math.round(Number(m[1]) * scale));
}

interface Converted {
	csv: string;
	rows: number;
	first: string;
	last: string;
	columns: string[];
}

function convert(text: string, entry: Entry): Converted {
	const [header, ...body] = csvParseRows(text.replace(/^\uFEFF/, '')).filter((r) => r.some((f) => f.trim() !== ''));
	const keys = header.map(key);
	const dropped = new Set(Object.keys(entry.drop ?? {}).map(key));
	// A value column named after the series (FRED's `FEDFUNDS`) stays under its own name.
	const series = keys.length === 2 && keys[0] === 'date' && !YAHOO_ORDER.includes(keys[1]) ? header[1] : undefined;
	const kept = series ? ['date', keys[1]] : YAHOO_ORDER.filter((k) => keys.includes(k) && !dropped.has(k));
	const unknown = keys.filter((k, i) => k !== '' && header[i] !== '' && !kept.includes(k) && !dropped.has(k));
	if (unknown.length) throw new Error(`${entry.file}: columns not placed: ${unknown.join(', ')} (add them to drop with a reason)`);
	const index = kept.map((k) => keys.indexOf(k));
	const isPrice = (k: string) => k !== 'date' && k !== 'volume';
	const float32File = body.every((fields, r) =>
		kept.every((k, c) => !isPrice(k) || Math.fround(number(fields[index[c]], `${entry.file}:${r + 2}`)) === number(fields[index[c]], ''))
	);
	const rows = body.map((fields, r) => {
		const where = `${entry.file}:${r + 2}`;
		return kept.map((k, c) => {
			const field = fields[index[c]].trim();
			if (k === 'date') return isoDate(field, where);
			if (k === 'volume') return volume(field, where);
			return shortNumber(number(field, where), float32File);
		});
	});
	rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	for (let i = 1; i < rows.length; i++) if (rows[i][0] === rows[i - 1][0]) throw new Error(`${entry.file}: ${rows[i][0]} appears twice`);
	const names = kept.map((k) => (series && k !== 'date' ? series : YAHOO_NAMES[k]));
	const csv = [names.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
	return { csv, rows: rows.length, first: rows[0][0], last: rows.at(-1)![0], columns: names };
}

function provenance(done: Array<{ entry: Entry; out: Converted; bytes: number }>): string {
	const total = done.reduce((s, d) => s + d.bytes, 0);
	const lines = [
		'# The sample data set',
		'',
		'Daily series shipped with Tape so every notebook in `notebooks/` runs on a fresh machine with no',
		'data folder and no network. `loadSeries` reads a symbol from the user\'s data folder first, then',
		'from here, then from the download cache and the providers; the workspace and `tape run` say',
		'which one answered ("sample") and the dates it covers. **This is not live data**: most series',
		'end in 2022–2026 (see the table). Put your own `SYMBOL.csv` in the data folder to use newer',
		'data; it wins over the sample.',
		'',
		'Built by `npx tsx sample/build.ts ../shared/data/prices` (the script writes this file too) from',
		'the shared price folder, whose own PROVENANCE.md gives each source\'s commit and checks. Every',
		'file is rewritten in the Yahoo layout `Date,Open,High,Low,Close[,Adj Close][,Volume]` with only',
		'the columns its source has, oldest row first; values are unchanged but written shorter: in a file',
		'whose prices are all 32-bit floats (yfinance stores them so: 168.97000122070312), each as the',
		'shortest decimal that reads back as the same float (168.97). None of the sources states a licence; the rows are daily price records',
		'(facts) as published by Yahoo Finance, investing.com and FRED.',
		'',
		'"raw" closes are as traded (split-adjusted only); "dividend-adjusted" closes fold dividends back',
		'into earlier prices, so returns include them but levels before the adjustment date are lower than',
		'the prices of the day. `loadSeries(symbol, { adjusted: true })` uses `Adj Close` where there is one.',
		'',
		'| file | series | rows | first → last | closes | source | notes |',
		'| --- | --- | ---: | --- | --- | --- | --- |'
	];
	for (const { entry, out } of done) {
		const drops = Object.entries(entry.drop ?? {}).map(([c, why]) => `${c} dropped (${why})`);
		const notes = [entry.notes, ...drops].filter(Boolean).join('; ');
		lines.push(`| ${entry.symbol}.csv | ${entry.what} | ${out.rows} | ${out.first} → ${out.last} | ${entry.closes} | ${entry.source}, \`${entry.file}\` | ${notes} |`);
	}
	lines.push('', `Total ${(total / 1e6).toFixed(1)} MB in ${done.length} files.`, '');
	return lines.join('\n');
}

const from = process.argv[2];
if (!from) {
	console.error('usage: npx tsx sample/build.ts <shared price folder>');
	process.exit(2);
}
const here = import.meta.dirname;
const done = ENTRIES.map((entry) => {
	const out = convert(readFileSync(join(from, entry.file), 'utf8'), entry);
	writeFileSync(join(here, `${entry.symbol}.csv`), out.csv);
	console.log(`${entry.symbol}: ${out.rows} rows ${out.first} → ${out.last} (${out.columns.join(',')}), ${out.csv.length} bytes`);
	return { entry, out, bytes: out.csv.length };
});
writeFileSync(join(here, 'PROVENANCE.md'), provenance(done));
