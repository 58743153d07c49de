import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { barsOfTable } from './drawings/resolve.js';
import { drawingLayer } from './drawings/layer.js';
import { markDrawable } from './drawings/drawable.js';
import type { Drawing } from './drawings/types.js';
import { dateAxis, drawOnCanvas, fitY, formatValue, formatX, interactive, nearestRow, thinLine, visibleRows, type InteractiveElement } from './interact/index.js';

/** Columns a line is thinned to (a point per column's first, last, low and high; see thinLine). */
const COLUMNS = 800;

/**
 * A price series' closes as a line, with drawings (trend lines, channels, levels, zones, measures)
 * that the workspace's drawing tools write into `drawings`. Points snap to the bar's open, high,
 * low or close when the table has them, else to the close. Zoom, pan, a brushed range as value
 * and a readout come from `interactive`, as on the candle charts.
 *
 * @example
 * lineChart(iwm, { drawings: [{ kind: 'level', from: '2011-04-29', anchor: 'high' }] })
 */
export function lineChart(prices: ColumnTable, options: ChartOptions & { drawings?: Drawing[]; log?: boolean } = {}): InteractiveElement {
	const theme = resolveTheme(options.theme);
	const bars = barsOfTable(prices, 'lineChart');
	if (bars.dates.length === 0) throw new Error('lineChart: the table has no rows');
	const x = Float64Array.from(bars.dates, (d) => +d);
	const close = Float64Array.from(bars.close);
	const drawn = drawingLayer(bars, options.drawings, theme, 'lineChart', 'sessions');
	const chart = interactive({
		document: options.document,
		theme,
		...dateAxis(x),
		log: options.log,
		label: options.title ?? 'line chart',
		// The view's y fit, not the drawings (lines run on to the last bar), sets the price axis.
		fit: (span, log) => fitY([{ x, low: close }], span, { log }),
		readout: (at) => `${formatX(x[nearestRow(x, at)], true)}  close ${formatValue(close[nearestRow(x, at)])}`,
		render: ({ span, x: domain, y, log, live }) => {
			const [start, end] = visibleRows(x, span);
			const keep = thinLine(x, [close], start, end, COLUMNS);
			const figure = Plot.plot({
				...basePlotOptions(options, theme),
				clip: true,
				x: { domain },
				y: { label: 'close', type: log ? 'log' : 'linear', ...(y ? { domain: y } : {}) },
				marks: [...(live ? [] : [Plot.lineY(keep, { x: (i: number) => bars.dates[i], y: (i: number) => close[i], stroke: theme.foreground })]), ...drawn.marks]
			});
			// While the view moves the line goes on a canvas (as candles do, see drawOnCanvas); at rest, SVG.
			if (live) {
				drawOnCanvas(figure as never, (context, px, py) => {
					context.strokeStyle = theme.foreground;
					context.lineWidth = 1.5;
					context.beginPath();
					keep.forEach((i, n) => (n ? context.lineTo(px(bars.dates[i]), py(close[i])) : context.moveTo(px(bars.dates[i]), py(close[i]))));
					context.stroke();
				});
			}
			return figure;
		}
	});
	markDrawable(chart, { chart: 'lineChart', element: chart, bars, drawings: options.drawings ?? [], resolved: drawn.resolved });
	return chart;
}
