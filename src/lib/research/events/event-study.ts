import { table, type ColumnTable } from 'arquero';
import { dateColumn, numberColumn, requireInteger } from '../input.js';
import { conditionMask, type ConditionLike } from './conditions.js';
import { overlapClusters } from './event-clusters.js';
import { horizonStats } from './horizon-stats.js';
import { isLong } from '../universe/by-symbol.js';
import { universeEventStudy, type UniverseSummary } from './universe-study.js';

/**
 * How the bootstrap resamples: `'cluster'` draws whole clusters of events whose forward windows
 * overlap (honest when events bunch up); `'event'` draws events one by one, as if independent.
 */
export type Resampling = 'cluster' | 'event';

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
	/**
	 * `'cluster'` (default): resample clusters of events with overlapping forward windows, and
	 * test against a null with the same clustering. `'event'`: resample events independently,
	 * which is only right when events are at least `h` sessions apart (the interval is then the
	 * same as with `'cluster'`) and too confident otherwise.
	 */
	resample?: Resampling;
	/**
	 * Long tables only: how many conditions you have tried on this universe, this one included
	 * (default 1). The multiple-testing note and the Holm / Benjamini–Hochberg adjustments count
	 * symbols × horizons × tried tests.
	 */
	tried?: number;
	/** Long tables only: also test each symbol on its own (default true; costs a bootstrap per symbol and horizon) */
	perSymbol?: boolean;
}

/** Forward-return statistics at one horizon. Returns are fractions (0.02 = 2%). */
export interface HorizonStats {
	horizon: number;
	/** events with a forward return at this horizon (recent events may have none yet) */
	n: number;
	/**
	 * clusters among those events: runs in which each event comes less than `horizon` sessions
	 * after the previous one, so their forward windows overlap and their returns share sessions.
	 * The effective sample size is nearer this than `n`.
	 */
	clusters: number;
	mean: number;
	median: number;
	/** fraction of events with a positive forward return */
	hitRate: number;
	/** mean forward return over every session of the table that has one */
	baselineMean: number;
	baselineMedian: number;
	baselineHitRate: number;
	/**
	 * percentile bootstrap interval of the event mean (clusters resampled whole by default);
	 * NaN with fewer than two clusters (events, with `resample: 'event'`), which say nothing
	 * about the spread
	 */
	ciLow: number;
	ciHigh: number;
	/**
	 * two-sided: the share of null draws whose mean is at least as far from the baseline mean as
	 * the events' mean, (count + 1) / (resamples + 1). A null draw lays the observed clusters,
	 * each with its own spacing of events, at random places of the baseline without overlapping
	 * (`'event'`: n random sessions). A long table's pooled p-value tests abnormal returns
	 * instead (see {@link eventStudy})
	 */
	pValue: number;
}

export interface EventStudy {
	/** one row per kept event: date, close, and fwd<h> forward returns (NaN past the data) */
	events: ColumnTable;
	/** one row per horizon with the fields of {@link HorizonStats} */
	summary: ColumnTable;
	byHorizon: Record<number, HorizonStats>;
	/**
	 * the raw forward returns per horizon, for charts: events and baseline, and the cluster
	 * (0, 1, 2, … in time order) of each event return
	 */
	returns: Record<number, { events: Float64Array; baseline: Float64Array; clusters: Int32Array }>;
	/** for a long table (a `symbol` column): how many symbols and tests, per-symbol p-values and the multiple-testing note */
	universe?: UniverseSummary;
}

/**
 * Event study: what followed the sessions where `condition` holds. The forward return at h is
 * close[t+h] / close[t] − 1. Compared with the baseline (every session of the same table with
 * a forward return at h), with a seeded bootstrap confidence interval for the mean and a
 * p-value.
 *
 * Events often bunch up (a streak condition true day after day, new highs in a run). Their
 * forward windows then overlap, so their returns share most of their sessions and are far from
 * independent: 10 events on consecutive days carry little more information than one. So, per
 * horizon h, events are grouped into **clusters**: an event less than h sessions after the
 * previous one joins its cluster (`clusters` in the summary counts them; it is the effective
 * sample size to keep in mind, not `n`). By default (`resample: 'cluster'`):
 *
 * - the interval is a cluster bootstrap: each resample draws as many clusters as observed, with
 *   replacement, and takes the mean over all the events in them. Fixing the number of clusters
 *   (not of events) keeps the draw like the data, whose independent units are the clusters; the
 *   event count then varies between resamples, as it would between histories.
 * - the p-value compares the events' mean with a null that has the same dependence. Each
 *   resample lays every observed cluster, keeping its events' spacing, at a random place of the
 *   baseline, and averages the baseline returns under those events. The places are uniform
 *   among those where each cluster starts h or more sessions after the last event of the one
 *   before, as observed clusters do (the baseline taken
 *   as a circle, as in a circular block bootstrap, so each session is equally likely for each
 *   event and the null's mean is exactly the baseline mean). It answers "would sessions picked
 *   at random, bunched exactly as the events are, have done as well?". Clusters are kept apart
 *   because real ones are, by definition: independent random starts would let them overlap,
 *   adding dependence the data lacks and inflating the p-value, badly when the events' windows
 *   cover much of the history (in the tests, such a 5% test rejects under 1.5% of true nulls,
 *   this one about 5%). The observed gaps between clusters are not reused: when events are
 *   evenly spaced that would leave only the shifts of one grid as the null.
 *
 * Clusters far apart are treated as independent; with fewer than about 10 clusters the interval
 * is rough whatever `n` says. With isolated events (all at least h apart) every cluster is one
 * event, so the interval is resampled as with `'event'`, and the p-values agree when the events'
 * windows cover a small part of the history (when they cover much of it, only the cluster null
 * keeps them apart). `resample: 'event'` resamples events one by one and draws n independent
 * baseline sessions for the null, as if events were independent: use it to see how much the
 * clustering matters, not for conclusions.
 *
 * **A universe in one call**: given a long table with a `symbol` column (e.g. the result of
 * `SELECT symbol, date, close FROM prices`), the condition runs per symbol and the study pools
 * every symbol's events: `summary` is the pooled study (clusters never span symbols;
 * `baselineMean` is the mean over every symbol's sessions), `events` gains a `symbol` column, and
 * `universe` says how many symbols and tests there were, gives each symbol's own p-value with
 * Holm and Benjamini–Hochberg adjustments, and a plain note of how many false positives chance
 * alone would give. The pooled p-value does not compare events with their symbols' own
 * baselines, which is biased: the rally that makes a new high is in the baseline, never in an
 * event's forward window, and symbols that trended up have more events, so on driftless random
 * walks such a 5% test rejected 31 of 100 universes. It tests each event's **abnormal return**
 * against zero: its forward return minus the other symbols' mean from the same date (removing
 * the market's move, so events of many symbols on the same days do not count as independent
 * luck), minus the same excess averaged over its symbol's year starting h sessions after the
 * event (removing a symbol's own faster or slower drift). The null resamples those abnormal
 * returns by cluster. It rejects 5.0% of 200 universes of 50 such walks (`npm run bench --
 * pooled-null`), 1–2% with a common market factor or drifts spread over ±20% a year (there it
 * is conservative: events of many symbols on the same date are not resampled together), and it
 * still finds a drift planted after new highs (with less power when the effect recurs within
 * the year after an event, which then enters its yardstick). Events with no other symbol on
 * their date, and those in a symbol's last 2h sessions (no later excess to compare), are left
 * out of the p-value; one symbol alone gets the single-series study. The pooled interval is
 * still of the raw event mean with symbols taken as independent, so it is too narrow when
 * events of many symbols fall on the same days. Sectors moving together are not removed; judge
 * the size of the difference and the per-symbol picture too.
 *
 * @example
 * const iwm = await loadSeries('IWM')
 * const study = eventStudy(iwm, newHigh(), { horizons: [21, 63, 126], minGap: 20, seed: 7 })
 * study.summary                // n, clusters, mean, median, hitRate vs baseline, CI, p-value per horizon
 * study.byHorizon[63].pValue
 * // how optimistic independent resampling would be on clustered events:
 * const naive = eventStudy(iwm, newHigh(), { horizons: [63], resample: 'event' }).byHorizon[63]
 * // every symbol at once, pooled, with the multiple-testing note:
 * const all = eventStudy(prices, newHigh({ lookback: 252 }), { horizons: [21, 63], tried: 3 })
 * all.universe.note            // "300 symbols × 2 horizons × 3 conditions = 1800 tests: …"
 * all.universe.bySymbol        // symbol, horizon, n, mean, pValue, pHolm, pBH
 */
export function eventStudy(source: ColumnTable, condition: ConditionLike, options: EventStudyOptions = {}): EventStudy {
	if (isLong(source)) return universeEventStudy(source, condition, options);
	const { horizons, minGap, bootstrap, seed, confidence, resample } = studySettings(options);
	const close = numberColumn(source, 'close', 'eventStudy');
	const dates = dateColumn(source, 'eventStudy');
	const rows = keepApart(conditionMask(source, condition), minGap);
	const rng = { state: seed | 0 };
	const byHorizon: Record<number, HorizonStats> = {};
	const returns: EventStudy['returns'] = {};
	const columns: Record<string, ArrayLike<unknown>> = { date: rows.map((t) => dates[t]), close: rows.map((t) => close[t]) };
	for (const h of horizons) {
		const forward = (t: number) => (t + h < close.length ? close[t + h] / close[t] - 1 : NaN);
		columns[`fwd${h}`] = rows.map(forward);
		// Rows are ascending, so the events with a forward return are a prefix.
		const at = Int32Array.from(rows.filter((t) => t + h < close.length));
		const events = Float64Array.from(at, forward);
		const baseline = Float64Array.from({ length: Math.max(close.length - h, 0) }, (_, t) => forward(t));
		const clusters = overlapClusters(at, h);
		returns[h] = { events, baseline, clusters };
		byHorizon[h] = horizonStats(h, events, baseline, at, clusters, { bootstrap, confidence, rng, resample });
	}
	const stats = horizons.map((h) => byHorizon[h]);
	const summary = table(Object.fromEntries(
		(Object.keys(stats[0]) as (keyof HorizonStats)[]).map((k) => [k, stats.map((s) => s[k])])
	));
	return { events: table(columns as never), summary, byHorizon, returns };
}

/** The options with their defaults, checked. */
export function studySettings(options: EventStudyOptions) {
	const { horizons = [5, 20, 60], minGap = 1, bootstrap = 10000, seed = 1, confidence = 0.95, resample = 'cluster' } = options ?? {};
	if (!Array.isArray(horizons) || horizons.length === 0) throw new Error('eventStudy: horizons must be a non-empty array of sessions');
	horizons.forEach((h) => requireInteger(h, 'each horizon', 'eventStudy'));
	requireInteger(minGap, 'minGap', 'eventStudy');
	requireInteger(bootstrap, 'bootstrap', 'eventStudy', 0);
	if (!(confidence > 0 && confidence < 1)) throw new Error(`eventStudy: confidence must be between 0 and 1, got ${confidence}`);
	if (resample !== 'cluster' && resample !== 'event') throw new Error(`eventStudy: resample must be 'cluster' or 'event', got ${String(resample)}`);
	return { horizons, minGap, bootstrap, seed, confidence, resample: resample as Resampling };
}

/** Rows of the mask, skipping any closer than `minGap` sessions to the last one kept. */
export function keepApart(mask: Uint8Array, minGap: number): number[] {
	const kept: number[] = [];
	for (let t = 0; t < mask.length; t++) {
		if (mask[t] && (kept.length === 0 || t - kept[kept.length - 1] >= minGap)) kept.push(t);
	}
	return kept;
}
