import * as Plot from '@observablehq/plot';
import type { EventStudy } from '../research/events/event-study.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';

/**
 * Forward-return distributions after the events against the baseline, one row of box plots
 * per horizon, with the events' mean and its bootstrap interval marked.
 *
 * @example
 * eventStudyChart(eventStudy(iwm, newHigh(), { horizons: [21, 63] }))
 */
export function eventStudyChart(study: EventStudy, options: ChartOptions = {}): SVGSVGElement | HTMLElement {
	if (!study?.returns) throw new Error('eventStudyChart: expected the result of eventStudy(table, condition)');
	const theme = resolveTheme(options.theme);
	const horizons = Object.keys(study.returns).map(Number);
	const rows = horizons.flatMap((h) => [
		...Array.from(study.returns[h].events, (r) => ({ horizon: `${h} sessions`, group: 'events', r })),
		...Array.from(study.returns[h].baseline, (r) => ({ horizon: `${h} sessions`, group: 'baseline', r }))
	]);
	const stats = horizons.map((h) => ({ ...study.byHorizon[h], horizon: `${h} sessions`, group: 'events' }));
	return Plot.plot({
		...basePlotOptions(options, theme),
		height: options.height ?? 120 + 90 * horizons.length,
		x: { label: 'forward return', tickFormat: '+.0%' },
		y: { label: null },
		fy: { label: null },
		color: { domain: ['events', 'baseline'], range: [theme.accent, theme.muted] },
		marks: [
			Plot.ruleX([0], { stroke: theme.muted }),
			Plot.boxX(rows, { x: 'r', y: 'group', fy: 'horizon', stroke: 'group', fill: 'group', fillOpacity: 0.2, r: 1.5 }),
			Plot.ruleY(stats, { x1: 'ciLow', x2: 'ciHigh', y: 'group', fy: 'horizon', stroke: theme.foreground, strokeWidth: 3 }),
			Plot.dot(stats, { x: 'mean', y: 'group', fy: 'horizon', fill: theme.foreground, tip: true, channels: { n: 'n', pValue: 'pValue', hitRate: 'hitRate' } })
		]
	});
}
