import { JSDOM } from 'jsdom';
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { candlestickChart, drawingLine, lineChart } from '../../../src/lib/plots/index.js';
import { drawableOf } from '../../../src/lib/plots/drawings/drawable.js';
import { chartView } from '../../../src/lib/plots/interact/index.js';
import { barsOfTable, resolveDrawings } from '../../../src/lib/plots/drawings/resolve.js';
import { snapPoint } from '../../../src/lib/plots/drawings/snap.js';
import { crossAbove, conditionMask } from '../../../src/lib/research/index.js';

const { document, KeyboardEvent } = new JSDOM('<!doctype html><body></body>').window;

/** Sessions Monday to Friday from Mon 2024-01-01, each bar: open i, high i+2, low i-2, close i+1 (+100). */
function sessions(n: number) {
	const date: Date[] = [];
	for (let day = 0; date.length < n; day++) {
		const d = new Date(Date.UTC(2024, 0, 1 + day));
		if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) date.push(d);
	}
	const base = date.map((_, i) => 100 + i);
	return table({ date, open: base, high: base.map((b) => b + 2), low: base.map((b) => b - 2), close: base.map((b) => b + 1), volume: base.map(() => 1000) });
}
const daily = sessions(60);
const drawingsIn = (node: Element) => [...node.querySelectorAll('.tape-drawing [aria-label]')].map((e) => e.getAttribute('aria-label'));

describe('points snap to a bar’s open, high, low or close', () => {
	const bars = barsOfTable(daily, 'test');
	it('takes the bar nearest in time, then its nearest price', () => {
		// Thu 2024-01-04 is bar 3: open 103, high 105, low 101, close 104.
		const thursday = Date.UTC(2024, 0, 4, 10);
		expect(snapPoint(bars, thursday, 100.2)).toEqual({ index: 3, day: '2024-01-04', anchor: 'low', price: 101 });
		expect(snapPoint(bars, thursday, 104.4)).toMatchObject({ day: '2024-01-04', anchor: 'close', price: 104 });
		expect(snapPoint(bars, thursday, 200)).toMatchObject({ anchor: 'high', price: 105 });
		// Saturday lies nearer Friday than Monday.
		expect(snapPoint(bars, Date.UTC(2024, 0, 6, 6), 103)).toMatchObject({ day: '2024-01-05' });
		expect(snapPoint(bars, Date.UTC(2023, 0, 1), 0)).toMatchObject({ day: '2024-01-01', anchor: 'low' });
	});
});

describe('drawings laid on the bars', () => {
	const bars = barsOfTable(daily, 'test');
	it('a channel on the lows: its parallel runs through the highest high between its points', () => {
		const [channel] = resolveDrawings(bars, [{ kind: 'channel', from: '2024-01-01', to: '2024-01-05', anchor: 'low' }], 'test');
		if (channel.kind !== 'channel') throw new Error('not a channel');
		expect(channel.points.map((p) => p.price)).toEqual([98, 102]);
		const [base, parallel] = channel.lines;
		// The lows rise 1 a session (4 in 4 days); the highs sit 4 above them.
		expect(parallel.y1 - base.y1).toBeCloseTo(4, 9);
		expect(parallel.y2 - base.y2).toBeCloseTo(4, 9);
		expect(base.x2).toEqual(bars.dates.at(-1));
	});
	it('a measure gives the % change and the sessions between its points', () => {
		const [m] = resolveDrawings(bars, [{ kind: 'measure', from: '2024-01-01', to: '2024-01-08', anchor: 'close' }], 'test');
		expect(m).toMatchObject({ kind: 'measure', bars: 5 });
		if (m.kind === 'measure') expect(m.change).toBeCloseTo(106 / 101 - 1, 12);
	});
	it('a drawing off the chart or malformed says which one and why', () => {
		expect(() => resolveDrawings(bars, [{ kind: 'level', from: '2024-01-02' }, { kind: 'trend', from: '2024-01-02', to: '2030-01-01' }], 'candlestickChart')).toThrow(
			"candlestickChart: drawing 2 (trend): 2030-01-01 is after the chart's last bar (2024-03-22)"
		);
		expect(() => resolveDrawings(bars, [{ kind: 'trend', from: '2024-01-02' } as never], 'candlestickChart')).toThrow("drawing 1: a trend needs to: 'YYYY-MM-DD'");
		expect(() => resolveDrawings(bars, [{ kind: 'trend', from: '2024-01-02', to: '2024-01-02' }], 'lineChart')).toThrow('from and to fall on the same bar');
	});
	it('drawingLine gives the drawn line at every row, for crossAbove/crossBelow', () => {
		const line = drawingLine(daily, { kind: 'trend', from: '2024-01-01', to: '2024-01-03', anchor: 'close' });
		// closes 101 and 103, two days apart: 1 a calendar day, so the weekend adds 3 by Monday.
		expect(Array.from(line.slice(0, 6))).toEqual([101, 102, 103, 104, 105, 108]);
		const mask = conditionMask(daily, crossAbove((t) => drawingLine(t, { kind: 'level', from: '2024-01-10', anchor: 'high' })));
		// The level is Jan 10's high, 109: the close (i + 101) first passes it on bar 9 (110).
		expect([...mask].indexOf(1)).toBe(9);
	});
});

describe('charts draw their drawings from the option (read-only, as in reports)', () => {
	it('candlestickChart draws each drawing and tells the frame what it drew on', () => {
		const node = candlestickChart(daily, {
			document,
			drawings: [
				{ kind: 'channel', from: '2024-01-01', to: '2024-01-05', anchor: 'low' },
				{ kind: 'level', from: '2024-01-10', anchor: 'high' },
				{ kind: 'zone', from: '2024-01-02', to: '2024-01-09', anchor: ['low', 'high'] },
				{ kind: 'measure', from: '2024-01-01', to: '2024-01-08' }
			]
		});
		expect(drawingsIn(node)).toEqual([
			'drawing 1: channel from 2024-01-01 low 98.00 to 2024-01-05 low 102.00',
			'drawing 1: channel from 2024-01-01 low 98.00 to 2024-01-05 low 102.00',
			'drawing 2: level at 2024-01-10 high 109.00',
			'drawing 3: zone from 2024-01-02 low 99.00 to 2024-01-09 high 108.00',
			'drawing 4: measure from 2024-01-01 close 101.00 to 2024-01-08 close 106.00'
		]);
		expect(node.textContent).toContain('+5.0% in 5 sessions');
		expect(drawableOf(node)).toMatchObject({ chart: 'candlestickChart', timeframe: 'day', drawings: { length: 4 } });
	});
	it('a weekly timeframe resamples the candles; a daily drawing lands on the week that holds it', () => {
		const day = candlestickChart(daily, { document });
		const week = candlestickChart(daily, { document, timeframe: 'week', drawings: [{ kind: 'level', from: '2024-01-10', anchor: 'high' }] });
		const candles = (node: Element) => [...node.querySelectorAll('svg')[0].querySelectorAll('[aria-label=rule] line')].filter((line) => !line.closest('.tape-drawing')).length / 2;
		expect(candles(day)).toBe(60);
		expect(candles(week)).toBe(12);
		expect(candles(candlestickChart(daily, { document, timeframe: '3-day' }))).toBe(20);
		// Week of Jan 8–12: its high is Friday's, 111.
		expect(drawingsIn(week)).toEqual(['drawing 1: level at 2024-01-12 high 111.00']);
		expect(() => candlestickChart(daily, { document, timeframe: 'year' as never })).toThrow("candlestickChart: timeframe \"year\" is not one of 'day', '3-day', 'week', 'month'");
	});
	it('lineChart takes drawings too', () => {
		const node = lineChart(daily, { document, drawings: [{ kind: 'trend', from: '2024-01-01', to: '2024-01-05', anchor: 'high' }] });
		expect(drawingsIn(node)).toEqual(['drawing 1: trend from 2024-01-01 high 102.00 to 2024-01-05 high 106.00']);
		expect(drawableOf(node)).toMatchObject({ chart: 'lineChart' });
	});
	it('lineChart zooms, pans and reads out like the others, its drawings kept in every view', () => {
		const node = lineChart(daily, { document, drawings: [{ kind: 'level', from: '2024-01-10', anchor: 'high' }] });
		const view = chartView(node)!;
		expect(view).toBeDefined();
		expect(node.querySelector('.tape-readout')!.textContent).toMatch(/^\d{4}-\d\d-\d\d {2}close \d/);
		const [from, to] = [node.dataset.xFrom, node.dataset.xTo];
		node.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
		expect(node.dataset.xFrom! > from!).toBe(true);
		expect(node.dataset.xTo! < to!).toBe(true);
		expect(drawingsIn(node)).toEqual(['drawing 1: level at 2024-01-10 high 109.00']);
		expect(drawableOf(node)).toMatchObject({ chart: 'lineChart', element: node });
	});
});
