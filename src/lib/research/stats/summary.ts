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

/** Median; NaN for no values. */
export function median(values: ArrayLike<number>): number {
	return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/** Fraction of values above 0; NaN for no values. */
export function hitRate(values: ArrayLike<number>): number {
	let hits = 0;
	for (let i = 0; i < values.length; i++) if (values[i] > 0) hits++;
	return values.length ? hits / values.length : NaN;
}
