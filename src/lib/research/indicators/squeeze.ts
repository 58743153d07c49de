import type { ColumnTable } from 'arquero';
import { bollinger } from './bollinger.js';
import { keltner } from './keltner.js';

/**
 * The squeeze ("compression") flag: 1 on sessions where both Bollinger bands lie inside the
 * Keltner channel (TTM-squeeze style: Bollinger 20, 2σ inside Keltner 20, 1.5·ATR), else 0.
 * Rows before both indicators exist are 0. A breakout is the first 0 after a run of 1s.
 *
 * @example
 * const on = squeeze(weeklyIwm)
 * const fired = on.map((v, i) => i > 0 && on[i - 1] === 1 && v === 0 ? 1 : 0)
 */
export function squeeze(
	table: ColumnTable,
	options: { period?: number; k?: number; multiplier?: number; atrPeriod?: number } = {}
): Uint8Array {
	const { period = 20, k = 2, multiplier = 1.5, atrPeriod = period } = options;
	const bands = bollinger(table, { period, k });
	const channel = keltner(table, { period, multiplier, atrPeriod });
	// NaN comparisons are false, so the warm-up rows come out 0 without a special case.
	return Uint8Array.from(bands.upper, (upper, i) =>
		upper < channel.upper[i] && bands.lower[i] > channel.lower[i] ? 1 : 0
	);
}
