import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { rowsOf } from './rows.js';
import { atTimeframe } from './drawings/timeframe.js';
import { barsOfRows } from './drawings/resolve.js';
import { drawingLayer } from './drawings/layer.js';
import { markDrawable } from './drawings/drawable.js';
import type { Drawing, Timeframe } from './drawings/types.js';
import { dateAxis, drawOnCanvas, fitY, formatValue, formatX, interactive, mergeBars, nearestRow, visibleRows, type Bar, type InteractiveElement } from './interact/index.js';

/**
 * Candlesticks with a volume pane below on the same x domain (two Plot figures in one chart).
 * Works for daily, weekly or N-day tables alike: candles are drawn per row. Zoom, pan and a
 * brushed range come from `interactive`: `view(candlestickChart(iwm))` is the selected [start, end].
 *
 * @example
 * candlestickChart(iwm.filter((d) => d.date >= new Date('2013-01-01')))
 * candlestickChart(weeklyIwm, { overlays: { sma20: sma(weeklyIwm, 20) } })
 * candlestickChart(iwm, { timeframe: 'week', drawings: [{ kind: 'channel', from: '2010-08-26', to: '2011-04-29', anchor: 'low' }] })
 *
 * `timeframe` resamples the table ('day' as given, '3-day', 'week', 'month'); `drawings` are trend
 * lines, channels, levels, zones and measures at bars' prices (see plots/drawings), which the
 * workspace's drawing tools write here.
 */
export function candlestickChart(
	prices: ColumnTable,
	options: ChartOptions & { volumeHeight?: number; overlays?: Record<string, ArrayLike<number>>; log?: boolean; timeframe?: Timeframe; drawings?: Drawing[] } = {}
): InteractiveElement {
	const theme = resolveTheme(options.theme);
	if (options.overlays && options.timeframe && options.timeframe !== 'day') {
		throw new Error(`candlestickChart: overlays are per row of the table you pass; with timeframe '${options.timeframe}' compute them on resample(table, …) and chart that`);
	}
	const rows = rowsOf(atTimeframe(prices, options.timeframe, 'candlestickChart'), 'candlestickChart');
	for (const name of ['date', 'open', 'high', 'low', 'close', 'volume']) {
		if (rows.length && !(name in rows[0])) throw new Error(`candlestickChart: the table has no '${name}' column`);
	}
	if (rows.length === 0) throw new Error('candlestickChart: the table has no rows');
	const base = basePlotOptions(options, theme);
	const column = (name: string) => Float64Array.from(rows, (r) => +(r[name] as number));
	const bars = { x: column('date'), open: column('open'), high: column('high'), low: column('low'), close: column('close'), volume: column('volume') };
	const overlays = Object.entries(options.overlays ?? {}).map(([name, values]) => ({ name, values: Float64Array.from({ length: rows.length }, (_, i) => values[i] ?? NaN) }));
	const colour = (d: { open: number; close: number }) => (d.close >= d.open ? theme.up : theme.down);
	// Two pixels per bar at least: narrower candles are merged (see mergeBars).
	const room = Math.max(50, Math.floor((base.width - 60) / 2));
	// Drawn in every view (they are few); the view's y fit, not the drawings, sets the price axis.
	const drawn = drawingLayer(barsOfRows(rows), options.drawings, theme, 'candlestickChart', (options.timeframe ?? 'day') === 'day' ? 'sessions' : 'bars');
	const chart = interactive({
		document: options.document,
		theme,
		...dateAxis(bars.x),
		log: options.log,
		label: options.title ?? 'candlestick chart',
		fit: (span, log) => fitY([{ x: bars.x, low: bars.low, high: bars.high }, ...overlays.map((o) => ({ x: bars.x, low: o.values }))], span, { log }),
		readout: (at) => {
			const i = nearestRow(bars.x, at);
			const extra = overlays.map((o) => `  ${o.name} ${formatValue(o.values[i])}`).join('');
			return `${formatX(bars.x[i], true)}  O ${formatValue(bars.open[i])}  H ${formatValue(bars.high[i])}  L ${formatValue(bars.low[i])}  C ${formatValue(bars.close[i])}  V ${formatValue(bars.volume[i], 'volume')}${extra}`;
		},
		render: ({ span, x, y, log, live }) => {
			const [start, end] = visibleRows(bars.x, span);
			const { size, bars: shown } = mergeBars(bars, start, end, room);
			// A bar's body is 60% of the pixels between bars (rows spaced evenly on average).
			const spacing = end - start > 1 ? (bars.x[end - 1] - bars.x[start]) / (end - start - 1) : span[1] - span[0];
			const candleWidth = Math.max(1, Math.min(12, (0.6 * (base.width - 60) * size * spacing) / (span[1] - span[0] || 1)));
			const lines = overlays.map((o, k) => {
				const points = Array.from({ length: end - start }, (_, i) => ({ date: new Date(bars.x[start + i]), value: o.values[start + i] }));
				return Plot.lineY(points, { x: 'date', y: 'value', stroke: theme.palette[k % theme.palette.length] });
			});
			// While the view moves the candles go on a canvas (see drawOnCanvas); at rest, SVG.
			const marks = (y1: keyof Bar, y2: keyof Bar, width: number) => (live ? [] : [Plot.ruleX(shown, { x: 'date', y1, y2, stroke: colour, strokeWidth: width })]);
			const price = Plot.plot({
				...base,
				clip: true,
				x: { domain: x, axis: null },
				y: { label: 'price', type: log ? 'log' : 'linear', ...(y ? { domain: y } : {}) },
				marks: [...marks('low', 'high', 1), ...marks('open', 'close', candleWidth), ...lines, ...drawn.marks]
			});
			let maxVolume = 0;
			for (const bar of shown) if (bar.volume > maxVolume) maxVolume = bar.volume;
			const volume = Plot.plot({
				...base,
				title: undefined,
				clip: true,
				height: options.volumeHeight ?? 100,
				x: { domain: x },
				y: { label: 'volume', tickFormat: 's', domain: [0, maxVolume || 1] },
				marks: live ? [] : [Plot.ruleX(shown, { x: 'date', y: 'volume', stroke: colour, strokeWidth: candleWidth, strokeOpacity: 0.6 })]
			});
			if (live) {
				drawOnCanvas(price as never, (context, px, py) => {
					for (const bar of shown) {
						const at = px(bar.date);
						context.strokeStyle = colour(bar);
						context.lineWidth = 1;
						context.beginPath();
						context.moveTo(at, py(bar.low));
						context.lineTo(at, py(bar.high));
						context.stroke();
						context.lineWidth = candleWidth;
						context.beginPath();
						context.moveTo(at, py(bar.open));
						context.lineTo(at, py(bar.close) + (bar.open === bar.close ? 1 : 0));
						context.stroke();
					}
				});
				drawOnCanvas(volume as never, (context, px, py) => {
					context.globalAlpha = 0.6;
					context.lineWidth = candleWidth;
					for (const bar of shown) {
						const at = px(bar.date);
						context.strokeStyle = colour(bar);
						context.beginPath();
						context.moveTo(at, py(0));
						context.lineTo(at, py(bar.volume));
						context.stroke();
					}
				});
			}
			const figure = (options.document ?? globalThis.document).createElement('div');
			figure.className = 'tape-candles';
			figure.append(price, volume);
			return figure;
		}
	});
	markDrawable(chart, { chart: 'candlestickChart', element: chart, bars: drawn.bars, drawings: options.drawings ?? [], resolved: drawn.resolved, timeframe: options.timeframe ?? 'day' });
	return chart;
}
