/**
 * The page asks for the series a notebook's code names while the notebook opens (issue 13: first
 * chart under 1.5 s), not when the frame has started and its cell runs: which series it may ask
 * for, that each is handed to the frame once, and that a guess never becomes a download.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FetchCsvOptions, SeriesSource } from '../../../src/lib/data/index';
import { parseNotebook } from '../../../src/lib/notebook/index';
import { seriesToPrefetch } from '../../../src/lib/ui/seriesNames';
import { adoptPrefetchedSeries, prefetchSeries, PrefetchedSeries } from '../../../src/lib/ui/seriesPrefetch';

const codeOf = (file: string) =>
	parseNotebook(readFileSync(file, 'utf8'))
		.cells.filter((cell) => cell.kind === 'code' && !cell.language)
		.map((cell) => cell.source);

/** A source that has `symbols` and notes each request with its options. */
function sourceOf(symbols: string[]): SeriesSource & { asked: { symbol: string; opts?: FetchCsvOptions }[] } {
	const asked: { symbol: string; opts?: FetchCsvOptions }[] = [];
	return {
		asked,
		async fetchCsv(symbol, opts) {
			asked.push({ symbol, opts });
			if (!symbols.includes(symbol)) throw new Error(`no file for ${symbol}`);
			return { text: `Date,Close\n2024-01-02,${symbol.length}\n`, origin: `${symbol}.csv` };
		}
	};
}

describe('the series worth asking for before the cells run', () => {
	it('are the six whole histories small-caps-lead-2013 loads through its symbols array', () => {
		expect(seriesToPrefetch(codeOf('notebooks/small-caps-lead-2013.md')).sort()).toEqual(['IWM', 'QQQ', 'SPY', '^GSPC', '^NDX', '^RUT']);
	});

	it('leave out calls that may ask for a range only, and keep whole-file options such as adjusted', () => {
		expect(seriesToPrefetch([`const a = await loadSeries('IWM', { start: '2013-01-01' });`, `const b = await loadSeries('QQQ', opts);`, `const c = await loadSeries(['SPY', 'DIA'], { end: '2020-01-01', adjusted: true });`])).toEqual([]);
		expect(seriesToPrefetch([`const a = await loadSeries('IWM', { adjusted: true, interval: 'week' });`, `const b: ColumnTable = await loadSeries(pick as string);`, `const pick = 'QQQ';`])).toEqual(['IWM', 'QQQ']);
	});

	it('leave out a long symbol picker’s options, keeping the calls’ own literals', () => {
		const options = Array.from({ length: 20 }, (_, i) => `'S${i}'`).join(', ');
		expect(seriesToPrefetch([`const symbol = view(Inputs.select([${options}]));`, `const t = await loadSeries(symbol);`, `const spy = await loadSeries('SPY');`])).toEqual(['SPY']);
	});

	it('are none for code that does not parse, without failing the page', () => {
		expect(seriesToPrefetch([`const t = await loadSeries('IWM'`])).toEqual([]);
	});
});

describe('series asked for early', () => {
	it('are asked for only as files the server has, and each handed out once', async () => {
		const source = sourceOf(['IWM']);
		const early = new PrefetchedSeries(Promise.resolve(['IWM', 'XYZ']), source);
		expect(await early.symbols()).toEqual(['IWM', 'XYZ']);
		expect(source.asked).toEqual([
			{ symbol: 'IWM', opts: { localOnly: true } },
			{ symbol: 'XYZ', opts: { localOnly: true } }
		]);
		expect(await early.take('IWM')).toMatchObject({ origin: 'IWM.csv' });
		// The frame asks again after Refresh data or a new file: that goes to the server, not to this copy.
		expect(await early.take('IWM')).toBeUndefined();
		await expect(early.take('XYZ')).rejects.toThrow('no file for XYZ');
		expect(await early.take('QQQ')).toBeUndefined();
	});

	it('are forgotten once dropped, and not asked for at all when dropped before the code was read', async () => {
		const early = new PrefetchedSeries(['IWM'], sourceOf(['IWM']));
		early.drop();
		expect(await early.take('IWM')).toBeUndefined();
		const source = sourceOf(['IWM']);
		let read!: (names: string[]) => void;
		const late = new PrefetchedSeries(new Promise<string[]>((done) => (read = done)), source);
		late.drop();
		read(['IWM']);
		expect(await late.take('IWM')).toBeUndefined();
		expect(source.asked).toEqual([]);
	});

	it('go only to the page of the notebook they were read from, once', async () => {
		const source = sourceOf(['IWM']);
		prefetchSeries('a.md', "# A\n\n```ts\nconst t = await loadSeries('IWM');\n```\n", source);
		expect(adoptPrefetchedSeries('b.md')).toBeUndefined();
		expect(await adoptPrefetchedSeries('a.md')?.symbols()).toEqual(['IWM']);
		expect(adoptPrefetchedSeries('a.md')).toBeUndefined();
		// A SQL cell is not TypeScript, and a notebook that does not parse names nothing.
		prefetchSeries('c.md', "```sql\nselect loadSeries('IWM')\n```\n", source);
		expect(adoptPrefetchedSeries('c.md')).toBeUndefined();
		prefetchSeries('d.md', '```ts\nloadSeries("IWM")\n', source);
		expect(adoptPrefetchedSeries('d.md')).toBeUndefined();
		expect(source.asked).toHaveLength(1);
	});
});
