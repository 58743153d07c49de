import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDoc, referenceEntry, signatureOf } from '../../../src/lib/editor/libraryReference';

const source = (path: string) => readFileSync(new URL(`../../../src/lib/${path}`, import.meta.url), 'utf8');

describe('the library reference', () => {
	it('gives a function its signature, summary and first example from its own source', () => {
		const entry = referenceEntry([source('plots/comparison-chart.ts')], 'comparisonChart', 'Charts');
		expect(entry.signature).toBe('comparisonChart(tables: Record<string, ColumnTable>, options: ChartOptions & { at?: DateLike; log?: boolean } = {}): InteractiveElement');
		expect(entry.summary).toMatch(/^Several symbols rebased to 100/);
		expect(entry.example).toBe("comparisonChart({ IWM: iwm, QQQ: qqq }, { at: '2013-01-02', log: true })");
	});

	it('reads a loader typed by a function type, with its parameters', () => {
		const entry = referenceEntry([source('data/load-series.ts')], 'loadSeries', 'Data', 'LoadSeries');
		expect(entry.signature).toBe('loadSeries(symbol: string | string[], options?: LoadSeriesOptions): Promise<ColumnTable>');
		expect(entry.details).toContain("symbol: As the user knows it");
		expect(entry.example?.split('\n')[0]).toBe("const iwm = await loadSeries('IWM');");
	});

	it('keeps several example lines, and skips a name nothing declares', () => {
		expect(parseDoc('/**\n * Sums.\n *\n * More.\n * @param a - first\n * @example\n * sum(1,\n *   2)\n */')).toEqual({
			description: 'Sums.\n\nMore.',
			params: [{ name: 'a', text: 'first' }],
			example: 'sum(1,\n  2)'
		});
		expect(signatureOf(['export const other = 1;'], 'missing')).toBeUndefined();
	});
});
