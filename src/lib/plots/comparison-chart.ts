import * as Plot from '@observablehq/plot';
import type { ColumnTable } from 'arquero';
import { rebase } from '../research/comparisons/rebase.js';
import type { DateLike } from '../research/input.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';

/**
 * Several symbols rebased to 100 at the first (or `at`) session on one chart, optionally on a
 * log scale, with a pointer tip and crosshair.
 *
 * @example
 * comparisonChart({ IWM: iwm, QQQ: qqq }, { at: '2013-01-02', log: true })
 */
export function comparisonChart(
	tables: Record<string, ColumnTable>,
	options: ChartOptions & { at?: DateLike; log?: boolean } = {}
): SVGSVGElement | HTMLElement {
	const symbols = Object.keys(tables ?? {});
	if (symbols.length === 0) throw new Error('comparisonChart: give at least one table, e.g. { IWM: iwm }');
	const theme = resolveTheme(options.theme);
	const rows = symbols.flatMap((symbol) =>
		(rebase(tables[symbol], { at: options.at }).select('date', 'close').objects() as { date: Date; close: number }[]).map((r) => ({ symbol, ...r }))
	);
	return Plot.plot({
		...basePlotOptions(options, theme),
		y: { type: options.log ? 'log' : 'linear', label: 'rebased (100 = start)' },
		color: { legend: true, domain: symbols, range: theme.palette },
		marks: [
			Plot.ruleY([100], { stroke: theme.muted }),
			Plot.lineY(rows, { x: 'date', y: 'close', stroke: 'symbol' }),
			Plot.crosshairX(rows, { x: 'date', y: 'close' }),
			Plot.tip(rows, Plot.pointerX({ x: 'date', y: 'close', stroke: 'symbol' }))
		]
	});
}
