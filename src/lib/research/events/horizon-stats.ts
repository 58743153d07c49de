import { hitRate, mean, median, quantileSorted } from '../stats/summary.js';
import { footprints, groupsOf, type Groups } from './event-clusters.js';
import type { HorizonStats, Resampling } from './event-study.js';
import { independentMeans, resampledGroupMeans, tiledClusterMeans } from './resampling.js';

/** The statistics of one horizon: the events against the baseline, with the bootstrap interval and p-value. */
export function horizonStats(
	horizon: number,
	events: Float64Array,
	baseline: Float64Array,
	rows: Int32Array,
	clusters: Int32Array,
	{ bootstrap, confidence, rng, resample }: { bootstrap: number; confidence: number; rng: { state: number }; resample: Resampling }
): HorizonStats {
	const n = events.length;
	const eventMean = mean(events);
	const baselineMean = mean(baseline);
	const groups = groupsOf(events, rows, resample === 'cluster' ? clusters : null);
	let ciLow = NaN;
	let ciHigh = NaN;
	let pValue = NaN;
	if (n > 0 && bootstrap > 0) {
		if (groups.count >= 2) {
			const means = resampledGroupMeans(groups, bootstrap, rng).sort();
			ciLow = quantileSorted(means, (1 - confidence) / 2);
			ciHigh = quantileSorted(means, (1 + confidence) / 2);
		}
		pValue = nullPValue(horizon, groups, eventMean, baseline, baselineMean, rows, { bootstrap, rng, resample });
	}
	return {
		horizon,
		n,
		clusters: n === 0 ? 0 : clusters[n - 1] + 1,
		mean: eventMean,
		median: median(events),
		hitRate: hitRate(events),
		baselineMean,
		baselineMedian: median(baseline),
		baselineHitRate: hitRate(baseline),
		ciLow,
		ciHigh,
		pValue
	};
}

/**
 * The two-sided p-value of the events' mean against null draws of the baseline (see eventStudy);
 * NaN without events, baseline or resamples.
 */
export function nullPValue(
	horizon: number,
	groups: Groups,
	eventMean: number,
	baseline: Float64Array,
	baselineMean: number,
	rows: Int32Array,
	{ bootstrap, rng, resample }: { bootstrap: number; rng: { state: number }; resample: Resampling }
): number {
	const n = rows.length;
	if (n === 0 || bootstrap === 0 || baseline.length === 0) return NaN;
	const observed = Math.abs(eventMean - baselineMean);
	const nullMeans = resample === 'cluster'
		? tiledClusterMeans(groups, footprints(groups, rows, horizon), baseline, bootstrap, rng)
		: independentMeans(baseline, n, bootstrap, rng);
	let extreme = 0;
	// A tiny tolerance so a draw equal to the observed mean counts despite rounding.
	for (const m of nullMeans) if (Math.abs(m - baselineMean) >= observed - 1e-12) extreme++;
	return (extreme + 1) / (bootstrap + 1);
}
