import { DataError } from './errors';

/**
 * A bar length: calendar `'week'` (Monday to Friday) or `'month'`, `'day'` (as loaded), or
 * `{ days: n }` for bars of n sessions, the "n-day chart" of charting platforms.
 */
export type Interval = 'day' | 'week' | 'month' | { days: number };

/** Checks a user-given interval once, so the resampling loop can trust it. */
export function checkInterval(interval: unknown): Interval {
	if (interval === 'day' || interval === 'week' || interval === 'month') return interval;
	if (typeof interval === 'object' && interval !== null && 'days' in interval) {
		const { days } = interval as { days: unknown };
		if (typeof days === 'number' && Number.isInteger(days) && days >= 1) return { days };
		throw new DataError(`interval { days: ${String(days)} } needs a whole number of sessions, 1 or more`);
	}
	throw new DataError(`unknown interval ${JSON.stringify(interval)}; use 'day', 'week', 'month' or { days: n }`);
}
