import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { rowsOf } from './rows.js';
import { atTimeframe } from './drawings/timeframe.js';
import { barsOfRows } from './drawings/resolve.js';
import { drawingLayer } from './drawings/layer.js';
import { markDrawable } from './drawings/drawable.js';
import type { Drawing, Timeframe } from './drawings/types.js';

/**
 * Candlesticks with a volume pane below on the same x domain (two Plot figures in one div).
 * Works for daily, weekly or N-day tables alike: candles are drawn per row.
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
	options: ChartOptions & { volumeHeight?: number; overlays?: Record<string, ArrayLike<number>>; timeframe?: Timeframe; drawings?: Drawing[] } = {}
): HTMLElement {
	const theme = resolveTheme(options.theme);
	if (options.overlays && options.timeframe && options.timeframe !== 'day') {
		throw new Error(`candlestickChart: overlays are per row of the table you pass; with timeframe '${options.timeframe}' compute them on resample(table, …) and chart that`);
	}
	const rows = rowsOf(atTimeframe(prices, options.timeframe, 'candlestickChart'), 'candlestickChart');
	for (const name of ['date', 'open', 'high', 'low', 'close', 'volume']) {
		if (rows.length && !(name in rows[0])) throw new Error(`candlestickChart: the table has no '${name}' column`);
	}
	if (rows.length === 0) throw new Error('candlestickChart: the table has no rows');
	const doc = options.document ?? globalThis.document;
	const base = basePlotOptions(options, theme);
	const x = { domain: [rows[0].date as Date, rows[rows.length - 1].date as Date] };
	const up = (d: Record<string, unknown>) => (d.close as number) >= (d.open as number);
	const colour = (d: Record<string, unknown>) => (up(d) ? theme.up : theme.down);
	const candleWidth = Math.max(1, Math.min(8, (0.6 * base.width) / rows.length));
	const overlays = Object.entries(options.overlays ?? {}).map(([name, values], k) =>
		Plot.lineY(rows, { x: 'date', y: (_: unknown, i: number) => values[i], stroke: theme.palette[k % theme.palette.length], title: () => name })
	);
	const bars = barsOfRows(rows);
	const unit = (options.timeframe ?? 'day') === 'day' ? 'sessions' : 'bars';
	const drawn = drawingLayer(bars, options.drawings, theme, 'candlestickChart', unit, Object.values(options.overlays ?? {}));
	const price = Plot.plot({
		...base,
		x: { ...x, axis: null },
		y: { label: 'price', domain: drawn.domain },
		marks: [
			Plot.ruleX(rows, { x: 'date', y1: 'low', y2: 'high', stroke: colour }),
			Plot.ruleX(rows, { x: 'date', y1: 'open', y2: 'close', stroke: colour, strokeWidth: candleWidth }),
			...overlays,
			...drawn.marks,
			Plot.crosshairX(rows, { x: 'date', y: 'close' }),
			Plot.tip(rows, Plot.pointerX({ x: 'date', y: 'close', channels: { open: 'open', high: 'high', low: 'low', volume: 'volume' } }))
		]
	});
	const volume = Plot.plot({
		...base,
		title: undefined,
		height: options.volumeHeight ?? 100,
		x,
		y: { label: 'volume', tickFormat: 's' },
		marks: [
			Plot.ruleX(rows, { x: 'date', y: 'volume', stroke: colour, strokeWidth: candleWidth, strokeOpacity: 0.6 }),
			Plot.crosshairX(rows, { x: 'date', y: 'volume' })
		]
	});
	const figure = doc.createElement('div');
	figure.className = 'tape-candles';
	figure.append(price, volume);
	markDrawable(figure, { chart: 'candlestickChart', plot: price, bars, drawings: options.drawings ?? [], resolved: drawn.resolved, timeframe: options.timeframe ?? 'day' });
	return figure;
}
