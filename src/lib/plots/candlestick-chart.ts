import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { rowsOf } from './rows.js';

/**
 * Candlesticks with a volume pane below on the same x domain (two Plot figures in one div).
 * Works for daily, weekly or N-day tables alike: candles are drawn per row.
 *
 * @example
 * candlestickChart(iwm.filter((d) => d.date >= new Date('2013-01-01')))
 * candlestickChart(weeklyIwm, { overlays: { sma20: sma(weeklyIwm, 20) } })
 */
export function candlestickChart(
	prices: ColumnTable,
	options: ChartOptions & { volumeHeight?: number; overlays?: Record<string, ArrayLike<number>> } = {}
): HTMLElement {
	const theme = resolveTheme(options.theme);
	const rows = rowsOf(prices, 'candlestickChart');
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
	const price = Plot.plot({
		...base,
		x: { ...x, axis: null },
		y: { label: 'price' },
		marks: [
			Plot.ruleX(rows, { x: 'date', y1: 'low', y2: 'high', stroke: colour }),
			Plot.ruleX(rows, { x: 'date', y1: 'open', y2: 'close', stroke: colour, strokeWidth: candleWidth }),
			...overlays,
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
	return figure;
}
