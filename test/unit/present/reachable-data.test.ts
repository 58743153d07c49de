import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SeriesSource } from '../../../src/lib/data/index';
import { parseNotebook } from '../../../src/lib/notebook/index';
import { collectData } from '../../../src/lib/present/collect-data';
import { readEmbeddedData, readEmbeddedNotebook, readEmbeddedTables } from '../../../src/lib/present/embedded';
import { exportHtml } from '../../../src/lib/present/export';
import { reachableData } from '../../../src/lib/present/reachable-data';

const csv = (close: number) => `date,open,high,low,close,volume\n2024-01-02,${close},${close},${close},${close},100\n`;

/** A source that has `symbols` and notes every name it was asked for. */
function sourceOf(symbols: string[], tables: string[] = []): SeriesSource & { asked: string[] } {
	const asked: string[] = [];
	return {
		asked,
		async fetchCsv(symbol) {
			asked.push(symbol);
			if (!symbols.includes(symbol)) throw new Error(`no ${symbol}`);
			return { text: csv(symbol.length), origin: 'test' };
		},
		async fetchTable(name) {
			asked.push(name);
			if (!tables.includes(name)) throw new Error(`no ${name}`);
			return { text: `name,weight\n${name},1\n`, origin: 'test' };
		}
	};
}

describe('the data a notebook can load, read from its code', () => {
	it('finds string literals written in loadSeries and loadTable calls', () => {
		const { series, tables } = reachableData([
			`loadSeries('IWM'); loadSeries(["SPY", '^RUT'], { start: '2020' }); loadSeries(sym)`,
			`const h = await loadTable('holdings'); loadTable(\`weights.csv\`); loadSeries(on ? 'QQQ' : 'DIA')`
		]);
		expect(series.direct).toEqual(['IWM', 'SPY', '^RUT', 'QQQ', 'DIA']);
		expect(tables.direct).toEqual(['holdings', 'weights.csv']);
	});

	it('follows the names a call reads to the strings that define them: every option of a symbol select', () => {
		const { series } = reachableData([
			`const symbol = view(Inputs.select(['IWM', '^RUT', 'SPY'], { label: 'Symbol', value: 'IWM' }));`,
			`const prices = await loadSeries(symbol);`,
			`const method = view(Inputs.radio(['shape', 'slope']));` // not read by a loader: not a candidate
		]);
		expect(series.direct).toEqual([]);
		expect(series.indirect).toEqual(expect.arrayContaining(['IWM', '^RUT', 'SPY']));
		expect(series.indirect).not.toContain('shape');
	});

	it('follows lists handed to a loader through map, and names defined from other names', () => {
		const { series } = reachableData([
			`const tickers: string[] = ['XLF', 'XLK'];`,
			`const all = await Promise.all(tickers.map((t) => loadSeries(t)));`,
			`const sectors = ['XLE'];`,
			`const more = await Promise.all(sectors.map(loadSeries));`,
			`const base = 'DIA'; const chosen = base;`,
			`const one = await loadSeries(chosen);`
		]);
		expect(new Set(series.indirect)).toEqual(new Set(['XLF', 'XLK', 'XLE', 'DIA']));
	});

	it('skips cells that do not parse and never runs anything', () => {
		const { series } = reachableData([`const = broken(`, `while (true) {}\nloadSeries('IWM')`, `process.exit(1); loadSeries('SPY')`]);
		expect(series.direct).toEqual(['IWM', 'SPY']);
	});

	it('reaches every symbol of the slope-channel notebook\'s select', () => {
		const text = readFileSync('notebooks/slope-channel-analogue-2010-2011.md', 'utf8');
		const code = parseNotebook(text, 'slope.md').cells.flatMap((c) => (c.kind === 'code' ? [c.source] : []));
		const { series } = reachableData(code);
		expect([...series.direct, ...series.indirect]).toEqual(expect.arrayContaining(['IWM', '^RUT', 'SPY', 'QQQ', 'MDY']));
	});
});

describe('collecting and embedding the data', () => {
	it('reads direct names from the full source, guesses only from the local one, and keeps what loaded', async () => {
		const named = sourceOf(['IWM', 'SPY']);
		const local = sourceOf(['SPY', 'QQQ'], ['holdings.csv']);
		const reachable = reachableData([`const s = view(Inputs.select(['QQQ', 'Symbol'], { label: 'Symbol' }));`, `loadSeries(s); loadSeries('IWM'); loadTable('holdings')`]);
		const data = await collectData(reachable, { named, local }, { symbols: ['SPY'], tables: ['missing.csv'] });
		expect(Object.keys(data.series)).toEqual(['IWM', 'QQQ', 'SPY']);
		expect(Object.keys(data.tables)).toEqual(['holdings.csv']);
		// A guess (a select's label) never reaches the source that may download.
		expect(named.asked).not.toContain('Symbol');
		expect(named.asked).not.toContain('QQQ');
	});

	it('an exported HTML carries the notebook and its data back out (import round trip)', async () => {
		const notebook = "# Data\n\n```ts\nconst s = view(Inputs.select(['IWM', 'SPY']));\nconst p = await loadSeries(s);\nconst h = await loadTable('holdings');\n```\n";
		const local = sourceOf(['IWM', 'SPY'], ['holdings.csv']);
		const collected = await collectData(reachableData([parseNotebook(notebook, 'data.md').cells[1].source]), { named: local, local });
		const { html, data, tables } = await exportHtml('data.md', notebook, collected, { js: 'void 0', css: '' });
		expect(readEmbeddedNotebook(html)).toEqual({ name: 'data.md', text: notebook });
		expect(Object.keys(readEmbeddedData(html))).toEqual(['IWM', 'SPY']);
		expect(data.IWM).toBe(csv(3).length);
		expect(Object.keys(tables)).toEqual(['holdings.csv']);
		expect(readEmbeddedTables(html)['holdings.csv']).toBe('name,weight\nholdings.csv,1\n');
	});
});
