import { table, type ColumnTable } from 'arquero';
import { channel, type Channel } from './channel.js';

/** One period to compare: a table and the fit's range. */
export interface SlopePeriod {
	table: ColumnTable;
	start: string | Date;
	end: string | Date;
	/** name in the summary and chart; default `start – end` */
	label?: string;
}

export interface SlopeComparison {
	channels: Channel[];
	/** one row per period: label, start, end, n, slopePerYear, r2, sigma */
	summary: ColumnTable;
	/**
	 * long form for charting: label, session (0 at each period's start), close, fit, upper, lower —
	 * all rebased to 100 at the period's first close so the periods share a start.
	 */
	paths: ColumnTable;
}

/**
 * Fits a channel to each period and lines them up from a common start (session 0, close = 100)
 * so slopes and fits can be compared side by side.
 *
 * @example
 * const cmp = compareSlopes([
 *   { table: iwm, start: '2010-08-01', end: '2011-04-30', label: '2010–11' },
 *   { table: iwm, start: '2012-11-15', end: '2013-07-31', label: '2012–13' }
 * ])
 * cmp.summary   // slopePerYear and r2 of each
 */
export function compareSlopes(periods: SlopePeriod[], options: { log?: boolean; k?: number } = {}): SlopeComparison {
	if (!Array.isArray(periods) || periods.length < 2) throw new Error('compareSlopes: give at least two periods');
	const labels = periods.map((p) => p.label ?? `${String(p.start)} – ${String(p.end)}`);
	const channels = periods.map((p) => channel(p.table, { start: p.start, end: p.end, ...options }));
	const paths: Record<string, unknown[]> = { label: [], session: [], close: [], fit: [], upper: [], lower: [] };
	channels.forEach((c, j) => {
		const base = c.close[0];
		const scale = (v: number) => (v / base) * 100;
		for (let i = 0; i < c.n; i++) {
			paths.label.push(labels[j]);
			paths.session.push(i);
			paths.close.push(scale(c.close[i]));
			paths.fit.push(scale(c.line[i]));
			paths.upper.push(scale(c.bands.upper[i]));
			paths.lower.push(scale(c.bands.lower[i]));
		}
	});
	return {
		channels,
		summary: table({
			label: labels,
			start: channels.map((c) => c.start),
			end: channels.map((c) => c.end),
			n: channels.map((c) => c.n),
			slopePerYear: channels.map((c) => c.slopePerYear),
			r2: channels.map((c) => c.r2),
			sigma: channels.map((c) => c.sigma)
		}),
		paths: table(paths as never)
	};
}
