import * as Plot from '@observablehq/plot';
import type { AnalogueSearch } from '../research/analogues/analogues.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { fitY, formatValue, interactive, nearestRow, type InteractiveElement } from './interact/index.js';

/**
 * The reference path over its analogues and what followed them, each rebased to 100 at its
 * window start; a rule marks the end of the window. Zoom and pan over sessions.
 *
 * @example
 * analogueChart(analogues(iwm, { window: 120 }))
 */
export function analogueChart(search: AnalogueSearch, options: ChartOptions = {}): InteractiveElement {
	if (!search?.paths) throw new Error('analogueChart: expected the result of analogues(table, { window })');
	const theme = resolveTheme(options.theme);
	const rows = search.paths.objects() as { label: string; session: number; value: number }[];
	const window = rows.filter((r) => r.label === 'reference').length;
	const labels = [...new Set(rows.map((r) => r.label))];
	const paths = labels.map((label) => {
		const own = rows.filter((r) => r.label === label).sort((a, b) => a.session - b.session);
		return { label, x: Float64Array.from(own, (r) => r.session), y: Float64Array.from(own, (r) => r.value) };
	});
	const sessions = rows.map((r) => r.session);
	const longest = paths.reduce((a, b) => (b.x.length > a.x.length ? b : a));
	return interactive({
		document: options.document,
		theme,
		full: [Math.min(...sessions), Math.max(...sessions)],
		temporal: false,
		snap: longest.x,
		log: true,
		label: options.title ?? 'analogue chart',
		fit: (span, log) => fitY(paths.map((p) => ({ x: p.x, low: p.y })), span, { log }),
		readout: (at) => `session ${Math.round(at)}  ${paths.map((p) => `${p.label} ${p.x.length && Math.abs(p.x[nearestRow(p.x, at)] - at) < 0.5 ? formatValue(p.y[nearestRow(p.x, at)]) : '–'}`).join('  ')}`,
		render: ({ x, y, log }) =>
			Plot.plot({
				...basePlotOptions(options, theme),
				clip: true,
				x: { label: 'sessions from window start', domain: x },
				y: { type: log ? 'log' : 'linear', label: 'rebased (100 = window start)', ...(y ? { domain: y } : {}) },
				color: { legend: true, domain: labels, range: [theme.foreground, ...theme.palette] },
				marks: [
					Plot.ruleX([window - 1], { stroke: theme.muted, strokeDasharray: '4,3' }),
					Plot.lineY(rows.filter((r) => r.label !== 'reference'), { x: 'session', y: 'value', stroke: 'label', strokeOpacity: 0.7 }),
					Plot.lineY(rows.filter((r) => r.label === 'reference'), { x: 'session', y: 'value', stroke: 'label', strokeWidth: 2.5 })
				]
			})
	});
}
