import * as aq from 'arquero';
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { candlestickChart, comparisonChart } from '../../../src/lib/plots/index.js';
import { brushValue, chartView, formatX, clampSpan, fitY, interactivePlot, mergeBars, panBy, thinLine, visibleRows, zoomAt } from '../../../src/lib/plots/interact/index.js';

const { document, Event, KeyboardEvent, MouseEvent } = new JSDOM('<!doctype html><body></body>').window;

const day = 86_400_000;
function table(n: number) {
	const date = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1) + i * day));
	// A rise then a fall: the first half tops at 200, the second half bottoms at 100.
	const close = date.map((_, i) => (i < n / 2 ? 100 + (100 * i) / (n / 2) : 200 - (100 * (i - n / 2)) / (n / 2)));
	return aq.table({ date, open: close, high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: close.map(() => 1000) });
}

describe('view arithmetic', () => {
	const full: [number, number] = [0, 1000];
	it('zooms about the pointer, keeping the point under it', () => {
		const view = zoomAt([0, 1000], full, 0.25, 0.5);
		expect(view).toEqual([125, 625]);
		// the data point at a quarter of the window stays at a quarter
		expect((250 - view[0]) / (view[1] - view[0])).toBeCloseTo(0.25);
	});
	it('cannot zoom out past the data nor in past a sliver of it', () => {
		expect(zoomAt([200, 400], full, 0.5, 100)).toEqual([0, 1000]);
		const tiny = zoomAt([0, 1000], full, 0.5, 1e-9);
		expect(tiny[1] - tiny[0]).toBeGreaterThan(0);
	});
	it('pans by a fraction of the window and stops at the ends', () => {
		expect(panBy([100, 300], full, 0.5)).toEqual([200, 400]);
		expect(panBy([100, 300], full, -5)).toEqual([0, 200]);
		expect(panBy([800, 1000], full, 1)).toEqual([800, 1000]);
		expect(clampSpan([-50, 2000], full)).toEqual([0, 1000]);
	});
	it('finds the visible rows with one either side', () => {
		const xs = [0, 10, 20, 30, 40, 50];
		expect(visibleRows(xs, [15, 35])).toEqual([1, 5]);
		expect(visibleRows(xs, [0, 50])).toEqual([0, 6]);
	});
	it('fits y to the visible window only', () => {
		const x = [0, 1, 2, 3];
		const low = [10, 50, 48, 1];
		const high = [12, 60, 52, 3];
		expect(fitY([{ x, low, high }], [1, 2], { pad: 0 })).toEqual([48, 60]);
		expect(fitY([{ x, low, high }], [0, 3], { pad: 0 })).toEqual([1, 60]);
		expect(fitY([{ x, low, high }], [1.2, 1.8])).toBeUndefined();
		// on a log scale the padding is proportional and non-positive values are skipped
		const log = fitY([{ x, low: [-1, 10, 100, 0] }], [0, 3], { log: true, pad: 0.5 })!;
		expect(log[0]).toBeCloseTo(10 / Math.sqrt(10));
		expect(log[1]).toBeCloseTo(100 * Math.sqrt(10));
	});
	it('turns a brush selection into dates, in order, and no selection into null', () => {
		const invert = (px: number) => Date.UTC(2020, 0, 1) + px * day;
		expect(brushValue([30, 10], invert, true)).toEqual([new Date(Date.UTC(2020, 0, 11)), new Date(Date.UTC(2020, 0, 31))]);
		expect(brushValue(null, invert, true)).toBeNull();
		expect(brushValue([5, 5.5], invert, true)).toBeNull();
		expect(brushValue([1, 3], (px) => px * 2, false)).toEqual([2, 6]);
	});
	it('merges candles beyond the room, open of the first and close of the last', () => {
		const bars = { x: [0, 1, 2, 3, 4, 5], open: [1, 2, 3, 4, 5, 6], high: [2, 9, 4, 5, 6, 7], low: [0, 1, -3, 3, 4, 5], close: [2, 3, 4, 5, 6, 7], volume: [1, 1, 1, 1, 1, 1] };
		expect(mergeBars(bars, 0, 6, 10).bars).toHaveLength(6);
		const { size, bars: merged } = mergeBars(bars, 0, 6, 2);
		expect(size).toBe(3);
		expect(merged[0]).toMatchObject({ open: 1, high: 9, low: -3, close: 4, volume: 3, rows: 3 });
		// groups stay aligned to the first row when the window starts mid-group
		expect(mergeBars(bars, 1, 6, 2).bars.map((b) => b.rows)).toEqual([2, 3]);
	});
});

describe('an interactive candlestick chart', () => {
	it('shows all the data at first, and its value is the whole range', () => {
		const chart = candlestickChart(table(200), { document });
		expect(chart.dataset.xFrom).toBe('2020-01-01');
		expect(chart.dataset.xTo).toBe('2020-07-18');
		expect(chart.value).toEqual([new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 6, 18))]);
		expect(chart.querySelector('.tape-readout')!.textContent).toContain('2020-07-18');
	});
	it('fits y to the visible candles when the window moves', () => {
		const chart = candlestickChart(table(200), { document });
		const view = chartView(chart)!;
		const yDomain = () => view.plot.scale('y')!.domain as number[];
		expect(yDomain()[1]).toBeGreaterThan(200);
		view.setSpan([Date.UTC(2020, 5, 1), Date.UTC(2020, 6, 18)]);
		expect(chart.dataset.xFrom).toBe('2020-06-01');
		const [lo, hi] = yDomain();
		// closes from 148 down to 101 in June–July, against 100–200 over the whole table
		expect(hi).toBeLessThan(155);
		expect(lo).toBeGreaterThan(95);
		// and Plot drew only the candles in the window (plus one either side)
		expect(view.plot.querySelectorAll('[aria-label=rule]')[0].querySelectorAll('line').length).toBeLessThan(52);
	});
	it('keys pan and zoom, Escape clears a selection and tells readers', () => {
		const chart = candlestickChart(table(200), { document });
		const key = (k: string) => chart.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
		key('+');
		expect(chart.dataset.xFrom).not.toBe('2020-01-01');
		const zoomed = [chart.dataset.xFrom, chart.dataset.xTo];
		key('ArrowLeft');
		expect(chart.dataset.xFrom! < zoomed[0]!).toBe(true);
		key('0');
		expect([chart.dataset.xFrom, chart.dataset.xTo]).toEqual(['2020-01-01', '2020-07-18']);
		let inputs = 0;
		chart.addEventListener('input', () => inputs++);
		chart.value = [new Date(Date.UTC(2020, 1, 1)), new Date(Date.UTC(2020, 2, 1))];
		expect(chart.value[0]).toEqual(new Date(Date.UTC(2020, 1, 1)));
		key('Escape');
		expect(inputs).toBe(1);
		expect(chart.value[0]).toEqual(new Date(Date.UTC(2020, 0, 1)));
	});
	it('a drag pans, unless a drawing tool has suspended it', () => {
		const chart = candlestickChart(table(200), { document });
		const view = chartView(chart)!;
		const overlay = view.overlay;
		const drag = (from: number, to: number) => {
			overlay.dispatchEvent(new MouseEvent('pointerdown', { clientX: from, button: 0, bubbles: true }));
			overlay.dispatchEvent(new MouseEvent('pointermove', { clientX: to, bubbles: true }));
			overlay.dispatchEvent(new MouseEvent('pointerup', { clientX: to, bubbles: true }));
		};
		view.setSpan([Date.UTC(2020, 3, 1), Date.UTC(2020, 4, 1)]);
		const told: string[] = [];
		chart.addEventListener('tape-view', (e) => told.push(formatX((e as CustomEvent).detail.span[0], true)));
		drag(300, 400);
		// drawings hear of every new view, to re-project
		expect(told).toEqual([chart.dataset.xFrom]);
		expect(chart.dataset.xFrom! < '2020-04-01').toBe(true);
		const moved = chart.dataset.xFrom;
		view.suspendPan(true);
		drag(300, 400);
		expect(chart.dataset.xFrom).toBe(moved);
		view.suspendPan(false);
		drag(400, 300);
		expect(chart.dataset.xFrom! > moved!).toBe(true);
	});
	it('toggles a log y scale', () => {
		const chart = candlestickChart(table(50), { document });
		const button = [...chart.querySelectorAll('button')].find((b) => b.textContent === 'log')!;
		button.dispatchEvent(new Event('click'));
		expect(chart.dataset.scale).toBe('log');
		expect(chartView(chart)!.plot.scale('y')!.type).toBe('log');
	});
});

describe('interactivePlot, for a notebook’s own figures', () => {
	it('fits y per series over the window and reads out every series', () => {
		const rows = table(100).objects() as { date: Date; close: number }[];
		const data = [...rows.map((r) => ({ ...r, symbol: 'A' })), ...rows.map((r) => ({ ...r, close: r.close * 2, symbol: 'B' }))];
		const chart = interactivePlot({ document, marks: [Plot.lineY(data, { x: 'date', y: 'close', stroke: 'symbol' })] });
		expect(chart.querySelector('.tape-readout')!.textContent).toMatch(/A 102\.00 {2}B 204\.00/);
		chartView(chart)!.setSpan([+rows[60].date, +rows[99].date]);
		const y = chartView(chart)!.plot.scale('y')!.domain as number[];
		// B's peak (400) is outside the window: its highest visible close is 360
		expect(y[1]).toBeLessThan(380);
		expect(y[0]).toBeGreaterThan(85);
	});
	it('explains a figure it cannot zoom', () => {
		expect(() => interactivePlot({ document, marks: [Plot.ruleY([0])] })).toThrow(/interactivePlot: no mark has x and y values/);
	});
	it('comparison charts are interactive too', () => {
		const chart = comparisonChart({ A: table(100), B: table(100) }, { document });
		expect(chartView(chart)).toBeDefined();
		expect(chart.querySelector('.tape-readout')!.textContent).toMatch(/A .* B /);
	});
});

describe('thinning a long line to the pixels', () => {
	it('keeps every row that fits, else each column’s first, last, low and high', () => {
		const x = Array.from({ length: 1000 }, (_, i) => i);
		const y = x.map((i) => (i === 537 ? 99 : i === 212 ? -99 : Math.sin(i)));
		expect(thinLine(x, [y], 10, 50, 100)).toHaveLength(40);
		const kept = thinLine(x, [y], 0, 1000, 10);
		expect(kept.length).toBeLessThanOrEqual(40);
		expect(kept).toEqual([...kept].sort((a, b) => a - b));
		// the spikes survive, as do the ends
		expect(kept).toEqual(expect.arrayContaining([0, 999, 537, 212]));
	});
});

describe('the wheel over a chart in a long page', () => {
	const wheel = (target: Element, init: { ctrlKey?: boolean; metaKey?: boolean } = {}) => {
		const event = new (target.ownerDocument.defaultView as unknown as typeof globalThis).WheelEvent('wheel', { deltaY: -200, bubbles: true, cancelable: true, ...init });
		target.dispatchEvent(event);
		return event;
	};
	it('scrolls the page while the chart is not focused, and says how to zoom', () => {
		const chart = candlestickChart(table(200), { document });
		document.body.append(chart);
		const event = wheel(chartView(chart)!.overlay);
		// not prevented: the browser scrolls the page on
		expect(event.defaultPrevented).toBe(false);
		expect([chart.dataset.xFrom, chart.dataset.xTo]).toEqual(['2020-01-01', '2020-07-18']);
		expect(chart.querySelector('.tape-interactive-hint')?.textContent).toBe('Ctrl+scroll to zoom');
		chart.remove();
	});
	it('zooms on Ctrl/⌘+wheel (a trackpad pinch) or once the chart is focused', () => {
		const chart = candlestickChart(table(200), { document });
		document.body.append(chart);
		const overlay = chartView(chart)!.overlay;
		expect(wheel(overlay, { ctrlKey: true }).defaultPrevented).toBe(true);
		expect(chart.dataset.xTo).not.toBe('2020-07-18');
		chart.dispatchEvent(new KeyboardEvent('keydown', { key: '0', bubbles: true }));
		expect(wheel(overlay, { metaKey: true }).defaultPrevented).toBe(true);
		chart.dispatchEvent(new KeyboardEvent('keydown', { key: '0', bubbles: true }));
		// a click focuses the chart: from then on the plain wheel is its
		overlay.dispatchEvent(new MouseEvent('pointerdown', { clientX: 300, button: 0, bubbles: true }));
		overlay.dispatchEvent(new MouseEvent('pointerup', { clientX: 300, bubbles: true }));
		expect(document.activeElement).toBe(chart);
		expect(wheel(overlay).defaultPrevented).toBe(true);
		expect(chart.dataset.xTo).not.toBe('2020-07-18');
		chart.remove();
	});
});

describe('the settled render', () => {
	it('waits for a real rest: never between the frames of a gesture whose frames are slower than the wait', async () => {
		// A window whose frames run when the test says, and a chart whose moving frames take 250 ms.
		const { window } = new JSDOM('<!doctype html><body></body>');
		const frames: FrameRequestCallback[] = [];
		window.requestAnimationFrame = (callback: FrameRequestCallback) => frames.push(callback);
		const renders: boolean[] = [];
		const chart = comparisonChart({ A: table(300) }, { document: window.document });
		// Wrap the chart's render: record live/settled, and make live frames slow.
		const view = chartView(chart)! as unknown as { spec: { render: (v: { live: boolean }) => Element } };
		const render = view.spec.render;
		view.spec.render = (v) => {
			renders.push(v.live);
			if (v.live) for (const end = performance.now() + 250; performance.now() < end; );
			return render(v);
		};
		const overlay = chartView(chart)!.overlay;
		const tick = () => new Promise((done) => setTimeout(done, 0));
		for (let i = 0; i < 3; i++) {
			overlay.dispatchEvent(new window.WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true }));
			frames.splice(0).forEach((f) => f(performance.now()));
			// the old settle timer (armed at the input) is due by now and gets its turn here
			await tick();
		}
		expect(renders).toEqual([true, true, true]);
		expect(chart.dataset.settled).toBe('false');
		await expect.poll(() => chart.dataset.settled, { timeout: 5000 }).toBe('true');
		expect(renders).toEqual([true, true, true, false]);
	});
});
