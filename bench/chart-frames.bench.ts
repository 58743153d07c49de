/**
 * Zooming and panning 25 years of daily candles with volume (the last 6,500 sessions of SPY, from
 * TAPE_DATA_DIR when set, else the shipped sample's IWM) in Debian's Chromium: a wheel zoom in, a
 * drag pan and a wheel zoom out, one input per frame as a hand on a wheel or mouse gives them.
 * Prints the median and worst of (1) the chart's work per frame while the view moves (Plot
 * re-rendering axes and overlays for the window, candles merged to the pixels available and drawn
 * on a canvas), (2) the interval of the frames that re-rendered (everything the browser did,
 * painting included) and (3) the all-SVG render once the view rests. Target: frames < 16 ms.
 * For scale, one Plot render of all 6,500 candles unmerged (what a re-render without merging costs).
 * Then the same on a comparison chart of three ~6,500-session lines (SPY, QQQ, IWM).
 *
 *   npm run bench -- chart-frames
 */
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// npm runs benches from the project's root (this file runs bundled elsewhere, so not its own folder).
const root = process.cwd();
const BARS = 6500;

type Row = { date: string; open: number; high: number; low: number; close: number; volume: number };

function candles(symbol: string, fallback: string): { name: string; rows: Row[] } {
	const dir = process.env.TAPE_DATA_DIR;
	const file = dir && existsSync(join(dir, `${symbol}.csv`)) ? join(dir, `${symbol}.csv`) : join(root, `sample/${fallback}.csv`);
	const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
	const names = header.split(',').map((h) => h.trim().toLowerCase());
	const at = (name: string) => names.indexOf(name);
	const rows = lines
		.map((line) => line.split(','))
		.map((c) => ({ date: c[at('date')], open: +c[at('open')], high: +c[at('high')], low: +c[at('low')], close: +c[at('close')], volume: +c[at('volume')] }))
		.filter((r) => Number.isFinite(r.open + r.high + r.low + r.close));
	return { name: file.includes(`${symbol}.csv`) ? symbol : `${fallback} (sample)`, rows: rows.slice(-BARS) };
}

const stats = (xs: number[]) => {
	const sorted = [...xs].sort((a, b) => a - b);
	return { median: sorted[sorted.length >> 1], worst: sorted[sorted.length - 1], n: xs.length };
};
const line = (label: string, xs: number[]) => {
	const { median, worst, n } = stats(xs);
	return `  ${label.padEnd(44)} median ${median.toFixed(1).padStart(5)} ms   worst ${worst.toFixed(1).padStart(5)} ms   (${n} frames)`;
};

if (!existsSync('/usr/bin/chromium')) {
	console.log('chart frames: skipped (needs /usr/bin/chromium)');
} else {
	const { name, rows } = candles('SPY', 'IWM');
	const others = [candles('QQQ', 'DIA'), candles('IWM', 'MDY')];
	const bundle = await build({
		stdin: {
			contents: `import * as Plot from '@observablehq/plot';
import * as aq from 'arquero';
import { candlestickChart } from './src/lib/plots/candlestick-chart.ts';
import { comparisonChart } from './src/lib/plots/comparison-chart.ts';
window.bench = { Plot, aq, candlestickChart, comparisonChart };`,
			resolveDir: root,
			loader: 'ts'
		},
		bundle: true,
		format: 'iife',
		platform: 'browser',
		write: false,
		logLevel: 'error'
	});
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	try {
		const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
		await page.setContent('<!doctype html><body style="margin:20px"></body>');
		await page.addScriptTag({ content: bundle.outputFiles[0].text });
		type Bench = {
			Plot: typeof import('@observablehq/plot');
			aq: typeof import('arquero');
			candlestickChart: typeof import('../src/lib/plots/candlestick-chart.js').candlestickChart;
			comparisonChart: typeof import('../src/lib/plots/comparison-chart.js').comparisonChart;
		};
		const unmerged = await page.evaluate(
			({ rows, others }) => {
				const { Plot, aq, candlestickChart, comparisonChart } = (window as unknown as { bench: Bench }).bench;
				const dated = (r: Row[]) => r.map((d) => ({ ...d, date: new Date(d.date) }));
				const data = dated(rows);
				const chart = candlestickChart(data as never, { theme: 'light' });
				chart.id = 'candles';
				const tables = Object.fromEntries([['SPY', data], ...others.map((o) => [o.name, dated(o.rows)])].map(([k, v]) => [k, aq.from(v as object[])]));
				const compare = comparisonChart(tables, { theme: 'light' });
				compare.id = 'compare';
				document.body.append(chart, compare);
				// For scale: one render of every candle, as the chart did before it merged them.
				const t0 = performance.now();
				const all = Plot.plot({ width: 720, height: 360, marks: [Plot.ruleX(data, { x: 'date', y1: 'low', y2: 'high' }), Plot.ruleX(data, { x: 'date', y1: 'open', y2: 'close', strokeWidth: 1 })] });
				document.body.append(all);
				all.getBoundingClientRect();
				const ms = performance.now() - t0;
				all.remove();
				const w = window as unknown as { draws: number[]; frames: number[]; settled: number[]; settledAt: number[]; lastInput: number; recording: boolean };
				w.recording = false;
				// When the last input of the gesture came: an all-SVG render that started before it blocked the gesture.
				for (const type of ['wheel', 'pointerdown', 'pointermove', 'pointerup']) document.addEventListener(type, () => (w.lastInput = performance.now()), { capture: true, passive: true });
				let drew = false;
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries()) {
						if (!w.recording) continue;
						if (entry.name === 'tape-chart-settled') {
							w.settled.push(entry.duration);
							w.settledAt.push(entry.startTime);
						}
						if (entry.name !== 'tape-chart-frame') continue;
						w.draws.push(entry.duration);
						drew = true;
					}
				}).observe({ type: 'measure', buffered: false });
				// The interval from the frame before a draw to the frame after it: the whole frame that drew.
				let last = 0;
				const tick = (now: number) => {
					if (w.recording && last && drew) w.frames.push(now - last);
					drew = false;
					last = now;
					requestAnimationFrame(tick);
				};
				requestAnimationFrame(tick);
				return ms;
			},
			{ rows, others: others.map((o) => ({ name: o.name, rows: o.rows })) }
		);
		const frame = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

		/** Wheel in, drag left and right, wheel out on one chart; its frame figures. */
		async function drive(id: string) {
			const chart = page.locator(`#${id}`);
			await chart.scrollIntoViewIfNeeded();
			const box = (await chart.locator('.tape-interactive-overlay').boundingBox())!;
			const cx = box.x + box.width / 2;
			const cy = box.y + box.height / 3;
			await page.mouse.move(cx, cy);
			// A click gives the chart the wheel (a plain wheel over an unfocused chart scrolls the page).
			await page.mouse.click(cx, cy);
			await frame();
			await page.evaluate(() => Object.assign(window, { draws: [], frames: [], settled: [], settledAt: [], recording: true }));
			// Zoom in from 25 years to about two, a notch per frame.
			for (let i = 0; i < 30; i++) {
				await page.mouse.wheel(0, -60);
				await frame();
			}
			const zoomed = await chart.evaluate((e: HTMLElement) => `${e.dataset.xFrom} – ${e.dataset.xTo}`);
			// Drag pan to the left and back, across several years.
			await page.mouse.down();
			for (let i = 1; i <= 40; i++) {
				await page.mouse.move(cx + i * 12, cy);
				await frame();
			}
			for (let i = 40; i >= -40; i -= 2) {
				await page.mouse.move(cx + i * 12, cy);
				await frame();
			}
			await page.mouse.up();
			// And out again to the whole history.
			for (let i = 0; i < 30; i++) {
				await page.mouse.wheel(0, 80);
				await frame();
			}
			await page.waitForTimeout(500); // the settled render after the last notch
			const figures = await page.evaluate(() => {
				const w = window as unknown as { draws: number[]; frames: number[]; settled: number[]; settledAt: number[]; lastInput: number; recording: boolean };
				w.recording = false;
				return { draws: w.draws, frames: w.frames, settled: w.settled, midGesture: w.settledAt.filter((t) => t < w.lastInput).length };
			});
			return { ...figures, zoomed };
		}

		const candleFigures = await drive('candles');
		console.log(`chart frames: ${name}, ${rows.length} daily candles with volume (${rows[0].date} – ${rows[rows.length - 1].date}), canvas candles while moving, SVG at rest (load ${loadavg()[0].toFixed(1)}):`);
		console.log(line('chart work per frame while moving (Plot + canvas)', candleFigures.draws));
		console.log(line('interval of frames that re-rendered', candleFigures.frames));
		console.log(line('the all-SVG render once the view rests', candleFigures.settled).replace('frames', 'renders'));
		console.log(`  all-SVG renders that landed mid-gesture: ${candleFigures.midGesture}`);
		console.log(`  zoomed in to ${candleFigures.zoomed}; one unmerged Plot render of all ${rows.length} candles: ${unmerged.toFixed(0)} ms`);
		const lineFigures = await drive('compare');
		console.log(`comparison chart, ${name} + ${others.map((o) => `${o.name} (${o.rows.length})`).join(' + ')} rebased lines, thinned to the pixels, on a canvas while moving (load ${loadavg()[0].toFixed(1)}):`);
		console.log(line('chart work per frame while moving (Plot + canvas)', lineFigures.draws));
		console.log(line('interval of frames that re-rendered', lineFigures.frames));
		console.log(`  all-SVG renders that landed mid-gesture: ${lineFigures.midGesture}`);
		console.log('  target: frame < 16 ms');
	} finally {
		await browser.close();
	}
}
