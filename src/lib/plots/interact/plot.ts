import * as Plot from '@observablehq/plot';
import { resolveTheme, type ChartOptions } from '../theme.js';
import { fitY, type Span } from './domain.js';
import { formatValue, formatX } from './format.js';
import { interactive } from './interactive.js';
import type { InteractiveElement } from './spec.js';

interface Series {
	label: string;
	x: Float64Array;
	low: Float64Array;
	high: Float64Array;
}

type MarkLike = { data?: unknown; channels?: Record<string, { value: unknown; scale?: string }>; ariaLabel?: string };

/**
 * The opt-in helper for a notebook's own Plot figures with an x of dates (or numbers): pass the
 * options you would give `Plot.plot` and get the same figure with zoom, pan, y fitted to the
 * window, a brush whose range is the value, a log toggle and a readout of every series.
 *
 * The y fit reads each mark's x and y (or y1/y2) channels given as field names, functions or
 * arrays; a mark whose values a transform makes (stacking, binning) keeps Plot's own y extent.
 *
 * @example
 * const range = view(interactivePlot({ marks: [Plot.lineY(iwm, { x: 'date', y: 'close' })] }))
 */
export function interactivePlot(options: Plot.PlotOptions & Pick<ChartOptions, 'theme'> & { log?: boolean } = {}): InteractiveElement {
	const { theme: themeOption, log, ...plotOptions } = options;
	const series = seriesOf(options.marks ?? []);
	if (!series.length) throw new Error('interactivePlot: no mark has x and y values to zoom over (give marks like Plot.lineY(data, { x: "date", y: "close" }))');
	let lo = Infinity;
	let hi = -Infinity;
	for (const s of series) for (const v of s.x) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
	if (!(lo < hi)) throw new Error('interactivePlot: the x values span no range');
	const temporal = series.temporal;
	const userY = (options.y ?? {}) as Plot.ScaleOptions;
	return interactive({
		document: options.document,
		theme: resolveTheme(themeOption),
		full: [lo, hi],
		temporal,
		log: log ?? userY.type === 'log',
		logToggle: !(userY.domain || (userY.type && userY.type !== 'log' && userY.type !== 'linear')),
		label: typeof options.title === 'string' ? options.title : 'chart',
		fit: userY.domain ? () => undefined : (span, isLog) => fitY(series, span, { log: isLog }),
		render: ({ x, y, log: isLog }) =>
			Plot.plot({
				...plotOptions,
				clip: plotOptions.clip ?? true,
				x: { ...(options.x ?? {}), domain: x },
				y: { ...userY, ...(y ? { domain: y } : {}), ...(userY.type === undefined || userY.type === 'log' || userY.type === 'linear' ? { type: isLog ? 'log' : 'linear' } : {}) }
			}),
		readout: (at) =>
			`${formatX(at, temporal)}  ${series
				.map((s) => {
					let best = -1;
					for (let i = 0; i < s.x.length; i++) if (best < 0 || Math.abs(s.x[i] - at) < Math.abs(s.x[best] - at)) best = i;
					return `${s.label} ${formatValue(s.high[best])}`;
				})
				.join('  ')}`
	});
}

/** Each mark's points as numbers, split by its stroke/z field when it has one (one line per symbol). */
function seriesOf(marks: unknown): Series[] & { temporal: boolean } {
	const out = [] as unknown as Series[] & { temporal: boolean };
	out.temporal = false;
	const flat = ([marks] as unknown[]).flat(Infinity as 1) as MarkLike[];
	flat.forEach((mark, m) => {
		const channels = mark?.channels;
		const data = mark?.data;
		if (!channels || data === undefined || data === null) return;
		const xChannel = channels.x ?? channels.x1;
		const yLow = channels.y ?? channels.y1;
		const yHigh = channels.y ?? channels.y2 ?? channels.y1;
		if (!xChannel || !yLow || xChannel.scale !== 'x' || yLow.scale !== 'y') return;
		let xs: unknown[], lows: unknown[], highs: unknown[];
		try {
			xs = Array.from(Plot.valueof(data as Plot.Data, xChannel.value as Plot.ChannelValue) ?? []);
			lows = Array.from(Plot.valueof(data as Plot.Data, yLow.value as Plot.ChannelValue) ?? []);
			highs = yHigh === yLow ? lows : Array.from(Plot.valueof(data as Plot.Data, yHigh!.value as Plot.ChannelValue) ?? []);
		} catch {
			return;
		}
		if (!xs.length || xs.length !== lows.length) return;
		if (xs[0] instanceof Date) out.temporal = true;
		const group = channels.z ?? channels.stroke ?? channels.fill;
		const keys = group && typeof group.value === 'string' ? Array.from(Plot.valueof(data as Plot.Data, group.value) ?? []) : undefined;
		const byKey = new Map<unknown, number[]>();
		xs.forEach((_, i) => {
			const key = keys ? keys[i] : undefined;
			if (!byKey.has(key)) byKey.set(key, []);
			byKey.get(key)!.push(i);
		});
		for (const [key, rows] of byKey) {
			const label = key === undefined ? (typeof yLow.value === 'string' ? yLow.value : (mark.ariaLabel ?? `mark ${m + 1}`)) : String(key);
			out.push({
				label,
				x: Float64Array.from(rows, (i) => +(xs[i] as number)),
				low: Float64Array.from(rows, (i) => +(lows[i] as number)),
				high: Float64Array.from(rows, (i) => +(highs[i] as number))
			});
		}
	});
	return out;
}

export type { Span };
