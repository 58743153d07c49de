/**
 * eventStudy with clustered events: the cluster assignment against a plain reimplementation, and
 * whether the interval and the p-value stay honest when forward windows overlap (Monte Carlo on
 * simulated prices with i.i.d. returns, so the true sampling spread is known).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventStudy, newHigh } from '../../../src/lib/research/events/index.js';
import { seededRandom } from '../../../src/lib/research/stats/random.js';
import { tinyTable } from './load.js';

/** Closes whose one-session returns are i.i.d. normal(mu, sd). */
function prices(n: number, mu: number, sd: number, seed: number): number[] {
	const random = seededRandom(seed);
	const close = [100];
	for (let i = 1; i < n; i++) {
		const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		close.push(close[i - 1] * (1 + mu + sd * z));
	}
	return close;
}

const maskOf = (n: number, rows: number[]) => Array.from({ length: n }, (_, i) => (rows.includes(i) ? 1 : 0));

/**
 * The reference definition, written differently from the library: two successive events share a
 * cluster when their forward windows {t+1, …, t+h} have a session in common. Events without a
 * forward return (t + h past the data) are left out first.
 */
function referenceClusters(rows: number[], h: number, length: number): number[] {
	const kept = rows.filter((t) => t + h < length);
	const window = (t: number) => new Set(Array.from({ length: h }, (_, k) => t + 1 + k));
	const labels: number[] = [];
	kept.forEach((t, i) => {
		if (i === 0) return labels.push(0);
		const previous = window(kept[i - 1]);
		const shares = [...window(t)].some((s) => previous.has(s));
		labels.push(labels[i - 1] + (shares ? 0 : 1));
	});
	return labels;
}

describe('eventStudy clusters', () => {
	it('hand-computed: events less than h sessions apart share a cluster', () => {
		const close = prices(50, 0, 0.01, 1);
		const rows = [1, 2, 3, 10, 12, 16, 30, 36];
		const s = eventStudy(tinyTable(close), maskOf(50, rows), { horizons: [1, 4, 5, 7, 15], bootstrap: 100 });
		// h = 1: windows never overlap, every event is its own cluster
		expect(Array.from(s.returns[1].clusters)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		// h = 4: 1-2-3, 10-12, then 16 is 4 after 12 (windows 13..16 and 17..20 are disjoint), 30, 36
		expect(Array.from(s.returns[4].clusters)).toEqual([0, 0, 0, 1, 1, 2, 3, 4]);
		// h = 5: 16 joins 10-12 (4 < 5); 30 and 36 are 6 apart
		expect(Array.from(s.returns[5].clusters)).toEqual([0, 0, 0, 1, 1, 1, 2, 3]);
		// h = 7: 3 → 10 is exactly 7 (windows 4..10 and 11..17 are disjoint); 36 joins 30
		expect(Array.from(s.returns[7].clusters)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
		// h = 15: 36 + 15 is past the data; every other gap is under 15
		expect(Array.from(s.returns[15].clusters)).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect([1, 4, 5, 7, 15].map((h) => [s.byHorizon[h].n, s.byHorizon[h].clusters])).toEqual([[8, 8], [8, 5], [8, 4], [8, 3], [7, 1]]);
		expect(s.summary.columnNames().slice(0, 3)).toEqual(['horizon', 'n', 'clusters']);
	});

	it('matches the window-overlap definition on random event sets, with and without minGap', () => {
		const random = seededRandom(17);
		for (let trial = 0; trial < 30; trial++) {
			const length = 150 + Math.floor(random() * 100);
			const close = prices(length, 0, 0.01, 100 + trial);
			const density = 0.02 + random() * 0.3;
			const mask = Array.from({ length }, () => (random() < density ? 1 : 0));
			const minGap = 1 + Math.floor(random() * 4);
			const horizons = [1, 2, 3, 5, 8, 13, 21];
			const s = eventStudy(tinyTable(close), mask, { horizons, minGap, bootstrap: 0 });
			const rows: number[] = [];
			mask.forEach((m, t) => m && (rows.length === 0 || t - rows.at(-1)! >= minGap) && rows.push(t));
			for (const h of horizons) {
				const want = referenceClusters(rows, h, length);
				expect(Array.from(s.returns[h].clusters), `trial ${trial} h ${h}`).toEqual(want);
				expect(s.byHorizon[h].clusters).toBe(want.length ? want.at(-1)! + 1 : 0);
			}
		}
	});

	it('the interval resamples whole clusters: with two clusters it runs from one cluster mean to the other', () => {
		// Draws of two clusters: A+A (mean of A), B+B (mean of B) or A+B (all events), 1/4, 1/4, 1/2;
		// the 2.5% and 97.5% quantiles are then the two cluster means exactly.
		const close = prices(60, 0, 0.02, 4);
		const rows = [5, 6, 7, 8, 30, 31];
		const s = eventStudy(tinyTable(close), maskOf(60, rows), { horizons: [3], bootstrap: 2000 });
		const fwd = (t: number) => close[t + 3] / close[t] - 1;
		const a = (fwd(5) + fwd(6) + fwd(7) + fwd(8)) / 4;
		const b = (fwd(30) + fwd(31)) / 2;
		expect(s.byHorizon[3].clusters).toBe(2);
		expect(s.byHorizon[3].ciLow).toBeCloseTo(Math.min(a, b), 14);
		expect(s.byHorizon[3].ciHigh).toBeCloseTo(Math.max(a, b), 14);
	});

	it('one cluster gives no interval but still a p-value; bad resample options fail clearly', () => {
		const close = prices(80, 0, 0.01, 5);
		const s = eventStudy(tinyTable(close), maskOf(80, [10, 11, 12, 13]), { horizons: [5], bootstrap: 500 }).byHorizon[5];
		expect([s.n, s.clusters]).toEqual([4, 1]);
		expect(s.ciLow).toBeNaN();
		expect(s.ciHigh).toBeNaN();
		expect(s.pValue).toBeGreaterThan(0);
		expect(s.pValue).toBeLessThanOrEqual(1);
		expect(() => eventStudy(tinyTable(close), newHigh(), { resample: 'block' as never })).toThrow(/eventStudy: resample must be 'cluster' or 'event'/);
	});

	it('with isolated events (gaps > h) cluster and event resampling agree', () => {
		// 30 events 100 sessions apart, h = 5: windows cover 5% of the history.
		const length = 3005;
		const rows = Array.from({ length: 30 }, (_, k) => 50 + 100 * k);
		for (const seed of [1, 2, 3]) {
			const t = tinyTable(prices(length, 0.0003, 0.012, 40 + seed));
			const c = eventStudy(t, maskOf(length, rows), { horizons: [5, 10], bootstrap: 4000, seed });
			const e = eventStudy(t, maskOf(length, rows), { horizons: [5, 10], bootstrap: 4000, seed, resample: 'event' });
			for (const h of [5, 10]) {
				expect(c.byHorizon[h].clusters).toBe(30);
				const width = e.byHorizon[h].ciHigh - e.byHorizon[h].ciLow;
				expect(Math.abs(c.byHorizon[h].ciLow - e.byHorizon[h].ciLow)).toBeLessThan(0.05 * width);
				expect(Math.abs(c.byHorizon[h].ciHigh - e.byHorizon[h].ciHigh)).toBeLessThan(0.05 * width);
				expect(Math.abs(c.byHorizon[h].pValue - e.byHorizon[h].pValue)).toBeLessThan(0.03);
			}
			// the first horizon's interval uses the very same draws
			expect(c.byHorizon[5].ciLow).toBe(e.byHorizon[5].ciLow);
			expect(c.byHorizon[5].ciHigh).toBe(e.byHorizon[5].ciHigh);
		}
	});

	it('a real effect in clustered events is still found', () => {
		// events: sessions whose next 10 sessions rise by more than 3% (they bunch up heavily)
		const close = prices(2000, 0, 0.01, 8);
		const lucky = close.map((c, t) => (t + 10 < close.length && close[t + 10] / c - 1 > 0.03 ? 1 : 0));
		const s = eventStudy(tinyTable(close), lucky, { horizons: [10], bootstrap: 2000 }).byHorizon[10];
		expect(s.clusters).toBeLessThan(s.n / 2);
		expect(s.pValue).toBeLessThan(0.001);
		expect(s.ciLow).toBeGreaterThan(s.baselineMean);
	});
});

describe('eventStudy on strongly overlapping events: Monte Carlo', () => {
	// 20 runs of 10 events on consecutive sessions, 20 quiet sessions between runs, h = 10,
	// i.i.d. returns: the 200 forward returns come in 20 blocks of heavily overlapping windows.
	const runs = 20;
	const run = 10;
	const quiet = 20;
	const h = 10;
	const mu = 0.0005;
	const length = runs * (run + quiet) + h;
	const mask = Array.from({ length }, (_, i) => (i < runs * (run + quiet) && i % (run + quiet) < run ? 1 : 0));
	const truth = (1 + mu) ** h - 1; // E[close[t+h] / close[t]] − 1 for i.i.d. returns
	const trials = 200;
	const bootstrap = 500;

	type Interval = { ciLow: number; ciHigh: number; pValue: number };
	const results = { cluster: [] as Interval[], event: [] as Interval[] };
	const means: number[] = [];
	const independentStarts: number[] = [];
	let trueWidth = NaN;
	beforeAll(() => {
		for (let k = 0; k < trials; k++) {
			const close = prices(length, mu, 0.01, 5000 + k);
			const t = tinyTable(close);
			for (const resample of ['cluster', 'event'] as const) {
				const s = eventStudy(t, mask, { horizons: [h], bootstrap, seed: k + 1, resample }).byHorizon[h];
				results[resample].push(s);
				if (resample === 'cluster') means.push(s.mean);
			}
			independentStarts.push(independentStartPValue(close, k));
		}
		// the spread of the event mean over independent histories: what a 95% interval should span
		const sd = Math.sqrt(means.reduce((a, m) => a + (m - truth) ** 2, 0) / trials);
		trueWidth = 2 * 1.959964 * sd;
	});

	/**
	 * The p-value of a null placing each run at its own uniformly random start (runs may overlap),
	 * in plain loops: the alternative the library's documentation argues against.
	 */
	function independentStartPValue(close: number[], seed: number): number {
		const base = close.slice(0, close.length - h).map((c, t) => close[t + h] / c - 1);
		const baseMean = base.reduce((a, b) => a + b) / base.length;
		const events = mask.flatMap((m, t) => (m && t + h < close.length ? [close[t + h] / close[t] - 1] : []));
		const observed = Math.abs(events.reduce((a, b) => a + b) / events.length - baseMean);
		const random = seededRandom(seed);
		let extreme = 0;
		for (let r = 0; r < bootstrap; r++) {
			let sum = 0;
			for (let c = 0; c < runs; c++) {
				const start = Math.floor(random() * base.length);
				for (let i = 0; i < run; i++) sum += base[(start + i) % base.length];
			}
			if (Math.abs(sum / (runs * run) - baseMean) >= observed - 1e-12) extreme++;
		}
		return (extreme + 1) / (bootstrap + 1);
	}

	const coverage = (rs: Interval[]) => rs.filter((r) => r.ciLow <= truth && truth <= r.ciHigh).length / trials;
	const widthRatio = (rs: Interval[]) => rs.reduce((a, r) => a + r.ciHigh - r.ciLow, 0) / trials / trueWidth;
	const rejections = (ps: number[]) => ps.filter((p) => p < 0.05).length / trials;

	it('the independent-event interval is far too narrow; the cluster interval is about right', () => {
		// Each run's 10 returns share most sessions: the variance of the mean is ~6.7× the
		// independent one (weights 1, 2, …, 10, …, 1 on the daily returns), so ±1.96 i.i.d. SEs
		// cover only ~55%. 200 trials: a 95% rate is 0.95 ± 0.015.
		expect(coverage(results.event)).toBeLessThan(0.7);
		expect(widthRatio(results.event)).toBeLessThan(0.5);
		expect(coverage(results.cluster)).toBeGreaterThanOrEqual(0.9);
		expect(widthRatio(results.cluster)).toBeGreaterThan(0.85);
		expect(widthRatio(results.cluster)).toBeLessThan(1.15);
	});

	it('under the null, a 5% test rejects about 5% of the time only with the cluster null', () => {
		// binomial(200, 0.05): 10 ± 3 rejections
		expect(rejections(results.event.map((r) => r.pValue))).toBeGreaterThan(0.15);
		const cluster = rejections(results.cluster.map((r) => r.pValue));
		expect(cluster).toBeGreaterThanOrEqual(0.015);
		expect(cluster).toBeLessThanOrEqual(0.1);
		// runs at independent random starts may overlap, unlike real runs: far too conservative
		expect(rejections(independentStarts)).toBeLessThan(0.015);
	});
});
