import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { sma } from '../research/indicators/sma.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { rowsOf } from './rows.js';
import { dateAxis, fitY, formatValue, formatX, interactive, nearestRow, thinLine, visibleRows, type InteractiveElement } from './interact/index.js';

/**
 * A relative-strength line (the output of `ratio(a, b)`) with an optional moving average, with
 * zoom, pan and a brushed range as value.
 *
 * @example
 * ratioChart(ratio(iwm, qqq), { average: 50, title: 'IWM / QQQ' })
 */
export function ratioChart(ratioTable: ColumnTable, options: ChartOptions & { average?: number } = {}): InteractiveElement {
	const theme = resolveTheme(options.theme);
	const rows = rowsOf(ratioTable, 'ratioChart');
	if (!rows.length || !('ratio' in rows[0])) throw new Error("ratioChart: expected the table from ratio(a, b) (columns date, ratio)");
	const x = Float64Array.from(rows, (r) => +(r.date as Date));
	const ratio = Float64Array.from(rows, (r) => r.ratio as number);
	const avg = options.average ? sma(ratio, options.average) : undefined;
	return interactive({
		document: options.document,
		theme,
		...dateAxis(x),
		label: options.title ?? 'ratio chart',
		fit: (span, log) => fitY([{ x, low: ratio }, ...(avg ? [{ x, low: avg }] : [])], span, { log }),
		readout: (at) => {
			const i = nearestRow(x, at);
			return `${formatX(x[i], true)}  ratio ${formatValue(ratio[i])}${avg ? `  average ${formatValue(avg[i])}` : ''}`;
		},
		render: ({ span, x: domain, y, log }) => {
			const [start, end] = visibleRows(x, span);
			const shown = thinLine(x, avg ? [ratio, avg] : [ratio], start, end, 700).map((i) => ({ date: new Date(x[i]), ratio: ratio[i], average: avg?.[i] }));
			const marks: Plot.Markish[] = [Plot.lineY(shown, { x: 'date', y: 'ratio', stroke: theme.accent })];
			if (avg) marks.push(Plot.lineY(shown, { x: 'date', y: 'average', stroke: theme.muted, strokeDasharray: '4,3' }));
			return Plot.plot({ ...basePlotOptions(options, theme), clip: true, x: { domain }, y: { label: 'ratio', type: log ? 'log' : 'linear', ...(y ? { domain: y } : {}) }, marks });
		}
	});
}
