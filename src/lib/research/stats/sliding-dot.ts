import FFT from 'fft.js';

/**
 * Sliding dot products d[i] = Σ_j pattern[j]·series[i + j] for every i with a full overlap,
 * in O(n log n) by FFT cross-correlation instead of O(n·w), with radix-4 transforms (fft.js).
 * Two plans, the cheaper chosen by size (`blockSize` forces one: 0 for the whole series):
 * - whole: the series and the reversed pattern ride in one complex FFT of size N ≥ n (real and
 *   imaginary parts), and the real result comes back through a transform of size N / 2;
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
	// A circular correlation of size ≥ n is enough: the outputs kept (full overlaps) never wrap.
	// At least 4, so the half-size transform has the 2 points fft.js needs.
	let size = 4;
	while (size < n) size <<= 1;
	const block = blockSize ?? cheaperBlock(w, n, size);
	if (block > 0) {
		if (!(block >= 2 * w && (block & (block - 1)) === 0)) throw new Error(`slidingDot: block size ${block} must be a power of two ≥ twice the pattern length ${w}`);
		return blocked(pattern, series, block);
	}
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
		// Plain arrays of doubles: fft.js ran about 10% faster on them than on Float64Arrays here.
		const fft = new FFT(size);
		const half = new FFT(h);
		found = { fft, half, data: fft.createComplexArray(), spectrum: fft.createComplexArray(), halfIn: half.createComplexArray(), halfOut: half.createComplexArray(), cos, sin };
		workspaces.set(size, found);
	}
	return found;
}
