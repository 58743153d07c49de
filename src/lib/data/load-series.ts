import type { ColumnTable } from 'arquero';
import { adjustForDividends } from './adjust';
import { alignOnCommonDates, longTable, type SymbolSeries } from './align';
import { toUtcDay } from './dates';
import { DataError } from './errors';
import { checkInterval, type Interval } from './interval';
import { parsePriceSeries, type ParsedPriceSeries } from './parse-price-csv';
import { resampleSeries } from './resample-series';
import { clipSeries, seriesToTable, type PriceColumn, type PriceSeries } from './series';
import { sessionRange } from './session-range';
import type { SeriesSource } from './source';

export interface LoadSeriesOptions {
	/** First session to keep (inclusive): `'2013-01-01'` or a Date (its UTC day). */
	start?: Date | string;
	/** Last session to keep (inclusive). */
	end?: Date | string;
	/** Bar length, `'day'` by default; see {@link resample} for how bars are built and dated. */
	interval?: Interval;
	/** Rescale open, high, low, close by `Adj Close / Close` (dividends included). */
	adjusted?: boolean;
}

/**
 * Loads daily bars for one symbol, or several aligned on their common dates.
 *
 * One symbol → a table with `date` (Date at UTC midnight of the session), `open`, `high`,
 * `low`, `close`, `volume`, and `adjClose` when the source has it (a `date,close` file gives
 * only `date, close`); ascending, one row per session. `close` is as published (Yahoo's Close:
 * split-adjusted only) unless `adjusted: true`.
 *
 * Several symbols → a long table `symbol, date, …` holding only the dates every symbol has,
 * one block of rows per symbol in the order asked, with the price columns all of them have.
 * Use {@link toWide} for one column per symbol. A series that trades every day (BTC-USD) aligned
 * with equities loses its weekend bars (a warning counts them), so its Monday change spans the
 * weekend; a monthly series (FEDFUNDS, dated the 1st) keeps only months whose 1st was a session.
 *
 * Steps, in order: parse and validate, adjust, keep `start`..`end`, align, resample (so n-day
 * bars count from the first session in range). With `start` or `end`, the workspace's server
 * sends only those sessions (it validates the whole file as this would); the rows are the same.
 *
 * @param symbol As the user knows it: `'IWM'`, `'^RUT'`, `'DGS10'`, or an array of them.
 * @example
 * const iwm = await loadSeries('IWM');
 * const weekly = await loadSeries('^RUT', { start: '2013-01-01', interval: 'week' });
 * const pair = await loadSeries(['IWM', 'QQQ'], { adjusted: true });
 */
export type LoadSeries = (symbol: string | string[], options?: LoadSeriesOptions) => Promise<ColumnTable>;

/**
 * Makes `loadSeries` over a {@link SeriesSource}; warnings (repaired rows, dates dropped by
 * alignment, `adjusted` without Adj Close) go to `onWarning`, meant to be shown in the cell.
 *
 * @example
 * const loadSeries = createLoadSeries(createBrowserSource(), { onWarning: (m) => console.warn(m) });
 * const iwm = await loadSeries('IWM');
 */
export function createLoadSeries(source: SeriesSource, opts: { onWarning?: (message: string) => void } = {}): LoadSeries {
	const warn = opts.onWarning ?? (() => {});

	async function loadOne(symbol: string, options: LoadSeriesOptions, start: number, end: number): Promise<SymbolSeries> {
		const fetched = await source.fetchCsv(symbol, { range: sessionRange(start, end) });
		const parsed = fetched.parsed ? copyParsed(fetched.parsed) : parsePriceSeries(fetched.text, fetched.origin);
		// A source that cut the file to the range parsed it whole first: its warnings are the file's.
		(fetched.warnings ?? parsed.warnings).forEach(warn);
		let series = parsed.series;
		if (options.adjusted) {
			const adjusted = adjustForDividends(series);
			if (adjusted) series = adjusted;
			else warn(`${symbol}: ${fetched.origin} has no Adj Close column; adjusted: true left prices as published`);
		}
		return { symbol, series: clipSeries(series, start, end) };
	}

	return async function loadSeries(symbol, options = {}) {
		const symbols = Array.isArray(symbol) ? symbol : [symbol];
		checkSymbols(symbols);
		const interval = checkInterval(options.interval ?? 'day');
		const start = options.start === undefined ? -Infinity : toUtcDay(options.start, 'start');
		const end = options.end === undefined ? Infinity : toUtcDay(options.end, 'end');
		if (start > end) throw new DataError(`start ${String(options.start)} is after end ${String(options.end)}`);

		const loaded = await Promise.all(symbols.map((s) => loadOne(s, options, start, end)));
		for (const { symbol: s, series } of loaded) {
			if (series.dates.length === 0) warn(`${s}: no sessions between ${String(options.start ?? 'the first')} and ${String(options.end ?? 'the last')}`);
		}
		if (!Array.isArray(symbol)) return seriesToTable(resampleSeries(loaded[0].series, interval));

		const { aligned, warnings } = alignOnCommonDates(loaded);
		warnings.forEach(warn);
		return longTable(aligned.map(({ symbol: s, series }) => ({ symbol: s, series: resampleSeries(series, interval) })));
	};
}

/** Parsed already: each load still gets arrays of its own, as a parse would give, so a cell changing its table's columns changes no other cell's. */
function copyParsed({ series, layout, warnings }: ParsedPriceSeries): ParsedPriceSeries {
	const columns: PriceSeries['columns'] = {};
	for (const [name, values] of Object.entries(series.columns)) columns[name as PriceColumn] = values.slice();
	return { series: { dates: series.dates.slice(), columns }, layout, warnings: [...warnings] };
}

function checkSymbols(symbols: unknown[]): asserts symbols is string[] {
	if (symbols.length === 0) throw new DataError('loadSeries needs at least one symbol');
	const seen = new Set<string>();
	for (const s of symbols) {
		if (typeof s !== 'string' || s.trim() === '') throw new DataError(`loadSeries: ${JSON.stringify(s)} is not a symbol`);
		if (seen.has(s)) throw new DataError(`loadSeries: ${s} is listed twice`);
		seen.add(s);
	}
}
