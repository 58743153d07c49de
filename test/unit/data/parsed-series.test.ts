/**
 * A series handed over already parsed (the workspace page parses the series it prefetched in a
 * worker, ui/seriesParser.ts, and the frame gets the result with the text) loads exactly the table,
 * warnings and errors that parsing the text in the frame gives: on every file of the sample and of
 * the shared price folders, and on files with repaired rows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnTable } from 'arquero';
import { createLoadSeries, parsePriceSeries, type SeriesSource } from '../../../src/lib/data/index';
import type { ParsedPriceSeries } from '../../../src/lib/data/parse-price-csv';
import { PrefetchedSeries } from '../../../src/lib/ui/seriesPrefetch';

/** What the page's worker does: the same parse, or nothing for a file it refuses; then the postMessage copy. */
async function workerParse(text: string, origin: string): Promise<ParsedPriceSeries | undefined> {
	try {
		return structuredClone(parsePriceSeries(text, origin));
	} catch {
		return undefined;
	}
}

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f)) : []);
const folders = [resolve('sample'), resolve('../shared/data/prices'), resolve('../shared/data/prices-2022')];

function textSource(texts: Record<string, string>): SeriesSource {
	return {
		async fetchCsv(symbol) {
			if (!(symbol in texts)) throw new Error(`no ${symbol}`);
			return { text: texts[symbol], origin: `${symbol}.csv` };
		}
	};
}

/** As the frame gets it: the page's prefetch (with the worker's parse) answering the frame's request. */
async function prefetchedSource(texts: Record<string, string>): Promise<SeriesSource> {
	const early = new PrefetchedSeries(Object.keys(texts), textSource(texts), workerParse);
	return { fetchCsv: async (symbol) => (await early.take(symbol))! };
}

async function load(source: SeriesSource, symbol: string, options = {}) {
	const warnings: string[] = [];
	try {
		const table = await createLoadSeries(source, { onWarning: (w) => warnings.push(w) })(symbol, options);
		return { table: columnsOf(table), warnings };
	} catch (e) {
		return { error: (e as Error).message, warnings };
	}
}

function columnsOf(table: ColumnTable) {
	return Object.fromEntries(table.columnNames().map((name) => [name, Array.from(table.array(name) as ArrayLike<unknown>, (v) => (v instanceof Date ? v.getTime() : v))]));
}

describe('a series handed over parsed', () => {
	const all = folders.flatMap(files);
	it(`gives the table and warnings of the text's own parse, on ${all.length} files of the sample and the price folders`, async () => {
		expect(all.length).toBeGreaterThan(15);
		for (const file of all) {
			const texts = { S: readFileSync(file, 'utf8') };
			// Adjusting and resampling run after the parse: checked on the sample's files only, to keep this quick.
			for (const options of file.startsWith(folders[0]) ? [{}, { adjusted: true }, { interval: 'week' }] : [{}]) {
				const expected = await load(textSource(texts), 'S', options);
				expect(await load(await prefetchedSource(texts), 'S', options), `${file} ${JSON.stringify(options)}`).toEqual(expected);
			}
		}
	});

	it('keeps the repairs and their warnings: null rows dropped, rows sorted, a missing Adj Close', async () => {
		const texts = {
			S: 'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-03,2,2,2,2,2,10\n2020-01-02,1,1,1,1,1,10\n2020-01-06,null,null,null,null,null,null\n2020-01-07,3,3,3,3,3,10\n',
			C: 'date,close\n2020-01-02,1\n2020-01-03,2\n'
		};
		const expected = await load(textSource(texts), 'S');
		expect(expected.warnings.join('\n')).toMatch(/dropped 1 row.*line 4[\s\S]*not in date order/);
		expect(await load(await prefetchedSource(texts), 'S')).toEqual(expected);
		const adjusted = await load(await prefetchedSource(texts), 'C', { adjusted: true });
		expect(adjusted).toEqual(await load(textSource(texts), 'C', { adjusted: true }));
		expect(adjusted.warnings).toEqual(['C: C.csv has no Adj Close column; adjusted: true left prices as published']);
	});

	it('is refused with the text’s own error, line and column, when the parser refuses the file', async () => {
		const texts = { S: 'Date,Close\n2020-01-02,1\n2020-01-03,abc\n', D: 'Date,Close\n2020-01-02,1\n2020-01-02,2\n' };
		for (const symbol of ['S', 'D']) {
			const expected = await load(textSource(texts), symbol);
			expect(expected.error).toMatch(/^[SD]\.csv:3/);
			expect(await load(await prefetchedSource(texts), symbol)).toEqual(expected);
		}
	});

	it('is not parsed again in the frame, and each load gets arrays of its own', async () => {
		const text = 'Date,Close\n2020-01-02,1\n2020-01-03,2\n';
		const parsed = parsePriceSeries(text, 'S.csv');
		// The text is no price file at all: only the parse handed over can give this table.
		const source: SeriesSource = { fetchCsv: async () => ({ text: 'not csv', origin: 'S.csv', parsed }) };
		const loadSeries = createLoadSeries(source);
		const a = await loadSeries('S');
		const b = await loadSeries('S');
		(a.array('close') as Float64Array)[0] = 99;
		expect(Array.from(b.array('close') as Float64Array)).toEqual([1, 2]);
		expect(Array.from(parsed.series.columns.close!)).toEqual([1, 2]);
	});
});
