import type { ColumnTable } from 'arquero';
import { numberColumn, requireInteger, requireLength } from '../input.js';
import { sma } from './sma.js';

/**
 * Average volume over the last `period` sessions (an SMA of the volume column).
 *
 * @example
 * const avg = volumeAverage(iwm, 50)
 * // sessions trading above 1.5× their average volume:
 * const heavy = avg.map((a, i) => (iwm.array('volume')[i] > 1.5 * a ? 1 : 0))
 */
export function volumeAverage(table: ColumnTable, period = 50): Float64Array {
	return sma(numberColumn(table, 'volume', 'volumeAverage'), period);
}

export interface UpDownVolume {
	/** volume of higher-close sessions within the window */
	up: Float64Array;
	/** volume of lower-close sessions within the window */
	down: Float64Array;
	/** up / down; above 1 means buying volume dominates (Infinity when nothing fell) */
	ratio: Float64Array;
}

/**
 * Up/down volume over a rolling window of `period` sessions: sums of the volume of sessions
 * that closed higher and lower than the session before (unchanged closes count in neither).
 * NaN until `period` sessions with a previous close exist (row `period`).
 *
 * @example
 * upDownVolume(iwm, 50).ratio
 */
export function upDownVolume(table: ColumnTable, period = 50): UpDownVolume {
	requireInteger(period, 'period', 'upDownVolume');
	const close = numberColumn(table, 'close', 'upDownVolume');
	const volume = numberColumn(table, 'volume', 'upDownVolume');
	requireLength(close.length, period + 1, 'upDownVolume');
	const n = close.length;
	const upDay = new Float64Array(n);
	const downDay = new Float64Array(n);
	for (let i = 1; i < n; i++) {
		if (close[i] > close[i - 1]) upDay[i] = volume[i];
		else if (close[i] < close[i - 1]) downDay[i] = volume[i];
	}
	const up = new Float64Array(n).fill(NaN);
	const down = new Float64Array(n).fill(NaN);
	let sumUp = 0;
	let sumDown = 0;
	for (let i = 1; i < n; i++) {
		sumUp += upDay[i];
		sumDown += downDay[i];
		if (i > period) {
			sumUp -= upDay[i - period];
			sumDown -= downDay[i - period];
		}
		if (i >= period) {
			up[i] = sumUp;
			down[i] = sumDown;
		}
	}
	return { up, down, ratio: up.map((u, i) => u / down[i]) };
}
