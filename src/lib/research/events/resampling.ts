/**
 * The bootstrap's draws: group means for the interval, and the null means (events drawn one by
 * one, or clusters tiled on the baseline) for the p-value.
 */
import type { Groups } from './event-clusters.js';

// The loops below run millions of times per study, so the generator (mulberry32, as in
// seededRandom) is inlined.

/**
 * Means of `resamples` draws of as many groups as there are, with replacement: Σ sums / Σ sizes.
 * With one event per group these are exactly the draws of a plain event bootstrap.
 */
export function resampledGroupMeans({ count, sum, size }: Groups, resamples: number, rng: { state: number }): Float64Array {
	const out = new Float64Array(resamples);
	let state = rng.state;
	for (let r = 0; r < resamples; r++) {
		let total = 0;
		let events = 0;
		for (let i = 0; i < count; i++) {
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), state | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			const k = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * count | 0;
			total += sum[k];
			events += size[k];
		}
		out[r] = total / events;
	}
	rng.state = state;
	return out;
}

/** Null means for `resample: 'event'`: the means of n baseline values drawn with replacement. */
export function independentMeans(baseline: Float64Array, size: number, resamples: number, rng: { state: number }): Float64Array {
	const out = new Float64Array(resamples);
	const count = baseline.length;
	let state = rng.state;
	for (let r = 0; r < resamples; r++) {
		let sum = 0;
		for (let i = 0; i < size; i++) {
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), state | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			sum += baseline[(((t ^ (t >>> 14)) >>> 0) / 4294967296) * count | 0];
		}
		out[r] = sum / size;
	}
	rng.state = state;
	return out;
}

/** log2(1 + i/256), i = 0…256: the mantissa table of {@link exponential}. */
const LOG2 = Float64Array.from({ length: 257 }, (_, i) => Math.log2(1 + i / 256));

/**
 * An exponential variate −ln u from 32 random bits (u = (bits >>> 1) + 1) / 2^31, in (0, 1]):
 * the exponent from the leading zeros, the mantissa's log2 interpolated in a 257-entry table
 * (error under 2·10⁻⁶), several times cheaper than Math.log in the null loop.
 */
function exponential(bits: number): number {
	const y = (bits >>> 1) + 1;
	const e = 31 - Math.clz32(y);
	if (e === 31) return 0;
	const z = (y << (30 - e)) - 0x40000000;
	const i = z >>> 22;
	return 0.6931471805599453 * (31 - e - LOG2[i] - (LOG2[i + 1] - LOG2[i]) * ((z & 0x3fffff) / 4194304));
}

/**
 * Null means for `resample: 'cluster'`. The baseline is a circle of B sessions. Each cluster
 * occupies a footprint: its span plus h (the next cluster starts h or more sessions after its
 * last event). Each resample lays every cluster on the circle, keeping its events' spacing, at
 * uniformly random places among those where no two footprints overlap: a random order of the
 * clusters, random free gaps between them (shares of the B − Σ footprints free sessions uniform
 * on the simplex, from normalised exponential spacings, rounded down to sessions), from a random
 * session. It then averages the baseline values under every event.
 */
export function tiledClusterMeans(
	{ count, start, offset }: Groups,
	footprint: Int32Array,
	baseline: Float64Array,
	resamples: number,
	rng: { state: number }
): Float64Array {
	const out = new Float64Array(resamples);
	const length = baseline.length;
	const n = start[count];
	let occupied = 0;
	for (let k = 0; k < count; k++) occupied += footprint[k];
	// Footprints longer than the circle (events all the way to the end) leave no free sessions.
	const free = Math.max(0, length - occupied);
	const order = Int32Array.from({ length: count }, (_, i) => i);
	const spacing = new Float64Array(count);
	let state = rng.state;
	for (let r = 0; r < resamples; r++) {
		// Fisher–Yates on the previous order (a uniform shuffle of any order is uniform).
		for (let i = count - 1; i > 0; i--) {
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), state | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			const j = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1) | 0;
			const k = order[i];
			order[i] = order[j];
			order[j] = k;
		}
		// Normalised exponential spacings are uniform on the simplex of gap shares.
		let spacings = 0;
		for (let c = 0; c < count; c++) {
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), state | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			spacings += spacing[c] = exponential(t ^ (t >>> 14));
		}
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		const origin = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * length | 0;
		const perShare = spacings > 0 ? free / spacings : 0;
		let total = 0;
		let used = 0; // footprints laid so far
		let share = 0; // spacings so far
		for (let c = 0; c < count; c++) {
			const k = order[c];
			let at = origin + used + ((share * perShare) | 0);
			while (at >= length) at -= length;
			for (let i = start[k], end = start[k + 1]; i < end; i++) {
				const p = at + offset[i];
				total += baseline[p < length ? p : p - length];
			}
			used += footprint[k];
			share += spacing[c];
		}
		out[r] = total / n;
	}
	rng.state = state;
	return out;
}
