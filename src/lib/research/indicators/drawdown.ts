import { seriesValues, type Series } from '../input.js';

/**
 * Drawdown from the running high: value / (highest value so far) − 1, so 0 at a new high and
 * −0.2 twenty percent below it. Aligned to the input.
 *
 * @example
 * const dd = drawdown(iwm)
 * Math.min(...dd)   // worst peak-to-trough decline, e.g. -0.6 in 2008–09
 */
export function drawdown(series: Series): Float64Array {
	const values = seriesValues(series, 'drawdown');
	if (values.length === 0) throw new Error('drawdown: needs at least 1 value, got 0');
	if (values.some(Number.isNaN)) throw new Error('drawdown: values must not contain NaN');
	const out = new Float64Array(values.length);
	let peak = -Infinity;
	for (let i = 0; i < values.length; i++) {
		peak = Math.max(peak, values[i]);
		out[i] = values[i] / peak - 1;
	}
	return out;
}
