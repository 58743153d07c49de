import type { ColumnTable } from 'arquero';
import { realSpectrum, spectrumSize } from '../stats/sliding-dot.js';

/** A series ready to search: its log closes minus their mean, and (on first use) their spectrum. */
export interface PreparedSeries {
	logs: Float64Array;
	spectrum(): Float64Array;
}

/**
 * Per table, the closes last read and the series prepared from them, by length (a reference in
 * the past cuts the series at its end). A notebook searches one table for several windows and
 * references; the logs and the series' forward transform are most of a search's work, and an
 * arquero table never changes. The closes are still compared on every call (cheap next to a
 * logarithm each), so a table whose arrays were changed in place is prepared afresh.
 */
const prepared = new WeakMap<ColumnTable, { close: Float64Array; cuts: Map<number, PreparedSeries> }>();

/** The first `length` closes of `source` (read as `close`), prepared, from the cache when they match. */
export function preparedSeries(source: ColumnTable | null, close: Float64Array, length: number): PreparedSeries {
	let entry = source ? prepared.get(source) : undefined;
	if (!entry || !sameValues(entry.close, close)) {
		entry = { close, cuts: new Map() };
		if (source) prepared.set(source, entry);
	}
	let found = entry.cuts.get(length);
	if (!found) {
		const logs = logCentred(close.subarray(0, length));
		let spectrum: Float64Array | undefined;
		found = { logs, spectrum: () => (spectrum ??= realSpectrum(logs, spectrumSize(logs.length))) };
		// A few references per table are kept, not every cut a loop over dates would leave.
		if (entry.cuts.size >= 4) entry.cuts.delete(entry.cuts.keys().next().value!);
		entry.cuts.set(length, found);
	}
	return found;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** log(close) minus its mean: the shift leaves every score unchanged and keeps sums small. */
export function logCentred(close: Float64Array): Float64Array {
	const logs = new Float64Array(close.length);
	let sum = 0;
	for (let i = 0; i < close.length; i++) {
		if (!(close[i] > 0)) throw new Error(`analogues: closes must be positive (the paths are compared in log prices); row ${i} is ${close[i]}`);
		logs[i] = Math.log(close[i]);
		sum += logs[i];
	}
	const centre = sum / logs.length;
	for (let i = 0; i < logs.length; i++) logs[i] -= centre;
	return logs;
}
