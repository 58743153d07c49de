/** Ordinary least squares of y on x = 0, 1, …, n−1. */
export interface LinearFit {
	slope: number;
	intercept: number;
	/** coefficient of determination; 1 for a perfect line, 0 when y is flat */
	r2: number;
	/** standard deviation of the residuals, divisor n − 2 (as linregress's stderr uses) */
	sigma: number;
	n: number;
}

/**
 * Fits y = intercept + slope·x over x = 0…n−1 with centred sums (no cancellation on long,
 * high-priced series).
 *
 * @example
 * linearFit([1, 3, 5, 7]) // { slope: 2, intercept: 1, r2: 1, sigma: 0, n: 4 }
 */
export function linearFit(y: ArrayLike<number>, fn = 'linearFit'): LinearFit {
	const n = y.length;
	if (n < 3) throw new Error(`${fn}: needs at least 3 points to fit a line, got ${n}`);
	const meanX = (n - 1) / 2;
	let meanY = 0;
	for (let i = 0; i < n; i++) meanY += y[i];
	meanY /= n;
	if (!Number.isFinite(meanY)) throw new Error(`${fn}: values must be finite numbers`);
	let sxy = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		const dy = y[i] - meanY;
		sxy += (i - meanX) * dy;
		syy += dy * dy;
	}
	const sxx = (n * (n * n - 1)) / 12;
	const slope = sxy / sxx;
	const intercept = meanY - slope * meanX;
	let sse = 0;
	for (let i = 0; i < n; i++) sse += (y[i] - intercept - slope * i) ** 2;
	const r2 = syy === 0 ? 0 : 1 - sse / syy;
	return { slope, intercept, r2, sigma: Math.sqrt(sse / (n - 2)), n };
}
