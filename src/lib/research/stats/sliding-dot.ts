/**
 * Sliding dot products d[i] = Σ_j pattern[j]·series[i + j] for every i with a full overlap,
 * in O(N log N) by FFT cross-correlation instead of O(n·w). Both real inputs ride in one
 * complex FFT (series as real part, reversed pattern as imaginary part), so the cost is two
 * FFTs of size N = next power of two ≥ n + w − 1.
 *
 * @example
 * slidingDot([1, 2], [1, 2, 3, 4]) // ≈ Float64Array [5, 8, 11]
 */
export function slidingDot(pattern: ArrayLike<number>, series: ArrayLike<number>): Float64Array {
	const w = pattern.length;
	const n = series.length;
	if (w === 0 || w > n) throw new Error(`slidingDot: pattern length ${w} must be between 1 and the series length ${n}`);
	let size = 1;
	while (size < n + w - 1) size <<= 1;
	const re = new Float64Array(size);
	const im = new Float64Array(size);
	re.set(series as ArrayLike<number>);
	for (let j = 0; j < w; j++) im[j] = pattern[w - 1 - j];
	fft(re, im, false);
	// With Z = FFT(a + i·b): FFT(a)·FFT(b) = (Z[k]² − conj(Z[−k])²) / 4i.
	const pr = new Float64Array(size);
	const pi = new Float64Array(size);
	for (let k = 0; k < size; k++) {
		const m = (size - k) & (size - 1);
		const ar = re[k] * re[k] - im[k] * im[k];
		const ai = 2 * re[k] * im[k];
		const br = re[m] * re[m] - im[m] * im[m];
		const bi = -2 * re[m] * im[m];
		// (ar − br + i(ai − bi)) / 4i = (ai − bi)/4 − i(ar − br)/4
		pr[k] = (ai - bi) / 4;
		pi[k] = -(ar - br) / 4;
	}
	fft(pr, pi, true);
	const out = new Float64Array(n - w + 1);
	for (let i = 0; i < out.length; i++) out[i] = pr[i + w - 1] / size;
	return out;
}

/** In-place iterative radix-2 FFT (unnormalised; `inverse` flips the twiddle sign). */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
	const n = re.length;
	for (let i = 1, j = 0; i < n; i++) {
		let bit = n >> 1;
		for (; j & bit; bit >>= 1) j ^= bit;
		j ^= bit;
		if (i < j) {
			const r = re[i];
			re[i] = re[j];
			re[j] = r;
			const m = im[i];
			im[i] = im[j];
			im[j] = m;
		}
	}
	// Exact twiddles from a table: the usual rotate-by-multiplication recurrence drifts by
	// ~len·ε, which shows up as 1e-9 errors in correlations of quiet windows.
	const { cos, sin } = twiddles(n);
	const sign = inverse ? -1 : 1;
	for (let len = 2; len <= n; len <<= 1) {
		const half = len >> 1;
		const stride = n / len;
		for (let start = 0; start < n; start += len) {
			for (let k = 0; k < half; k++) {
				const a = start + k;
				const b = a + half;
				const cr = cos[k * stride];
				const ci = sign * sin[k * stride];
				const tr = re[b] * cr - im[b] * ci;
				const ti = re[b] * ci + im[b] * cr;
				re[b] = re[a] - tr;
				im[b] = im[a] - ti;
				re[a] += tr;
				im[a] += ti;
			}
		}
	}
}

const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** cos and −sin of 2πk/n for the forward transform, kept per size (searches repeat sizes). */
function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
	let table = twiddleCache.get(n);
	if (!table) {
		table = { cos: new Float64Array(n >> 1), sin: new Float64Array(n >> 1) };
		for (let k = 0; k < n >> 1; k++) {
			table.cos[k] = Math.cos((2 * Math.PI * k) / n);
			table.sin[k] = -Math.sin((2 * Math.PI * k) / n);
		}
		twiddleCache.set(n, table);
	}
	return table;
}
