import * as Plot from '@observablehq/plot';
import type { Channel } from '../research/channels/channel.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';
import { dateAxis, fitY, formatValue, formatX, interactive, nearestRow, visibleRows, type InteractiveElement } from './interact/index.js';

/**
 * A regression channel over its closes: the fit, the ±kσ bands (shaded) and the max-deviation
 * bands (dashed); log y-scale for a log channel. Zoom, pan and a brushed range as value.
 *
 * @example
 * channelChart(channel(iwm, { start: '2012-11-15', end: '2013-07-31' }))
 */
export function channelChart(fit: Channel, options: ChartOptions = {}): InteractiveElement {
	if (!fit?.table) throw new Error('channelChart: expected the result of channel(table, { start, end })');
	const theme = resolveTheme(options.theme);
	const rows = fit.table.objects() as Record<string, number | Date>[];
	const x = Float64Array.from(rows, (r) => +r.date);
	const column = (name: string) => Float64Array.from(rows, (r) => r[name] as number);
	const [close, fitted, lower, upper, maxLower, maxUpper] = ['close', 'fit', 'lower', 'upper', 'maxLower', 'maxUpper'].map(column);
	return interactive({
		document: options.document,
		theme,
		...dateAxis(x),
		log: fit.log,
		label: options.title ?? 'channel chart',
		fit: (span, log) => fitY([close, lower, upper, maxLower, maxUpper].map((low) => ({ x, low })), span, { log }),
		readout: (at) => {
			const i = nearestRow(x, at);
			return `${formatX(x[i], true)}  close ${formatValue(close[i])}  fit ${formatValue(fitted[i])}  band ${formatValue(lower[i])}–${formatValue(upper[i])}`;
		},
		render: ({ span, x: domain, y, log }) => {
			const [start, end] = visibleRows(x, span);
			const shown = rows.slice(start, end);
			return Plot.plot({
				...basePlotOptions(options, theme),
				clip: true,
				x: { domain },
				y: { type: log ? 'log' : 'linear', label: 'close', ...(y ? { domain: y } : {}) },
				marks: [
					Plot.areaY(shown, { x: 'date', y1: 'lower', y2: 'upper', fill: theme.band, fillOpacity: 0.12 }),
					Plot.lineY(shown, { x: 'date', y: 'maxUpper', stroke: theme.band, strokeDasharray: '4,3' }),
					Plot.lineY(shown, { x: 'date', y: 'maxLower', stroke: theme.band, strokeDasharray: '4,3' }),
					Plot.lineY(shown, { x: 'date', y: 'fit', stroke: theme.band }),
					Plot.lineY(shown, { x: 'date', y: 'close', stroke: theme.foreground })
				]
			});
		}
	});
}
