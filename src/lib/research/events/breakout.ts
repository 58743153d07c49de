import type { Condition } from './conditions.js';
import { numberColumn, requireInteger } from '../input.js';
import { isPivot } from '../indicators/swings.js';

export interface BreakoutOptions {
	/** a fixed zone [low, high]: the breakout is the first close above `high` after a close at or below it */
	zone?: [number, number];
	/** bars on each side that make a swing high (default 5); a swing is known `pivot` bars after it */
	pivot?: number;
	/** a zone spans at most this fraction above its lowest swing high (default 0.015, as supportResistance) */
	tolerance?: number;
	/** swing highs a zone needs (default 2) */
	minTouches?: number;
	/** only swing highs of the last `lookback` bars count (default 252) */
	lookback?: number;
}

/**
 * A breakout above a resistance zone. Without `zone`, the zones are found as the chart showed
 * them at each bar: the swing highs (of the `high` column when there is one, else the close)
 * confirmed by the previous bar and within the last `lookback` bars, grouped by price as in
 * {@link supportResistance} (a zone spans at most `tolerance` above its lowest swing high) and
 * kept with `minTouches` swings or more. The condition holds on the first close above a zone's
 * top when no close since the zone's first swing high went above that top (the zone held as
 * resistance until then). With `zone: [low, high]` it is the first close above `high` after a
 * close at or below it.
 *
 * @example
 * const kre = await loadSeries('KRE', { interval: 'week' })
 * conditionMask(kre, breakout({ zone: [63, 70] }))
 * eventStudy(kre, breakout({ pivot: 3, lookback: 156 }), { horizons: [4, 13, 26] })
 */
export function breakout(options: BreakoutOptions = {}): Condition {
	const { zone, pivot = 5, tolerance = 0.015, minTouches = 2, lookback = 252 } = options ?? {};
	if (zone !== undefined) {
		if (!Array.isArray(zone) || zone.length !== 2 || !zone.every(Number.isFinite) || zone[0] > zone[1]) {
			throw new Error(`breakout: zone must be [low, high] with low ≤ high, got ${JSON.stringify(zone)}`);
		}
		const top = zone[1];
		return ({ close }) => Uint8Array.from(close, (c, i) => (i > 0 && c > top && close[i - 1] <= top ? 1 : 0));
	}
	requireInteger(pivot, 'pivot', 'breakout');
	requireInteger(minTouches, 'minTouches', 'breakout');
	requireInteger(lookback, 'lookback', 'breakout');
	if (!(tolerance >= 0)) throw new Error(`breakout: tolerance must be ≥ 0, got ${tolerance}`);
	return ({ table, close }) => {
		const highs = numberColumn(table, table.columnNames().includes('high') ? 'high' : 'close', 'breakout');
		const swings: number[] = [];
		for (let i = pivot; i + pivot < highs.length; i++) if (isPivot(highs, i, pivot, pivot, 1)) swings.push(i);
		const mask = new Uint8Array(close.length);
		const maxClose = rangeMax(close);
		let first = 0;
		let known = 0;
		for (let t = 1; t < close.length; t++) {
			while (known < swings.length && swings[known] + pivot <= t - 1) known++;
			while (first < known && swings[first] < t - lookback) first++;
			const active = swings.slice(first, known).sort((a, b) => highs[a] - highs[b]);
			for (let z = 0; z < active.length; ) {
				let end = z + 1;
				while (end < active.length && highs[active[end]] <= highs[active[z]] * (1 + tolerance)) end++;
				const top = highs[active[end - 1]];
				const since = Math.min(...active.slice(z, end));
				if (end - z >= minTouches && close[t] > top && maxClose(since, t - 1) <= top) {
					mask[t] = 1;
					break;
				}
				z = end;
			}
		}
		return mask;
	};
}

/** Range maximum over [from, to] of the values, O(1) per query after an O(n log n) table. */
function rangeMax(values: Float64Array): (from: number, to: number) => number {
	const levels: Float64Array[] = [values];
	for (let span = 1; span * 2 <= values.length; span *= 2) {
		const prev = levels[levels.length - 1];
		levels.push(Float64Array.from({ length: values.length - span * 2 + 1 }, (_, i) => Math.max(prev[i], prev[i + span])));
	}
	return (from, to) => {
		const k = Math.floor(Math.log2(to - from + 1));
		return Math.max(levels[k][from], levels[k][to - (1 << k) + 1]);
	};
}
