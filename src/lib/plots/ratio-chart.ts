import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { sma } from '../research/indicators/sma.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { rowsOf } from './rows.js';

/**
 * A relative-strength line (the output of `ratio(a, b)`) with an optional moving average.
 *
 * @example
 * ratioChart(ratio(iwm, qqq), { average: 50, title: 'IWM / QQQ' })
 */
export function ratioChart(ratioTable: ColumnTable, options: ChartOptions & { average?: number } = {}): SVGSVGElement | HTMLElement {
	const theme = resolveTheme(options.theme);
	const rows = rowsOf(ratioTable, 'ratioChart');
	if (!rows.length || !('ratio' in rows[0])) throw new Error("ratioChart: expected the table from ratio(a, b) (columns date, ratio)");
	const marks: Plot.Markish[] = [
		Plot.lineY(rows, { x: 'date', y: 'ratio', stroke: theme.accent }),
		Plot.crosshairX(rows, { x: 'date', y: 'ratio' }),
		Plot.tip(rows, Plot.pointerX({ x: 'date', y: 'ratio' }))
	];
	if (options.average) {
		const avg = sma(rows.map((r) => r.ratio as number), options.average);
		marks.splice(1, 0, Plot.lineY(rows, { x: 'date', y: (_: unknown, i: number) => avg[i], stroke: theme.muted, strokeDasharray: '4,3' }));
	}
	return Plot.plot({ ...basePlotOptions(options, theme), y: { label: 'ratio' }, marks });
}
