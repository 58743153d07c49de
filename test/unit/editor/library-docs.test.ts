import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOf, documented } from '../../../src/lib/editor/libraryDocs';

const source = (path: string) => readFileSync(new URL(`../../../src/lib/${path}`, import.meta.url), 'utf8');

describe('library docs for cell globals', () => {
	it('finds the comment of an exported function, const or type, not of its neighbour', () => {
		const sources = ['/** Adds. */\nexport function add(a: number, b: number) {}\n\n/** Other. */\nexport const other = 1;', '/** The loader. */\nexport type Loader = () => void;'];
		expect(docOf(sources, 'add')).toBe('/** Adds. */');
		expect(docOf(sources, 'other')).toBe('/** Other. */');
		expect(docOf(sources, 'Loader')).toBe('/** The loader. */');
		expect(docOf(sources, 'ad')).toBeUndefined();
		expect(documented(sources, 'missing', 'declare const missing: number;')).toBe('declare const missing: number;');
	});

	it('gives loadSeries and channelChart their real TSDoc, examples included', () => {
		expect(docOf([source('data/load-series.ts')], 'LoadSeries')).toContain("const iwm = await loadSeries('IWM');");
		expect(docOf([source('plots/channel-chart.ts')], 'channelChart')).toContain('A regression channel over its closes');
	});
});
