import type { ColumnTable } from 'arquero';
import { requireInteger } from '../input.js';
import { atr } from './atr.js';
import type { Bands } from './bollinger.js';
import { ema } from './ema.js';

/**
 * Keltner channels: EMA(period) of the close ± multiplier·ATR(atrPeriod) (the modern
 * definition; Wilder ATR). NaN until both the EMA and the ATR exist.
 *
 * @example
 * const { upper, middle, lower } = keltner(iwm)   // 20, ×1.5, ATR 20
 * keltner(iwm, { period: 20, multiplier: 2, atrPeriod: 10 })
 */
export function keltner(
	table: ColumnTable,
	options: { period?: number; multiplier?: number; atrPeriod?: number } = {}
): Bands {
	const { period = 20, multiplier = 1.5, atrPeriod = period } = options;
	requireInteger(period, 'period', 'keltner');
	if (!(multiplier > 0)) throw new Error(`keltner: multiplier must be positive, got ${multiplier}`);
	const middle = ema(table, period);
	const range = atr(table, atrPeriod);
	const upper = middle.map((m, i) => m + multiplier * range[i]);
	const lower = middle.map((m, i) => m - multiplier * range[i]);
	return { middle, upper, lower, width: upper.map((u, i) => (u - lower[i]) / middle[i]) };
}
