import { describe, expect, it } from 'vitest';
import type { SeriesSource } from '../../../src/lib/data/index';
import { readEmbeddedData, readEmbeddedNotebook, readEmbeddedTables } from '../../../src/lib/present/embedded';
import { exportHtml } from '../../../src/lib/present/export';
import { literalSymbols, literalTables, recordData, recordSeries } from '../../../src/lib/present/record';
import { commonBuiltins } from '../../../src/lib/runtime/builtins';

const csv = (close: number) => `date,open,high,low,close,volume\n2024-01-02,${close},${close},${close},${close},100\n2024-01-03,${close + 1},${close + 1},${close + 1},${close + 1},100\n`;
const source: SeriesSource = {
	async fetchCsv(symbol) {
		if (symbol === 'MISSING') throw new Error('no such symbol');
		return { text: csv(symbol.length * 10), origin: 'test' };
	}
};
const options = { source, builtins: (s: SeriesSource) => commonBuiltins(s) };

const notebook = `# Data

\`\`\`ts
const pick = ['IW', 'M'].join('');
const iwm = await loadSeries(pick);
\`\`\`

\`\`\`ts
iwm.numRows()
\`\`\`

\`\`\`ts
// Never runs headlessly (it fails first), but its literal symbols are still found.
throw new Error('needs a DOM');
const later = await loadSeries(["SPY", 'QQQ']);
\`\`\`
`;

describe('recording the data a notebook loads', () => {
	it('finds literal symbols in loadSeries calls', () => {
		expect(literalSymbols(`loadSeries('IWM'); loadSeries(["SPY", '^RUT'], { start: '2020' }); loadSeries(sym)`)).toEqual(['IWM', 'SPY', '^RUT']);
	});

	it('keeps the CSV of every series loaded by running cells and by literal calls; failures left out', async () => {
		const data = await recordSeries(notebook + "\n```ts\nawait loadSeries('MISSING').catch(() => 0)\n```\n", 'data.md', options);
		expect(Object.keys(data)).toEqual(['IWM', 'QQQ', 'SPY']);
		expect(data.IWM).toBe(csv(30));
	});

	it('also keeps the symbols the workspace saw the notebook load (cells that draw do not run headlessly)', async () => {
		const drawing = "# Drawn\n\n```ts\nconst s = ['^R', 'UT'].join('');\nthrow new Error('needs a DOM');\nawait loadSeries(s);\n```\n";
		expect(Object.keys(await recordSeries(drawing, 'drawn.md', options))).toEqual([]);
		expect(Object.keys(await recordSeries(drawing, 'drawn.md', { ...options, symbols: ['^RUT'] }))).toEqual(['^RUT']);
	});

	it('an exported HTML carries the notebook and its data back out (import round trip)', async () => {
		const { html, data } = await exportHtml('data.md', notebook, { ...options, assets: { js: 'void 0', css: '' } });
		expect(readEmbeddedNotebook(html)).toEqual({ name: 'data.md', text: notebook });
		expect(Object.keys(readEmbeddedData(html))).toEqual(['IWM', 'QQQ', 'SPY']);
		expect(data.IWM).toBe(csv(30).length);
	});

	it('keeps the tables loaded with loadTable too, by file name, and embeds them in the export', async () => {
		const withTables: SeriesSource = {
			...source,
			async fetchTable(name) {
				if (name !== 'holdings.csv' && name !== 'weights.csv') throw new Error(`no ${name}`);
				return { text: `name,weight\n${name},1\n`, origin: name };
			}
		};
		expect(literalTables(`loadTable('holdings'); loadTable("weights.csv"); loadTable(name)`)).toEqual(['holdings.csv', 'weights.csv']);
		const text = "# T\n\n```ts\nconst h = await loadTable(['hold', 'ings'].join(''));\n```\n\n```ts\nthrow new Error('needs a DOM');\nawait loadTable('weights');\n```\n";
		const opts = { source: withTables, builtins: (s: SeriesSource) => commonBuiltins(s) };
		expect(Object.keys((await recordData(text, 't.md', opts)).tables)).toEqual(['holdings.csv', 'weights.csv']);
		const { html, tables } = await exportHtml('t.md', text, { ...opts, assets: { js: 'void 0', css: '' } });
		expect(Object.keys(tables)).toEqual(['holdings.csv', 'weights.csv']);
		expect(readEmbeddedTables(html)['holdings.csv']).toBe('name,weight\nholdings.csv,1\n');
	});
});
