import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { rebase } from '../research/comparisons/rebase.js';
import type { DateLike } from '../research/input.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { drawOnCanvas, fitY, formatValue, formatX, interactive, nearestRow, thinLine, visibleRows, type InteractiveElement } from './interact/index.js';

/** Pixel columns a line is thinned to (see thinLine): about the width of the plot. */
const COLUMNS = 700;

/**
 * Several symbols rebased to 100 at the first (or `at`) session on one chart, optionally on a
 * log scale, with zoom, pan, a brushed range as value and a readout of every symbol.
 *
 * @example
 * comparisonChart({ IWM: iwm, QQQ: qqq }, { at: '2013-01-02', log: true })
 */
export function comparisonChart(tables: Record<string, ColumnTable>, options: ChartOptions & { at?: DateLike; log?: boolean } = {}): InteractiveElement {
	const symbols = Object.keys(tables ?? {});
	if (symbols.length === 0) throw new Error('comparisonChart: give at least one table, e.g. { IWM: iwm }');
	const theme = resolveTheme(options.theme);
	const lines = symbols.map((symbol) => {
		const rows = rebase(tables[symbol], { at: options.at }).select('date', 'close').objects() as { date: Date; close: number }[];
		return { symbol, rows, x: Float64Array.from(rows, (r) => +r.date), y: Float64Array.from(rows, (r) => r.close) };
	});
	const all = lines.flatMap((l) => [l.x[0], l.x[l.x.length - 1]]).filter(Number.isFinite);
	return interactive({
		document: options.document,
		theme,
		full: [Math.min(...all), Math.max(...all)],
		temporal: true,
		snap: lines[0].x,
		log: options.log,
		label: options.title ?? 'comparison chart',
		fit: (span, log) => fitY(lines.map((l) => ({ x: l.x, low: l.y })), span, { log }),
		readout: (at) => `${formatX(at, true)}  ${lines.map((l) => `${l.symbol} ${l.x.length ? formatValue(l.y[nearestRow(l.x, at)]) : '–'}`).join('  ')}`,
		render: ({ span, x, y, log, live }) => {
			const shown = lines.map((l) => {
				const [start, end] = visibleRows(l.x, span);
				return { ...l, keep: thinLine(l.x, [l.y], start, end, COLUMNS) };
			});
			// While the view moves the lines go on a canvas (as candles do, see drawOnCanvas); at rest, SVG.
			const figure = Plot.plot({
				...basePlotOptions(options, theme),
				clip: true,
				x: { domain: x },
				y: { type: log ? 'log' : 'linear', label: 'rebased (100 = start)', ...(y ? { domain: y } : {}) },
				color: { legend: true, domain: symbols, range: theme.palette },
				marks: [
					Plot.ruleY([100], { stroke: theme.muted }),
					...(live ? [] : [Plot.lineY(shown.flatMap((l) => l.keep.map((i) => ({ symbol: l.symbol, ...l.rows[i] }))), { x: 'date', y: 'close', stroke: 'symbol' })])
				]
			});
			if (live) {
				drawOnCanvas(figure as never, (context, px, py) => {
					context.lineWidth = 1.5;
					shown.forEach((l, k) => {
						context.strokeStyle = theme.palette[k % theme.palette.length];
						context.beginPath();
						l.keep.forEach((i, n) => (n ? context.lineTo(px(l.rows[i].date), py(l.y[i])) : context.moveTo(px(l.rows[i].date), py(l.y[i]))));
						context.stroke();
					});
				});
			}
			return figure;
		}
	});
}
