import { table, type ColumnTable } from 'arquero';
import { numberColumn, requireInteger } from '../input.js';
import { adjustPValues, multipleTestingNote } from '../stats/multiple-testing.js';
import { hitRate, mean, median, quantileSorted } from '../stats/summary.js';
import { bySymbol } from '../universe/by-symbol.js';
import { symbolMask, type ConditionLike } from './conditions.js';
import { groupsOf, overlapClusters } from './event-clusters.js';
import { keepApart, studySettings, type EventStudy, type EventStudyOptions, type HorizonStats } from './event-study.js';
import { horizonStats, nullPValue } from './horizon-stats.js';
import { resampledGroupMeans } from './resampling.js';

/** What a study over a long table adds: its size, per-symbol tests and how to read them. */
export interface UniverseSummary {
	/** symbols in the table */
	symbols: number;
	/** symbols with at least one event */
	withEvents: number;
	/** conditions tried on this universe (the `tried` option) */
	conditions: number;
	/** symbol tests counted for the corrections: symbols × horizons × conditions */
	tests: number;
	/**
	 * one row per symbol with events and horizon: symbol, horizon, n, clusters, mean,
	 * baselineMean, pValue, and pHolm / pBH adjusted over all `tests` (empty with `perSymbol: false`)
	 */
	bySymbol: ColumnTable;
	/** plain words: tests tried, false positives expected by chance, how many survive each correction */
	note: string;
}

/** One symbol's events and baseline at every horizon. */
interface SymbolPart {
	symbol: string;
	close: Float64Array;
	/** dates as epoch milliseconds (checked ascending when the table was split) */
	times: Float64Array;
	rows: number[];
}

/** The pooled study behind `eventStudy` on a long table (see its TSDoc). */
export function universeEventStudy(source: ColumnTable, condition: ConditionLike, options: EventStudyOptions): EventStudy {
	const settings = studySettings(options);
	const { horizons, minGap, bootstrap, seed, confidence, resample } = settings;
	const { tried = 1, perSymbol = true } = options;
	requireInteger(tried, 'tried', 'eventStudy');
	const slices = bySymbol(source, 'eventStudy');
	const rowCount = source.numRows();
	if (typeof condition !== 'function' && condition?.length !== rowCount) {
		throw new Error(`eventStudy: a mask has ${condition?.length} values for the long table's ${rowCount} rows`);
	}
	const parts: SymbolPart[] = slices.map((slice) => {
		let close: Float64Array;
		try {
			close = numberColumn(slice.table, 'close', 'eventStudy');
		} catch (error) {
			throw new Error(`${(error as Error).message} (symbol ${slice.symbol})`);
		}
		const mask = typeof condition === 'function' ? symbolMask(slice, condition, 'eventStudy') : Uint8Array.from(slice.rows, (r) => (condition[r] ? 1 : 0));
		return { symbol: slice.symbol, close, times: slice.times, rows: keepApart(mask, minGap) };
	});
	const rng = { state: seed | 0 };
	const byHorizon: Record<number, HorizonStats> = {};
	const returns: EventStudy['returns'] = {};
	const perSymbolRows: Record<string, unknown>[] = [];
	for (const h of horizons) {
		const data = parts.map((part) => horizonData(part, h));
		const pooled = pooledHorizon(parts, data, h, { bootstrap, confidence, rng, resample });
		byHorizon[h] = pooled.stats;
		returns[h] = pooled.returns;
		if (!perSymbol) continue;
		for (const [k, { events, baseline, at, clusters }] of data.entries()) {
			const part = parts[k];
			if (events.length === 0) continue;
			// Only what the per-symbol table shows: no interval, no medians (a sort per symbol and horizon).
			const eventMean = mean(events);
			const baselineMean = mean(baseline);
			const groups = groupsOf(events, at, resample === 'cluster' ? clusters : null);
			const pValue = nullPValue(h, groups, eventMean, baseline, baselineMean, at, { bootstrap, rng, resample });
			perSymbolRows.push({ symbol: part.symbol, horizon: h, n: events.length, clusters: clusters[clusters.length - 1] + 1, mean: eventMean, baselineMean, pValue });
		}
	}
	const columns: Record<string, unknown[]> = { symbol: [], date: [], close: [] };
	for (const h of horizons) columns[`fwd${h}`] = [];
	for (const part of parts) {
		for (const t of part.rows) {
			columns.symbol.push(part.symbol);
			columns.date.push(new Date(part.times[t]));
			columns.close.push(part.close[t]);
			for (const h of horizons) columns[`fwd${h}`].push(t + h < part.close.length ? part.close[t + h] / part.close[t] - 1 : NaN);
		}
	}
	const stats = horizons.map((h) => byHorizon[h]);
	const summary = table(Object.fromEntries((Object.keys(stats[0]) as (keyof HorizonStats)[]).map((k) => [k, stats.map((s) => s[k])])));
	const withEvents = parts.filter((p) => p.rows.length > 0).length;
	// Every symbol counts as a test at every horizon, events or not: the ones with none were tried too.
	const tests = slices.length * horizons.length * tried;
	const pValues = perSymbolRows.map((r) => r.pValue as number);
	const pHolm = adjustPValues(pValues, 'holm', Math.max(tests, pValues.length));
	const pBH = adjustPValues(pValues, 'bh', Math.max(tests, pValues.length));
	perSymbolRows.forEach((r, i) => Object.assign(r, { pHolm: pHolm[i], pBH: pBH[i] }));
	const what = `${slices.length} symbols × ${horizons.length} horizon${horizons.length > 1 ? 's' : ''} × ${tried} condition${tried > 1 ? 's' : ''}`;
	const floor = bootstrap > 0 ? ` The smallest p-value ${bootstrap} resamples can give is ${(1 / (bootstrap + 1)).toPrecision(2)}; Holm needs p below ${(0.05 / tests).toPrecision(2)}.` : '';
	const note = perSymbol
		? multipleTestingNote(pValues, what, Math.max(tests, pValues.length)) + floor
		: `${what} = ${tests} tests tried: at 5% expect ~${Math.round(tests * 0.05)} false positives by chance (per-symbol tests off).`;
	const symbolColumns = ['symbol', 'horizon', 'n', 'clusters', 'mean', 'baselineMean', 'pValue', 'pHolm', 'pBH'];
	return {
		events: table(columns as never),
		summary,
		byHorizon,
		returns,
		universe: {
			symbols: slices.length,
			withEvents,
			conditions: tried,
			tests,
			bySymbol: table(Object.fromEntries(symbolColumns.map((k) => [k, perSymbolRows.map((r) => r[k])])) as never),
			note
		}
	};
}

/** A symbol's events with a forward return at h, their rows and clusters, and its baseline. */
function horizonData({ close, rows }: SymbolPart, h: number) {
	const forward = (t: number) => close[t + h] / close[t] - 1;
	const at = Int32Array.from(rows.filter((t) => t + h < close.length));
	const events = Float64Array.from(at, forward);
	const baseline = Float64Array.from({ length: Math.max(close.length - h, 0) }, (_, t) => forward(t));
	return { horizon: h, events, baseline, at, clusters: overlapClusters(at, h) };
}

/**
 * The pooled statistics at one horizon. The interval resamples the clusters of all symbols
 * together. The p-value tests the events' abnormal returns (see abnormalReturns) against zero,
 * not the events against their symbols' baselines: the run that makes a condition true (the
 * rally to a new high) is in a symbol's baseline but never in an event's forward window, and
 * symbols whose path trended carry more events, so on driftless random walks events sit about
 * 2 standard errors below their own baselines and a null built on those baselines rejected 31
 * of 100 true nulls at 5% (test/unit/research/pooled-null.test.ts). The null is a bootstrap of
 * the abnormal returns: clusters (never spanning symbols) drawn with replacement, and p the share
 * of draws at least as far from the observed mean as it is from zero. One symbol is a
 * single-series study and gets exactly its numbers.
 */
function pooledHorizon(
	parts: SymbolPart[],
	data: ReturnType<typeof horizonData>[],
	h: number,
	settings: { bootstrap: number; confidence: number; rng: { state: number }; resample: 'cluster' | 'event' }
): { stats: HorizonStats; returns: EventStudy['returns'][number] } {
	const { bootstrap, confidence, rng, resample } = settings;
	if (data.length === 1) {
		const [{ events, baseline, at, clusters }] = data;
		return { stats: horizonStats(h, events, baseline, at, clusters, settings), returns: { events, baseline, clusters } };
	}
	const n = data.reduce((sum, d) => sum + d.events.length, 0);
	const events = new Float64Array(n);
	const clusters = new Int32Array(n);
	const baseline = new Float64Array(data.reduce((sum, d) => sum + d.baseline.length, 0));
	let offset = 0;
	let clusterOffset = 0;
	let baseOffset = 0;
	for (const d of data) {
		events.set(d.events, offset);
		for (let i = 0; i < d.clusters.length; i++) clusters[offset + i] = d.clusters[i] + clusterOffset;
		if (d.events.length) clusterOffset += d.clusters[d.clusters.length - 1] + 1;
		offset += d.events.length;
		baseline.set(d.baseline, baseOffset);
		baseOffset += d.baseline.length;
	}
	const eventMean = mean(events);
	let ciLow = NaN;
	let ciHigh = NaN;
	let pValue = NaN;
	if (n > 0 && bootstrap > 0) {
		// Only the cluster numbers matter to the interval's draw, not the rows.
		const groups = groupsOf(events, new Int32Array(n), resample === 'cluster' ? clusters : null);
		if (groups.count >= 2) {
			const means = resampledGroupMeans(groups, bootstrap, rng).sort();
			ciLow = quantileSorted(means, (1 - confidence) / 2);
			ciHigh = quantileSorted(means, (1 + confidence) / 2);
		}
		pValue = abnormalPValue(abnormalReturns(parts, data), bootstrap, rng, resample);
	}
	return {
		stats: {
			horizon: h,
			n,
			clusters: clusterOffset,
			mean: eventMean,
			median: median(events),
			hitRate: hitRate(events),
			baselineMean: mean(baseline),
			baselineMedian: median(baseline),
			baselineHitRate: hitRate(baseline),
			ciLow,
			ciHigh,
			pValue
		},
		returns: { events, baseline, clusters }
	};
}

/** Sessions whose excess estimates a symbol's normal excess after an event: about a year. */
const LATER = 252;

/**
 * Each event's abnormal return, with its cluster renumbered over all symbols. A symbol's excess
 * at a session is its forward return minus the mean forward return of the other symbols from
 * the same date (leave-one-out), which removes what the whole market did. An event's abnormal
 * return at horizon h is its excess minus its symbol's mean excess over the LATER sessions from
 * h sessions after it, which removes what is normal for that symbol (a stock that rises faster
 * than the rest has more new highs and beats the universe after them, as after any day).
 * Only later sessions estimate that normal: they are as unknown at the event as its forward
 * return, whereas earlier ones hold the run that made the condition true; starting h sessions
 * on keeps the event's own window (and an effect in it) out of its yardstick. Events on a date
 * no other symbol has a forward return from, or in the symbol's last 2h sessions (no excess from
 * h sessions on), are left out of the test.
 */
function abnormalReturns(parts: SymbolPart[], data: ReturnType<typeof horizonData>[]) {
	const byDate = new Map<number, { sum: number; count: number }>();
	data.forEach((d, k) => {
		const { times } = parts[k];
		for (let t = 0; t < d.baseline.length; t++) {
			const cell = byDate.get(times[t]);
			if (cell) {
				cell.sum += d.baseline[t];
				cell.count++;
			} else byDate.set(times[t], { sum: d.baseline[t], count: 1 });
		}
	});
	const abnormal: number[] = [];
	const cluster: number[] = [];
	let next = 0;
	data.forEach((d, k) => {
		if (d.events.length === 0) return;
		const h = d.horizon;
		const { times } = parts[k];
		const length = d.baseline.length;
		// Prefix sums of the excess and of how many sessions have one.
		const sums = new Float64Array(length + 1);
		const counts = new Float64Array(length + 1);
		const excess = new Float64Array(length);
		for (let t = 0; t < length; t++) {
			const cell = byDate.get(times[t])!;
			excess[t] = cell.count < 2 ? NaN : d.baseline[t] - (cell.sum - d.baseline[t]) / (cell.count - 1);
			const known = Number.isNaN(excess[t]) ? 0 : 1;
			sums[t + 1] = sums[t] + (known ? excess[t] : 0);
			counts[t + 1] = counts[t] + known;
		}
		let last = -1;
		for (let i = 0; i < d.events.length; i++) {
			const t = d.at[i];
			const from = Math.min(length, t + h);
			const end = Math.min(length, from + LATER);
			const later = counts[end] - counts[from];
			if (Number.isNaN(excess[t]) || later === 0) continue;
			abnormal.push(excess[t] - (sums[end] - sums[from]) / later);
			if (d.clusters[i] !== last) next++;
			last = d.clusters[i];
			cluster.push(next - 1);
		}
	});
	return { abnormal: Float64Array.from(abnormal), cluster: Int32Array.from(cluster) };
}

/**
 * Two-sided bootstrap p-value of a mean abnormal return of zero: (count + 1) / (resamples + 1) over the
 * resampled means at least as far from the observed mean as the observed mean is from zero
 * (the resampled spread, centred on the data, stands in for the spread under the null). NaN
 * with fewer than two clusters (events with `'event'`), which give no spread.
 */
function abnormalPValue(
	{ abnormal, cluster }: { abnormal: Float64Array; cluster: Int32Array },
	bootstrap: number,
	rng: { state: number },
	resample: 'cluster' | 'event'
): number {
	const groups = groupsOf(abnormal, new Int32Array(abnormal.length), resample === 'cluster' ? cluster : null);
	if (groups.count < 2) return NaN;
	const observed = mean(abnormal);
	let extreme = 0;
	// A tiny tolerance so a draw exactly as far counts despite rounding.
	for (const m of resampledGroupMeans(groups, bootstrap, rng)) if (Math.abs(m - observed) >= Math.abs(observed) - 1e-12) extreme++;
	return (extreme + 1) / (bootstrap + 1);
}
