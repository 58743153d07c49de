import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { analogueChart, candlestickChart, channelChart, comparisonChart, eventStudyChart, ratioChart } from '../../../src/lib/plots/index.js';
import { analogues, channel, eventStudy, newHigh, ratio, sma } from '../../../src/lib/research/index.js';
import { seededRandom } from '../../../src/lib/research/stats/random.js';
import { darkTheme, lightTheme, resolveTheme } from '../../../src/lib/plots/theme.js';
import { tinyTable } from './load.js';

const { document } = new JSDOM('<!doctype html><body></body>').window;

function prices(n: number, seed: number) {
	const random = seededRandom(seed);
	const close = [100];
	for (let i = 1; i < n; i++) close.push(close[i - 1] * (1 + 0.02 * (random() - 0.48)));
	const open = close.map((c, i) => (i ? close[i - 1] : c));
	return tinyTable(close, {
		open,
		high: close.map((c, i) => Math.max(c, open[i]) * 1.01),
		low: close.map((c, i) => Math.min(c, open[i]) * 0.99),
		volume: close.map((_, i) => 1000 + i)
	});
}
const a = prices(300, 1);
const b = prices(300, 2);

/** aria-labels of a chart's marks (Plot labels each mark's group). */
function marks(node: Element): string[] {
	return [...node.querySelectorAll('svg [aria-label]')].map((g) => g.getAttribute('aria-label')!);
}

describe('charts render under jsdom with their marks', () => {
	it('comparisonChart: one line per symbol on a log scale', () => {
		const node = comparisonChart({ A: a, B: b }, { document, log: true });
		const labels = marks(node);
		expect(labels).toEqual(expect.arrayContaining(['line', 'rule']));
		expect(node.querySelectorAll('svg [aria-label=line] path').length).toBe(2);
	});
	it('ratioChart with its average', () => {
		const node = ratioChart(ratio(a, b), { document, average: 20 });
		expect(node.querySelectorAll('svg [aria-label=line] path').length).toBe(2);
	});
	it('channelChart: band area, fit, max bands and closes', () => {
		const node = channelChart(channel(a), { document });
		expect(marks(node)).toContain('area');
		expect(node.querySelectorAll('[aria-label=line]').length).toBe(4);
	});
	it('candlestickChart: two stacked figures, a candle per row, volume bars', () => {
		const node = candlestickChart(a, { document, overlays: { sma20: sma(a, 20) } });
		const svgs = node.querySelectorAll('.tape-candles > svg, .tape-candles > figure');
		expect(svgs.length).toBe(2);
		expect(svgs[0].querySelectorAll('[aria-label=rule]')[0].querySelectorAll('line').length).toBe(300);
		expect(svgs[1].querySelectorAll('[aria-label=rule] line').length).toBe(300);
	});
	it('eventStudyChart: box plots faceted by horizon', () => {
		const study = eventStudy(a, newHigh(), { horizons: [5, 20], bootstrap: 200 });
		const node = eventStudyChart(study, { document });
		expect(marks(node)).toEqual(expect.arrayContaining(['bar', 'dot']));
		expect(node.querySelectorAll('[aria-label=dot] circle').length).toBeGreaterThanOrEqual(2);
	});
	it('analogueChart: the reference plus each analogue', () => {
		const node = analogueChart(analogues(a, { window: 30, top: 3, horizons: [10] }), { document, theme: 'dark' });
		expect(node.querySelectorAll('[aria-label=line] path').length).toBe(4);
	});
	it('explains a wrong argument', () => {
		expect(() => channelChart({} as never, { document })).toThrow(/channelChart: expected the result of channel/);
		expect(() => candlestickChart(tinyTable([1, 2]), { document })).toThrow(/candlestickChart: the table has no 'open' column/);
	});
});

describe('chart theme', () => {
	it('follows the reader’s colour scheme unless the notebook names one', () => {
		expect(resolveTheme(undefined, () => true)).toBe(darkTheme);
		expect(resolveTheme(undefined, () => false)).toBe(lightTheme);
		expect(resolveTheme('light', () => true)).toBe(lightTheme);
		expect(resolveTheme('dark', () => false)).toBe(darkTheme);
	});
});
