import { table, type ColumnTable } from 'arquero';
import { dateColumn, numberColumn, requireInteger } from '../input.js';
import { hitRate, mean, median, quantileSorted } from '../stats/summary.js';
import { conditionMask, type ConditionLike } from './conditions.js';

export interface EventStudyOptions {
	/** forward horizons in sessions (default [5, 20, 60]) */
	horizons?: number[];
	/** drop an event closer than this many sessions to the previous kept event (default 1: keep all) */
	minGap?: number;
	/** bootstrap resamples for the confidence interval and the p-value (default 10000) */
	bootstrap?: number;
	/** PRNG seed, so a notebook's numbers are reproducible (default 1) */
	seed?: number;
	/** confidence level of the interval (default 0.95) */
	confidence?: number;
}

/** Forward-return statistics at one horizon. Returns are fractions (0.02 = 2%). */
export interface HorizonStats {
	horizon: number;
	/** events with a forward return at this horizon (recent events may have none yet) */
	n: number;
	mean: number;
	median: number;
	/** fraction of events with a positive forward return */
	hitRate: number;
	/** mean forward return over every session of the table that has one */
	baselineMean: number;
	baselineMedian: number;
	baselineHitRate: number;
	/** percentile bootstrap interval of the event mean */
	ciLow: number;
	ciHigh: number;
	/**
	 * two-sided: the share of random draws of n baseline sessions whose mean is at least as far
	 * from the baseline mean as the events' mean, (count + 1) / (resamples + 1)
	 */
	pValue: number;
}

export interface EventStudy {
	/** one row per kept event: date, close, and fwd<h> forward returns (NaN past the data) */
	events: ColumnTable;
	/** one row per horizon with the fields of {@link HorizonStats} */
	summary: ColumnTable;
	byHorizon: Record<number, HorizonStats>;
	/** the raw forward returns per horizon, for charts: events and baseline */
	returns: Record<number, { events: Float64Array; baseline: Float64Array }>;
}

/**
 * Event study: what followed the sessions where `condition` holds. The forward return at h is
 * close[t+h] / close[t] − 1. Compared with the baseline (every session of the same table with
 * a forward return at h), with a seeded bootstrap confidence interval for the mean and a
 * p-value. Overlapping forward windows make neighbouring returns dependent, so treat the
 * interval and p-value as optimistic when events cluster; raise `minGap` to thin them.
 *
 * @example
 * const study = eventStudy(iwm, newHigh(), { horizons: [21, 63, 126], minGap: 20, seed: 7 })
 * study.summary                // n, mean, median, hitRate vs baseline, CI, p-value per horizon
 * study.byHorizon[63].pValue
 */
export function eventStudy(source: ColumnTable, condition: ConditionLike, options: EventStudyOptions = {}): EventStudy {
	const { horizons = [5, 20, 60], minGap = 1, bootstrap = 10000, seed = 1, confidence = 0.95 } = options;
	if (!Array.isArray(horizons) || horizons.length === 0) throw new Error('eventStudy: horizons must be a non-empty array of sessions');
	horizons.forEach((h) => requireInteger(h, 'each horizon', 'eventStudy'));
	requireInteger(minGap, 'minGap', 'eventStudy');
	requireInteger(bootstrap, 'bootstrap', 'eventStudy', 0);
	if (!(confidence > 0 && confidence < 1)) throw new Error(`eventStudy: confidence must be between 0 and 1, got ${confidence}`);
	const close = numberColumn(source, 'close', 'eventStudy');
	const dates = dateColumn(source, 'eventStudy');
	const rows = keepApart(conditionMask(source, condition), minGap);
	const rng = { state: seed | 0 };
	const byHorizon: Record<number, HorizonStats> = {};
	const returns: Record<number, { events: Float64Array; baseline: Float64Array }> = {};
	const columns: Record<string, ArrayLike<unknown>> = { date: rows.map((t) => dates[t]), close: rows.map((t) => close[t]) };
	for (const h of horizons) {
		const forward = (t: number) => (t + h < close.length ? close[t + h] / close[t] - 1 : NaN);
		const all = rows.map(forward);
		const events = Float64Array.from(all.filter((r) => !Number.isNaN(r)));
		const baseline = Float64Array.from({ length: Math.max(close.length - h, 0) }, (_, t) => forward(t));
		columns[`fwd${h}`] = all;
		returns[h] = { events, baseline };
		byHorizon[h] = horizonStats(h, events, baseline, { bootstrap, confidence, rng });
	}
	const stats = horizons.map((h) => byHorizon[h]);
	const summary = table(Object.fromEntries(
		(Object.keys(stats[0]) as (keyof HorizonStats)[]).map((k) => [k, stats.map((s) => s[k])])
	));
	return { events: table(columns as never), summary, byHorizon, returns };
}

/** Rows of the mask, skipping any closer than `minGap` sessions to the last one kept. */
function keepApart(mask: Uint8Array, minGap: number): number[] {
	const kept: number[] = [];
	for (let t = 0; t < mask.length; t++) {
		if (mask[t] && (kept.length === 0 || t - kept[kept.length - 1] >= minGap)) kept.push(t);
	}
	return kept;
}

function horizonStats(
	horizon: number,
	events: Float64Array,
	baseline: Float64Array,
	{ bootstrap, confidence, rng }: { bootstrap: number; confidence: number; rng: { state: number } }
): HorizonStats {
	const n = events.length;
	const eventMean = mean(events);
	const baselineMean = mean(baseline);
	let ciLow = NaN;
	let ciHigh = NaN;
	let pValue = NaN;
	if (n > 0 && bootstrap > 0) {
		const means = resampledMeans(events, n, bootstrap, rng).sort();
		ciLow = quantileSorted(means, (1 - confidence) / 2);
		ciHigh = quantileSorted(means, (1 + confidence) / 2);
		if (baseline.length > 0) {
			const observed = Math.abs(eventMean - baselineMean);
			const nullMeans = resampledMeans(baseline, n, bootstrap, rng);
			let extreme = 0;
			// A tiny tolerance so a draw equal to the observed mean counts despite rounding.
			for (const m of nullMeans) if (Math.abs(m - baselineMean) >= observed - 1e-12) extreme++;
			pValue = (extreme + 1) / (bootstrap + 1);
		}
	}
	return {
		horizon,
		n,
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
 * Means of `resamples` draws of `size` values with replacement. The generator (mulberry32, as
 * in seededRandom) is inlined: this loop runs millions of times per study.
 */
function resampledMeans(values: Float64Array, size: number, resamples: number, rng: { state: number }): Float64Array {
	const out = new Float64Array(resamples);
	const count = values.length;
	let state = rng.state;
	for (let r = 0; r < resamples; r++) {
		let sum = 0;
		for (let i = 0; i < size; i++) {
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), state | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			sum += values[(((t ^ (t >>> 14)) >>> 0) / 4294967296) * count | 0];
		}
		out[r] = sum / size;
	}
	rng.state = state;
	return out;
}
