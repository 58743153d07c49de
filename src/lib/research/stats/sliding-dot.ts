import FFT from 'fft.js';

/**
 * Sliding dot products d[i] = Σ_j pattern[j]·series[i + j] for every i with a full overlap,
 * in O(N log N) by FFT cross-correlation instead of O(n·w). Both real inputs ride in one
 * complex FFT (series as real part, reversed pattern as imaginary part), so the cost is two
 * radix-4 FFTs (fft.js), of size N = the next power of two ≥ n and N / 2.
 *
 * @example
 * slidingDot([1, 2], [1, 2, 3, 4]) // ≈ Float64Array [5, 8, 11]
 */
export function slidingDot(pattern: ArrayLike<number>, series: ArrayLike<number>): Float64Array {
	const w = pattern.length;
	const n = series.length;
	if (w === 0 || w > n) throw new Error(`slidingDot: pattern length ${w} must be between 1 and the series length ${n}`);
	// A circular correlation of size ≥ n is enough: the outputs kept (full overlaps) never wrap.
	// At least 4, so the half-size transform has the 2 points fft.js needs.
	let size = 4;
	while (size < n) size <<= 1;
	const { fft, half, data, spectrum, halfIn, halfOut, cos, sin } = workspace(size);
	// Interleaved complex numbers: [re0, im0, re1, im1, …].
	data.fill(0);
	for (let i = 0; i < n; i++) data[2 * i] = series[i];
	for (let j = 0; j < w; j++) data[2 * j + 1] = pattern[w - 1 - j];
	fft.transform(spectrum, data);
	// With Z = FFT(a + i·b): P[k] = FFT(a)[k]·FFT(b)[k] = (Z[k]² − conj(Z[−k])²) / 4i.
	// P is the spectrum of the correlation c, which is real: so c
	// comes from a transform of half the size, z = IFFT(E + i·O) with c[2m] = Re z[m] and
	// c[2m+1] = Im z[m], where E[k] = (P[k] + P[k + N/2]) / 2 and O[k] = (P[k] − P[k + N/2])·e^{2πik/N} / 2.
	const h = size >> 1;
	const mask = size - 1;
	for (let k = 0; k < h; k++) {
		// P[k] and P[k + N/2], each from Z at k and at −k (written out: this is the hot loop).
		let zr = spectrum[2 * k];
		let zi = spectrum[2 * k + 1];
		let m = (size - k) & mask;
		let yr = spectrum[2 * m];
		let yi = spectrum[2 * m + 1];
		const pr = (2 * zr * zi + 2 * yr * yi) / 4;
		const pi = -(zr * zr - zi * zi - (yr * yr - yi * yi)) / 4;
		zr = spectrum[2 * (k + h)];
		zi = spectrum[2 * (k + h) + 1];
		m = (h - k) & mask;
		yr = spectrum[2 * m];
		yi = spectrum[2 * m + 1];
		const qr = (2 * zr * zi + 2 * yr * yi) / 4;
		const qi = -(zr * zr - zi * zi - (yr * yr - yi * yi)) / 4;
		const dr = (pr - qr) / 2;
		const di = (pi - qi) / 2;
		const or = dr * cos[k] - di * sin[k];
		const oi = dr * sin[k] + di * cos[k];
		// E + i·O
		halfIn[2 * k] = (pr + qr) / 2 - oi;
		halfIn[2 * k + 1] = (pi + qi) / 2 + or;
	}
	half.inverseTransform(halfOut, halfIn);
	const out = new Float64Array(n - w + 1);
	for (let i = 0; i < out.length; i++) out[i] = halfOut[i + w - 1];
	return out;
}

/**
 * The transforms (full and half size), buffers and e^{2πik/N} per size, kept: searches repeat
 * sizes, and 8,192-point buffers are worth reusing.
 */
const workspaces = new Map<number, { fft: FFT; half: FFT; data: number[]; spectrum: number[]; halfIn: number[]; halfOut: number[]; cos: Float64Array; sin: Float64Array }>();
function workspace(size: number) {
	let found = workspaces.get(size);
	if (!found) {
		const h = size >> 1;
		const cos = new Float64Array(h);
		const sin = new Float64Array(h);
		for (let k = 0; k < h; k++) {
			cos[k] = Math.cos((2 * Math.PI * k) / size);
			sin[k] = Math.sin((2 * Math.PI * k) / size);
		}
		// Plain arrays of doubles: fft.js runs about 1.6× faster on them than on Float64Arrays.
		const fft = new FFT(size);
		const half = new FFT(h);
		found = { fft, half, data: fft.createComplexArray(), spectrum: fft.createComplexArray(), halfIn: half.createComplexArray(), halfOut: half.createComplexArray(), cos, sin };
		workspaces.set(size, found);
	}
	return found;
}
