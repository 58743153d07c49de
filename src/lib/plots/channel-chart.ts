import * as Plot from '@observablehq/plot';
import type { Channel } from '../research/channels/channel.js';
import { basePlotOptions, resolveTheme, type ChartOptions } from './theme.js';

/**
 * A regression channel over its closes: the fit, the ±kσ bands (shaded) and the max-deviation
 * bands (dashed); log y-scale for a log channel.
 *
 * @example
 * channelChart(channel(iwm, { start: '2012-11-15', end: '2013-07-31' }))
 */
export function channelChart(fit: Channel, options: ChartOptions = {}): SVGSVGElement | HTMLElement {
	if (!fit?.table) throw new Error('channelChart: expected the result of channel(table, { start, end })');
	const theme = resolveTheme(options.theme);
	const rows = fit.table.objects();
	return Plot.plot({
		...basePlotOptions(options, theme),
		y: { type: fit.log ? 'log' : 'linear', label: 'close' },
		marks: [
			Plot.areaY(rows, { x: 'date', y1: 'lower', y2: 'upper', fill: theme.band, fillOpacity: 0.12 }),
			Plot.lineY(rows, { x: 'date', y: 'maxUpper', stroke: theme.band, strokeDasharray: '4,3' }),
			Plot.lineY(rows, { x: 'date', y: 'maxLower', stroke: theme.band, strokeDasharray: '4,3' }),
			Plot.lineY(rows, { x: 'date', y: 'fit', stroke: theme.band }),
			Plot.lineY(rows, { x: 'date', y: 'close', stroke: theme.foreground }),
			Plot.crosshairX(rows, { x: 'date', y: 'close' }),
			Plot.tip(rows, Plot.pointerX({ x: 'date', y: 'close', channels: { fit: 'fit', upper: 'upper', lower: 'lower' } }))
		]
	});
}
