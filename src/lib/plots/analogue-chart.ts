import * as Plot from '@observablehq/plot';
import type { AnalogueSearch } from '../research/analogues/analogues.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';

/**
 * The reference path over its analogues and what followed them, each rebased to 100 at its
 * window start; a rule marks the end of the window.
 *
 * @example
 * analogueChart(analogues(iwm, { window: 120 }))
 */
export function analogueChart(search: AnalogueSearch, options: ChartOptions = {}): SVGSVGElement | HTMLElement {
	if (!search?.paths) throw new Error('analogueChart: expected the result of analogues(table, { window })');
	const theme = resolveTheme(options.theme);
	const rows = search.paths.objects() as { label: string; session: number; value: number }[];
	const window = rows.filter((r) => r.label === 'reference').length;
	const labels = [...new Set(rows.map((r) => r.label))];
	return Plot.plot({
		...basePlotOptions(options, theme),
		x: { label: 'sessions from window start' },
		y: { type: 'log', label: 'rebased (100 = window start)' },
		color: { legend: true, domain: labels, range: [theme.foreground, ...theme.palette] },
		marks: [
			Plot.ruleX([window - 1], { stroke: theme.muted, strokeDasharray: '4,3' }),
			Plot.lineY(rows.filter((r) => r.label !== 'reference'), { x: 'session', y: 'value', stroke: 'label', strokeOpacity: 0.7 }),
			Plot.lineY(rows.filter((r) => r.label === 'reference'), { x: 'session', y: 'value', stroke: 'label', strokeWidth: 2.5 }),
			Plot.tip(rows, Plot.pointer({ x: 'session', y: 'value', stroke: 'label' }))
		]
	});
}
