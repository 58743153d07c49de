/** Arithmetic mean; NaN for no values. */
export function mean(values: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i];
	return values.length ? sum / values.length : NaN;
}

/** Quantile of already sorted values with linear interpolation (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
	if (sorted.length === 0) return NaN;
	const position = (sorted.length - 1) * q;
	const below = Math.floor(position);
	const above = Math.min(below + 1, sorted.length - 1);
	return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * Median; NaN for no values. By selection (Hoare's quickselect, O(n) on average) rather than a
 * full sort: a pooled baseline of a universe has millions of values. The same value as
 * quantileSorted(sorted, 0.5) (for finite values, as every caller has).
 */
export function median(values: ArrayLike<number>): number {
	const n = values.length;
	if (n === 0) return NaN;
	const a = Float64Array.from(values);
	const upper = select(a, n >> 1);
	if (n % 2 === 1) return upper;
	// The lower middle is the largest value left of the upper one after selection.
	let lower = -Infinity;
	for (let i = 0; i < n >> 1; i++) if (a[i] > lower) lower = a[i];
	return lower + (upper - lower) * 0.5;
}

/** The k-th smallest value (0-based); leaves smaller values before k and larger after. */
function select(a: Float64Array, k: number): number {
	let lo = 0;
	let hi = a.length - 1;
	while (hi > lo) {
		const pivot = a[(lo + hi) >> 1];
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (a[i] < pivot) i++;
			while (a[j] > pivot) j--;
			if (i <= j) {
				const t = a[i];
				a[i++] = a[j];
				a[j--] = t;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else break;
	}
	return a[k];
}

/** Fraction of values above 0; NaN for no values. */
export function hitRate(values: ArrayLike<number>): number {
	let hits = 0;
	for (let i = 0; i < values.length; i++) if (values[i] > 0) hits++;
	return values.length ? hits / values.length : NaN;
}
