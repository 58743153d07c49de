import FFT from 'fft.js';

/**
 * Sliding dot products d[i] = Σ_j pattern[j]·series[i + j] for every i with a full overlap,
 * in O(n log n) by FFT cross-correlation instead of O(n·w), with radix-4 transforms (fft.js).
 * Two plans, the cheaper chosen by size (`blockSize` forces one: 0 for the whole series):
 * - whole: the spectra of the series and of the reversed pattern, each a real-input transform
 *   of size N ≥ n (half its bins), multiplied, and the real result back through a complex
 *   transform of size N / 2 (see {@link dotsFromSpectra}); a caller searching one series for
 *   several patterns, or one pattern in several series, keeps a spectrum and pays for one
 *   forward transform per search instead of two;
 * - blocks (overlap-save), for a short pattern on a long series: blocks of B points, two at a
 *   time as the real and imaginary parts of one FFT, each multiplied by the pattern's spectrum;
 *   every block gives its B − w + 1 outputs without wrap-around.
 *
 * @example
 * slidingDot([1, 2], [1, 2, 3, 4]) // ≈ Float64Array [5, 8, 11]
 */
export function slidingDot(pattern: ArrayLike<number>, series: ArrayLike<number>, blockSize?: number): Float64Array {
	const w = pattern.length;
	const n = series.length;
	if (w === 0 || w > n) throw new Error(`slidingDot: pattern length ${w} must be between 1 and the series length ${n}`);
	const size = spectrumSize(n);
	const block = blockSize ?? cheaperBlock(w, n, size);
	if (block > 0) {
		if (!(block >= 2 * w && (block & (block - 1)) === 0)) throw new Error(`slidingDot: block size ${block} must be a power of two ≥ twice the pattern length ${w}`);
		return blocked(pattern, series, block);
	}
	return dotsFromSpectra(realSpectrum(series, size), realSpectrum(pattern, size, true), n, w);
}

/**
 * The transform size for a series of n points: a circular correlation of size ≥ n is enough,
 * since the outputs kept (full overlaps) never wrap. At least 4, so the half-size transform has
 * the 2 points fft.js needs.
 */
export function spectrumSize(n: number): number {
	let size = 4;
	while (size < n) size <<= 1;
	return size;
}

/**
 * Bins 0…N/2 of the FFT of real `values` (reversed when `reversed`) zero-padded to N = `size`,
 * interleaved [re0, im0, re1, im1, …]: all of a real signal's spectrum (the rest mirrors it).
 */
export function realSpectrum(values: ArrayLike<number>, size: number, reversed = false): Float64Array {
	const { fft, real, spectrum } = workspace(size);
	const m = values.length;
	if (reversed) for (let j = 0; j < m; j++) real[j] = values[m - 1 - j];
	else for (let j = 0; j < m; j++) real[j] = values[j];
	real.fill(0, m);
	fft.realTransform(spectrum, real);
	const out = new Float64Array(size + 2);
	for (let i = 0; i < out.length; i++) out[i] = spectrum[i];
	return out;
}

/**
 * The sliding dot products from the spectra of a series of n points and of the reversed pattern
 * of w points (both from {@link realSpectrum} at the same size N): their product P is the spectrum
 * of the correlation c, which is real, so c comes from a transform of half the size,
 * z = IFFT(E + i·O) with c[2m] = Re z[m] and c[2m+1] = Im z[m], where E[k] = (P[k] + P[k + N/2]) / 2,
 * O[k] = (P[k] − P[k + N/2])·e^{2πik/N} / 2, and P[k + N/2] = conj(P[N/2 − k]).
 */
export function dotsFromSpectra(series: Float64Array, pattern: Float64Array, n: number, w: number): Float64Array {
	const size = series.length - 2;
	if (pattern.length !== series.length) throw new Error('slidingDot: the two spectra have different sizes');
	const { half, halfIn, halfOut, cos, sin } = workspace(size);
	const h = size >> 1;
	for (let k = 0; k < h; k++) {
		// P[k] and P[N/2 − k] (written out: this is the hot loop)
		const ar = series[2 * k], ai = series[2 * k + 1], br = pattern[2 * k], bi = pattern[2 * k + 1];
		const pr = ar * br - ai * bi;
		const pi = ar * bi + ai * br;
		const m = h - k;
		const cr = series[2 * m], ci = series[2 * m + 1], dr = pattern[2 * m], di = pattern[2 * m + 1];
		// P[k + N/2] = conj(P[N/2 − k])
		const qr = cr * dr - ci * di;
		const qi = -(cr * di + ci * dr);
		const er = (pr - qr) / 2;
		const ei = (pi - qi) / 2;
		const or = er * cos[k] - ei * sin[k];
		const oi = er * sin[k] + ei * cos[k];
		// E + i·O
		halfIn[2 * k] = (pr + qr) / 2 - oi;
		halfIn[2 * k + 1] = (pi + qi) / 2 + or;
	}
	half.inverseTransform(halfOut, halfIn);
	const out = new Float64Array(n - w + 1);
	for (let i = 0; i < out.length; i++) out[i] = halfOut[i + w - 1];
	return out;
}

/** Rough transform work (points × log2 points) of each plan; 0 when the whole-series plan is cheaper. */
function cheaperBlock(w: number, n: number, size: number): number {
	const work = (points: number) => points * Math.log2(points);
	let best = 0;
	let bestWork = work(size) + work(size / 2);
	for (let b = 256; b <= size / 4; b <<= 1) {
		if (b < 4 * w) continue;
		const blocks = Math.ceil((n - w + 1) / (b - w + 1));
		const blockWork = (2 * Math.ceil(blocks / 2) + 1) * work(b);
		if (blockWork < bestWork) [best, bestWork] = [b, blockWork];
	}
	return best;
}

/** Overlap-save in blocks of `size` points, two blocks per complex transform (see slidingDot). */
function blocked(pattern: ArrayLike<number>, series: ArrayLike<number>, size: number): Float64Array {
	const w = pattern.length;
	const n = series.length;
	const out = new Float64Array(n - w + 1);
	const step = size - w + 1;
	const { fft, data, spectrum } = workspace(size);
	// The reversed pattern's spectrum, once: P = FFT(p), p real.
	const kernel = fft.createComplexArray();
	data.fill(0);
	for (let j = 0; j < w; j++) data[2 * j] = pattern[w - 1 - j];
	fft.transform(kernel, data);
	for (let start = 0; start < out.length; start += 2 * step) {
		// Block a from `start`, block b from `start + step`, as a + i·b. Since p is real,
		// IFFT(FFT(a + i·b)·P) = (a ⊛ p) + i·(b ⊛ p): both blocks' correlations at once.
		data.fill(0);
		for (let i = 0; i < size; i++) {
			const a = start + i;
			const b = a + step;
			if (a < n) data[2 * i] = series[a];
			if (b < n) data[2 * i + 1] = series[b];
		}
		fft.transform(spectrum, data);
		for (let k = 0; k < size; k++) {
			const zr = spectrum[2 * k];
			const zi = spectrum[2 * k + 1];
			const pr = kernel[2 * k];
			const pi = kernel[2 * k + 1];
			data[2 * k] = zr * pr - zi * pi;
			data[2 * k + 1] = zr * pi + zi * pr;
		}
		fft.inverseTransform(spectrum, data);
		// Output j of a block (j ≥ w − 1: no wrap) is the dot product at block start + j − (w − 1).
		for (let j = w - 1; j < size; j++) {
			const a = start + j - (w - 1);
			if (a < out.length && a < start + step) out[a] = spectrum[2 * j];
			const b = a + step;
			if (b < out.length) out[b] = spectrum[2 * j + 1];
		}
	}
	return out;
}

/**
 * The transforms (full and half size), buffers and e^{2πik/N} per size, kept: searches repeat
 * sizes, and 8,192-point buffers are worth reusing.
 */
const workspaces = new Map<number, { fft: FFT; half: FFT; real: number[]; data: number[]; spectrum: number[]; halfIn: number[]; halfOut: number[]; cos: Float64Array; sin: Float64Array }>();
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
		// Plain arrays of doubles: fft.js ran about 10% faster on them than on Float64Arrays here.
		const fft = new FFT(size);
		const half = new FFT(h);
		found = { fft, half, real: new Array<number>(size).fill(0), data: fft.createComplexArray(), spectrum: fft.createComplexArray(), halfIn: half.createComplexArray(), halfOut: half.createComplexArray(), cos, sin };
		workspaces.set(size, found);
	}
	return found;
}
