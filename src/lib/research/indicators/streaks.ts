import { seriesValues, type Series } from '../input.js';

/**
 * Streaks of consecutive higher or lower closes: +k on the k-th higher close in a row, −k on
 * the k-th lower close in a row, 0 on an unchanged close and on the first row.
 *
 * @example
 * streaks([1, 2, 3, 2, 2, 1]) // Int32Array [0, 1, 2, -1, 0, -1]
 * Math.max(...streaks(qqq))  // longest winning streak
 */
export function streaks(series: Series): Int32Array {
	const values = seriesValues(series, 'streaks');
	if (values.some(Number.isNaN)) throw new Error('streaks: values must not contain NaN');
	const out = new Int32Array(values.length);
	for (let i = 1; i < values.length; i++) {
		const prev = out[i - 1];
		if (values[i] > values[i - 1]) out[i] = prev > 0 ? prev + 1 : 1;
		else if (values[i] < values[i - 1]) out[i] = prev < 0 ? prev - 1 : -1;
	}
	return out;
}
