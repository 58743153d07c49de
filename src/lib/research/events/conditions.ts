import type { ColumnTable } from 'arquero';
import { dateColumn, numberColumn } from '../input.js';
import { streaks } from '../indicators/streaks.js';
import { bySymbol, isLong, type SymbolSlice } from '../universe/by-symbol.js';

/** What a condition sees: the table and its close, read once. */
export interface ConditionInput {
	table: ColumnTable;
	close: Float64Array;
}

/** A rule marking sessions: 1 where it holds, 0 elsewhere, aligned to the table's rows. */
export type Condition = (input: ConditionInput) => Uint8Array;

/** A condition, or a ready-made mask aligned to the rows (e.g. `squeeze(t)` or booleans). */
export type ConditionLike = Condition | ArrayLike<number | boolean>;

/** A price level: a constant, values aligned to the rows, or a function of the table (e.g. `t => sma(t, 200)`). */
export type Level = number | ArrayLike<number> | ((table: ColumnTable) => ArrayLike<number>);

/**
 * The sessions where a condition holds, as a 0/1 mask aligned to the table.
 *
 * A long table with a `symbol` column (as `SELECT * FROM prices` returns it) is taken per symbol:
 * the condition sees one symbol's rows at a time, in date order (so a new high is that symbol's,
 * and a level function such as `t => sma(t, 200)` gets that symbol's table), and the mask comes
 * back aligned to the long table's rows.
 *
 * @example
 * const mask = conditionMask(iwm, newHigh())
 * mask.reduce((a, b) => a + b)   // number of new closing highs
 * conditionMask(universe, cupAndHandle())   // per symbol, aligned to universe's rows
 */
export function conditionMask(table: ColumnTable, condition: ConditionLike): Uint8Array {
	if (isLong(table)) return longMask(bySymbol(table, 'conditionMask'), table.numRows(), condition, 'conditionMask');
	const close = numberColumn(table, 'close', 'conditionMask');
	dateColumn(table, 'conditionMask');
	return evaluate({ table, close }, condition, 'conditionMask');
}

/** A condition evaluated per symbol, scattered back to the long table's rows. */
export function longMask(slices: SymbolSlice[], rows: number, condition: ConditionLike, fn: string): Uint8Array {
	if (typeof condition !== 'function' && condition?.length !== rows) {
		throw new Error(`${fn}: a mask has ${condition?.length} values for the long table's ${rows} rows`);
	}
	const out = new Uint8Array(rows);
	for (const slice of slices) {
		const part = typeof condition === 'function' ? symbolMask(slice, condition, fn) : Uint8Array.from(slice.rows, (r) => (condition[r] ? 1 : 0));
		slice.rows.forEach((r, k) => (out[r] = part[k]));
	}
	return out;
}

/** A condition on one symbol's table; errors name the symbol. */
export function symbolMask(slice: SymbolSlice, condition: ConditionLike, fn: string): Uint8Array {
	try {
		const close = numberColumn(slice.table, 'close', fn);
		return evaluate({ table: slice.table, close }, condition, fn);
	} catch (error) {
		throw new Error(`${(error as Error).message} (symbol ${slice.symbol})`);
	}
}

function evaluate(input: ConditionInput, condition: ConditionLike, fn: string): Uint8Array {
	const mask = typeof condition === 'function' ? condition(input) : Uint8Array.from(condition, (v) => (v ? 1 : 0));
	if (mask.length !== input.close.length) {
		throw new Error(`${fn}: a condition gave ${mask.length} values for ${input.close.length} rows`);
	}
	return mask;
}

/**
 * A close above every earlier close (all-time closing high), or above every close of the
 * previous `lookback` sessions. The first row never qualifies.
 *
 * @example
 * eventStudy(iwm, newHigh())
 * conditionMask(iwm, newHigh({ lookback: 252 }))   // 52-week closing highs
 */
export function newHigh(options: { lookback?: number } = {}): Condition {
	const { lookback = Infinity } = options;
	return ({ close }) => newHighMask(close, lookback);
}

function newHighMask(close: Float64Array, lookback: number): Uint8Array {
	const out = new Uint8Array(close.length);
	if (lookback === Infinity) {
		let best = close[0];
		for (let i = 1; i < close.length; i++) {
			if (close[i] > best) out[i] = 1;
			best = Math.max(best, close[i]);
		}
		return out;
	}
	for (let i = 1; i < close.length; i++) {
		let above = true;
		for (let j = Math.max(0, i - lookback); j < i && above; j++) above = close[i] > close[j];
		out[i] = above ? 1 : 0;
	}
	return out;
}

/**
 * The session on which consecutive higher closes reach `n` (once per streak, so a 12-day
 * streak counts once for upStreak(8)).
 *
 * @example
 * eventStudy(qqq, upStreak(8), { horizons: [21, 42] })
 */
export function upStreak(n: number): Condition {
	if (!Number.isInteger(n) || n < 1) throw new Error(`upStreak: n must be an integer ≥ 1, got ${n}`);
	return ({ close }) => Uint8Array.from(streaks(close), (s) => (s === n ? 1 : 0));
}

/**
 * The session on which consecutive lower closes reach `n`.
 *
 * @example
 * eventStudy(spy, downStreak(5))
 */
export function downStreak(n: number): Condition {
	if (!Number.isInteger(n) || n < 1) throw new Error(`downStreak: n must be an integer ≥ 1, got ${n}`);
	return ({ close }) => Uint8Array.from(streaks(close), (s) => (s === -n ? 1 : 0));
}

/**
 * A sharp reversal from a new high: the first session whose close is at least `fromHigh`
 * (a fraction, 0.03 = 3%) below a new all-time closing high set within the previous `within`
 * sessions.
 *
 * @example
 * eventStudy(rut, reversal({ fromHigh: 0.03, within: 3 }), { horizons: [21, 63, 126] })
 */
export function reversal(options: { fromHigh: number; within: number }): Condition {
	const { fromHigh, within } = options ?? {};
	if (!(fromHigh > 0 && fromHigh < 1)) throw new Error(`reversal: fromHigh must be a fraction between 0 and 1 (0.03 = 3%), got ${fromHigh}`);
	if (!Number.isInteger(within) || within < 1) throw new Error(`reversal: within must be an integer ≥ 1, got ${within}`);
	return ({ close }) => {
		const highs = newHighMask(close, Infinity);
		const holds = new Uint8Array(close.length);
		for (let t = 1; t < close.length; t++) {
			for (let s = Math.max(0, t - within); s < t; s++) {
				if (highs[s] && close[t] <= close[s] * (1 - fromHigh)) {
					holds[t] = 1;
					break;
				}
			}
		}
		// Only the first session of a run counts: the reversal happens once.
		return holds.map((v, t) => (v && !(t > 0 && holds[t - 1]) ? 1 : 0));
	};
}

/**
 * The close crosses above a level: above it today, at or below it the session before.
 *
 * @example
 * eventStudy(iwm, crossAbove((t) => sma(t, 200)))
 * conditionMask(spx, crossAbove(1650))
 */
export function crossAbove(level: Level): Condition {
	return ({ table, close }) => {
		const line = levelValues(level, table, close.length, 'crossAbove');
		return Uint8Array.from(close, (c, i) => (i > 0 && c > line[i] && close[i - 1] <= line[i - 1] ? 1 : 0));
	};
}

/**
 * The close crosses below a level: below it today, at or above it the session before.
 *
 * @example
 * eventStudy(iwm, crossBelow((t) => sma(t, 50)))
 */
export function crossBelow(level: Level): Condition {
	return ({ table, close }) => {
		const line = levelValues(level, table, close.length, 'crossBelow');
		return Uint8Array.from(close, (c, i) => (i > 0 && c < line[i] && close[i - 1] >= line[i - 1] ? 1 : 0));
	};
}

function levelValues(level: Level, table: ColumnTable, rows: number, fn: string): Float64Array {
	if (typeof level === 'number') {
		if (!Number.isFinite(level)) throw new Error(`${fn}: the level must be a finite number, got ${level}`);
		return new Float64Array(rows).fill(level);
	}
	// NaN (an average's warm-up) compares false, so no cross fires there.
	const values = typeof level === 'function' ? level(table) : level;
	if (values.length !== rows) throw new Error(`${fn}: the level has ${values.length} values for ${rows} rows`);
	return Float64Array.from(values);
}

/**
 * Every condition holds (logical and).
 *
 * @example
 * allOf(newHigh(), squeeze(iwm))
 */
export function allOf(...conditions: ConditionLike[]): Condition {
	if (conditions.length === 0) throw new Error('allOf: give at least one condition');
	return (input) => combine(input, conditions, (a, b) => a & b, 'allOf');
}

/**
 * At least one condition holds (logical or).
 *
 * @example
 * anyOf(upStreak(8), newHigh())
 */
export function anyOf(...conditions: ConditionLike[]): Condition {
	if (conditions.length === 0) throw new Error('anyOf: give at least one condition');
	return (input) => combine(input, conditions, (a, b) => a | b, 'anyOf');
}

/**
 * The condition does not hold (logical not).
 *
 * @example
 * allOf(upStreak(5), negate(newHigh()))
 */
export function negate(condition: ConditionLike): Condition {
	return (input) => evaluate(input, condition, 'negate').map((v) => 1 - v);
}

function combine(input: ConditionInput, conditions: ConditionLike[], op: (a: number, b: number) => number, fn: string): Uint8Array {
	const masks = conditions.map((c) => evaluate(input, c, fn));
	return masks.reduce((acc, mask) => acc.map((v, i) => op(v, mask[i])));
}

