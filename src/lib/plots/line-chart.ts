import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { barsOfTable } from './drawings/resolve.js';
import { drawingLayer } from './drawings/layer.js';
import { markDrawable } from './drawings/drawable.js';
import type { Drawing } from './drawings/types.js';

/**
 * A price series' closes as a line, with drawings (trend lines, channels, levels, zones, measures)
 * that the workspace's drawing tools write into `drawings`. Points snap to the bar's open, high,
 * low or close when the table has them, else to the close.
 *
 * @example
 * lineChart(iwm, { drawings: [{ kind: 'level', from: '2011-04-29', anchor: 'high' }] })
 */
export function lineChart(prices: ColumnTable, options: ChartOptions & { drawings?: Drawing[] } = {}): SVGSVGElement | HTMLElement {
	const theme = resolveTheme(options.theme);
	const bars = barsOfTable(prices, 'lineChart');
	if (bars.dates.length === 0) throw new Error('lineChart: the table has no rows');
	const rows = bars.dates.map((date, i) => ({ date, close: bars.close[i] }));
	const drawn = drawingLayer(bars, options.drawings, theme, 'lineChart', 'sessions');
	const plot = Plot.plot({
		...basePlotOptions(options, theme),
		y: { label: 'close', domain: drawn.domain },
		marks: [
			Plot.lineY(rows, { x: 'date', y: 'close', stroke: theme.foreground }),
			...drawn.marks,
			Plot.crosshairX(rows, { x: 'date', y: 'close' }),
			Plot.tip(rows, Plot.pointerX({ x: 'date', y: 'close' }))
		]
	});
	markDrawable(plot, { chart: 'lineChart', element: plot, bars, drawings: options.drawings ?? [], resolved: drawn.resolved });
	return plot;
}
