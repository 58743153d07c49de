import type { ColumnTable } from 'arquero';
import { dateColumn, numberColumn, sessionOnOrBefore, type DateLike } from '../input.js';
import { swingPoints, type SwingPoint } from './swings.js';

export interface PriceZone {
	/** lowest and highest swing price in the zone */
	low: number;
	high: number;
	mid: number;
	/** the swing highs and lows that fall in the zone, oldest first */
	touches: SwingPoint[];
	/** 'support' when the zone is below the last close (as of `asOf`), else 'resistance' */
	kind: 'support' | 'resistance';
	/** (mid − last close) / last close, the close as of `asOf` */
	distance: number;
}

/**
 * Support and resistance zones: swing highs and lows (see {@link swingPoints}) clustered by
 * price, a zone spanning at most `tolerance` (relative, default 1.5%) above its lowest swing.
 * Zones with fewer than `minTouches` swings are dropped; the rest are sorted by distance from
 * the last close, nearest first. `asOf` asks what the chart showed on an earlier session: only
 * bars up to it are used, so a swing confirmed later (it needs `right` bars after it) is not
 * seen — no look-ahead when testing what zones said at the time.
 *
 * @example
 * const zones = supportResistance(weeklyIwm, { left: 3, right: 3 })
 * const nearestSupport = zones.find((z) => z.kind === 'support')
 * const then = supportResistance(weeklyIwm, { left: 3, right: 3, asOf: '2021-11-12' })
 */
export function supportResistance(
	source: ColumnTable,
	options: { left?: number; right?: number; tolerance?: number; minTouches?: number; asOf?: DateLike } = {}
): PriceZone[] {
	const { tolerance = 0.015, minTouches = 2, asOf, ...swingOptions } = options;
	if (!(tolerance >= 0)) throw new Error(`supportResistance: tolerance must be ≥ 0, got ${tolerance}`);
	const table = asOf === undefined ? source : source.slice(0, sessionOnOrBefore(dateColumn(source, 'supportResistance'), asOf, 'supportResistance') + 1);
	const close = numberColumn(table, 'close', 'supportResistance');
	const last = close[close.length - 1];
	const { highs, lows } = swingPoints(table, swingOptions);
	const points = [...highs, ...lows].sort((a, b) => a.price - b.price);
	const clusters: SwingPoint[][] = [];
	for (const point of points) {
		const current = clusters.at(-1);
		if (current && point.price <= current[0].price * (1 + tolerance)) current.push(point);
		else clusters.push([point]);
	}
	return clusters
		.filter((touches) => touches.length >= minTouches)
		.map((touches) => {
			const low = touches[0].price;
			const high = touches[touches.length - 1].price;
			const mid = (low + high) / 2;
			return {
				low,
				high,
				mid,
				touches: touches.sort((a, b) => a.index - b.index),
				kind: mid < last ? ('support' as const) : ('resistance' as const),
				distance: (mid - last) / last
			};
		})
		.sort((a, b) => Math.abs(a.distance) - Math.abs(b.distance));
}
