import type { ColumnTable } from 'arquero';
import { dateColumn, numberColumn, requireInteger } from '../input.js';
import { isPivot } from '../indicators/swings.js';
import type { Condition } from './conditions.js';

/** A bar of a pattern: its row, date and close. */
export interface PatternPoint {
	index: number;
	date: Date;
	price: number;
}

/** One cup and handle found by {@link findCupAndHandles}. Depths are fractions (0.3 = 30%). */
export interface CupAndHandle {
	leftRim: PatternPoint;
	bottom: PatternPoint;
	rightRim: PatternPoint;
	/** the lowest close after the right rim (up to the breakout, or to the last bar); null before any bar */
	handleLow: PatternPoint | null;
	/** 1 − bottom / left rim */
	depth: number;
	/** 1 − handle low / right rim (0 without a handle bar yet) */
	handleDepth: number;
	/** right rim index − left rim index, in bars */
	cupBars: number;
	/** bars from the right rim to the breakout (or to the last bar), excluding both */
	handleBars: number;
	/** the right rim's close (the handle's top, O'Neil's pivot point): a close above it is the breakout */
	level: number;
	/** the first close above `level`, or null while the pattern is still forming at the end of the data */
	breakout: PatternPoint | null;
}

export interface CupAndHandleOptions {
	/** bars on each side that make a rim a swing high of the close (default 2) */
	pivot?: number;
	/** bars from left rim to right rim (defaults 7 and 65: O'Neil's 7–65 weeks on weekly bars) */
	minCupBars?: number;
	maxCupBars?: number;
	/** cup depth below the left rim (defaults 0.12 and 0.5) */
	minDepth?: number;
	maxDepth?: number;
	/** the right rim within this fraction of the left rim, above or below (default 0.05) */
	rimTolerance?: number;
	/** handle bars between the right rim and the breakout (defaults 1 and 20) */
	minHandleBars?: number;
	maxHandleBars?: number;
	/** handle low at most this far below the right rim (default 0.15) */
	maxHandleDepth?: number;
}

interface Settings extends Required<CupAndHandleOptions> {}

function settings(options: CupAndHandleOptions, fn: string): Settings {
	const s: Settings = {
		pivot: 2, minCupBars: 7, maxCupBars: 65, minDepth: 0.12, maxDepth: 0.5, rimTolerance: 0.05,
		minHandleBars: 1, maxHandleBars: 20, maxHandleDepth: 0.15, ...options
	};
	requireInteger(s.pivot, 'pivot', fn);
	requireInteger(s.minCupBars, 'minCupBars', fn);
	requireInteger(s.maxCupBars, 'maxCupBars', fn);
	requireInteger(s.minHandleBars, 'minHandleBars', fn, 0);
	requireInteger(s.maxHandleBars, 'maxHandleBars', fn, 0);
	if (s.maxCupBars < s.minCupBars) throw new Error(`${fn}: maxCupBars (${s.maxCupBars}) is below minCupBars (${s.minCupBars})`);
	if (s.maxHandleBars < s.minHandleBars) throw new Error(`${fn}: maxHandleBars (${s.maxHandleBars}) is below minHandleBars (${s.minHandleBars})`);
	for (const key of ['minDepth', 'maxDepth', 'rimTolerance', 'maxHandleDepth'] as const) {
		if (!(s[key] >= 0 && s[key] < 1)) throw new Error(`${fn}: ${key} must be a fraction from 0 to 1 (0.3 = 30%), got ${s[key]}`);
	}
	if (s.maxDepth < s.minDepth) throw new Error(`${fn}: maxDepth (${s.maxDepth}) is below minDepth (${s.minDepth})`);
	return s;
}

/**
 * Cups with handles in the closes, by this exact definition (all prices are closes):
 *
 * - **rims**: the left rim L and the right rim R are swing highs of the close (`pivot` bars on
 *   each side, as in {@link swingPoints}), `minCupBars` to `maxCupBars` bars apart, with the right
 *   rim within `rimTolerance` of the left (above or below);
 * - **cup**: no close between the rims above the left rim; its bottom is the lowest close between
 *   them, and no close from the bottom to R is above R; depth = 1 − bottom / left rim, from
 *   `minDepth` to `maxDepth`;
 * - **handle**: the bars after R up to the breakout; none closes above R, the lowest is at most
 *   `maxHandleDepth` below R and stays in the upper half of the right side (at or above
 *   (R + bottom) / 2);
 * - **breakout**: the first close above R (`level`, the handle's top: O'Neil's pivot point) after
 *   `minHandleBars` to `maxHandleBars` handle bars. A handle too deep or too long ends the
 *   pattern, as does a close above R before `minHandleBars` bars.
 *
 * For a right rim, the widest cup (earliest valid left rim) is kept; a breakout bar is reported
 * once. A pattern whose handle is still valid at the last bar is returned with `breakout: null`.
 * Nothing after the breakout bar is used, so the breakouts are events without look-ahead. Defaults
 * suit weekly bars.
 *
 * @example
 * const kre = await loadSeries('KRE', { interval: 'week' })
 * findCupAndHandles(kre, { maxHandleBars: 26 }).at(-1)   // the latest cup: rims, bottom, handle, breakout
 */
export function findCupAndHandles(table: ColumnTable, options: CupAndHandleOptions = {}): CupAndHandle[] {
	const s = settings(options, 'findCupAndHandles');
	const close = numberColumn(table, 'close', 'findCupAndHandles');
	const dates = dateColumn(table, 'findCupAndHandles');
	return detect(close, s).map((p) => {
		const point = (i: number): PatternPoint => ({ index: i, date: dates[i], price: close[i] });
		const end = p.breakout ?? close.length;
		return {
			leftRim: point(p.left),
			bottom: point(p.bottom),
			rightRim: point(p.right),
			handleLow: p.handleLow < 0 ? null : point(p.handleLow),
			depth: 1 - close[p.bottom] / close[p.left],
			handleDepth: p.handleLow < 0 ? 0 : 1 - close[p.handleLow] / close[p.right],
			cupBars: p.right - p.left,
			handleBars: end - p.right - 1,
			level: close[p.right],
			breakout: p.breakout === null ? null : point(p.breakout)
		};
	});
}

/**
 * The breakout bar of a cup and handle (see {@link findCupAndHandles} for the definition and
 * options): the first close above the higher rim after a valid handle.
 *
 * @example
 * const kre = await loadSeries('KRE', { interval: 'week' })
 * eventStudy(kre, cupAndHandle(), { horizons: [4, 13, 26] })
 */
export function cupAndHandle(options: CupAndHandleOptions = {}): Condition {
	const s = settings(options, 'cupAndHandle');
	return ({ close }) => {
		const mask = new Uint8Array(close.length);
		for (const p of detect(close, s)) if (p.breakout !== null) mask[p.breakout] = 1;
		return mask;
	};
}

interface Found {
	left: number;
	bottom: number;
	right: number;
	handleLow: number;
	breakout: number | null;
}

function detect(close: Float64Array, s: Settings): Found[] {
	const n = close.length;
	const rims: number[] = [];
	for (let i = s.pivot; i + s.pivot < n; i++) if (isPivot(close, i, s.pivot, s.pivot, 1)) rims.push(i);
	const found: Found[] = [];
	const seen = new Set<number>();
	for (const right of rims) {
		const cup = widestCup(close, rims, right, s);
		if (!cup) continue;
		const handle = handleAfter(close, right, cup.bottom, s);
		if (!handle) continue;
		const key = handle.breakout ?? -1;
		if (seen.has(key)) continue;
		seen.add(key);
		found.push({ ...cup, right, ...handle });
	}
	return found;
}

function widestCup(close: Float64Array, rims: number[], right: number, s: Settings): { left: number; bottom: number } | null {
	for (const left of rims) {
		const bars = right - left;
		if (bars > s.maxCupBars) continue;
		if (bars < s.minCupBars) break;
		if (Math.abs(close[right] / close[left] - 1) > s.rimTolerance) continue;
		let bottom = left + 1;
		let capped = true;
		for (let i = left + 1; i < right && capped; i++) {
			capped = close[i] <= close[left];
			if (close[i] < close[bottom]) bottom = i;
		}
		for (let i = bottom; i < right && capped; i++) capped = close[i] <= close[right];
		const depth = 1 - close[bottom] / close[left];
		if (capped && depth >= s.minDepth && depth <= s.maxDepth) return { left, bottom };
	}
	return null;
}

function handleAfter(close: Float64Array, right: number, bottom: number, s: Settings): { handleLow: number; breakout: number | null } | null {
	const floor = Math.max(close[right] * (1 - s.maxHandleDepth), (close[right] + close[bottom]) / 2);
	let handleLow = -1;
	for (let k = right + 1; k < close.length; k++) {
		const handleBars = k - right - 1;
		if (close[k] > close[right]) return handleBars < s.minHandleBars ? null : { handleLow, breakout: k };
		if (handleBars + 1 > s.maxHandleBars) return null;
		if (close[k] < floor) return null;
		if (handleLow < 0 || close[k] < close[handleLow]) handleLow = k;
	}
	return { handleLow, breakout: null };
}
