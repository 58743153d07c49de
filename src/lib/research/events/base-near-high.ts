import type { Condition } from './conditions.js';
import { requireInteger } from '../input.js';

/**
 * A base near the record: every one of the last `bars` closes (this bar's included) is within
 * `within` (a fraction, 0.05 = 5%) below the highest close up to this bar, i.e. close ≥
 * (1 − within) × record. Holds on every bar of such a base, so a long base gives a run of
 * sessions: use `minGap` in {@link eventStudy}, or `first: true` to keep only the first bar of each
 * run of bars where it holds.
 *
 * @example
 * const weekly = await loadSeries('XLK', { interval: 'week' })
 * conditionMask(weekly, baseNearHigh({ bars: 8, within: 0.05 })).at(-1)  // 1: eight weeks within 5% of the record
 * eventStudy(weekly, baseNearHigh({ bars: 8, within: 0.05, first: true }), { horizons: [4, 13] })
 */
export function baseNearHigh(options: { bars: number; within: number; first?: boolean }): Condition {
	const { bars, within, first = false } = options ?? {};
	requireInteger(bars, 'bars', 'baseNearHigh');
	if (!(within >= 0 && within < 1)) throw new Error(`baseNearHigh: within must be a fraction from 0 to 1 (0.05 = 5%), got ${within}`);
	return ({ close }) => {
		const mask = new Uint8Array(close.length);
		let record = -Infinity;
		// Bars since the run of closes at or above the current floor began: a new record raises
		// the floor, so the run is recounted backwards from this bar then.
		let run = 0;
		let held = false;
		for (let t = 0; t < close.length; t++) {
			if (close[t] > record) {
				record = close[t];
				const floor = record * (1 - within);
				run = 0;
				while (run <= t && close[t - run] >= floor) run++;
			} else run = close[t] >= record * (1 - within) ? run + 1 : 0;
			const holds = run >= bars;
			mask[t] = holds && !(first && t > 0 && held) ? 1 : 0;
			held = holds;
		}
		return mask;
	};
}
