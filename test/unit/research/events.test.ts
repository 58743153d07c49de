import { describe, expect, it } from 'vitest';
import {
	allOf, anyOf, conditionMask, crossAbove, crossBelow, downStreak, eventStudy, negate, newHigh, reversal, upStreak
} from '../../../src/lib/research/events/index.js';
import { seededRandom } from '../../../src/lib/research/stats/random.js';
import { fixture, hasData, loadPrices, tinyTable } from './load.js';

const mask = (close: number[], c: Parameters<typeof conditionMask>[1]) => Array.from(conditionMask(tinyTable(close), c));

describe('conditions', () => {
	const close = [10, 11, 10.5, 12, 13, 12.5, 11.9, 12.2, 14];
	it('newHigh: above every earlier close; lookback limits the memory', () => {
		expect(mask(close, newHigh())).toEqual([0, 1, 0, 1, 1, 0, 0, 0, 1]);
		expect(mask([5, 4, 3, 4.5], newHigh({ lookback: 2 }))).toEqual([0, 0, 0, 1]);
	});
	it('streaks fire once, on the session they reach n', () => {
		expect(mask([1, 2, 3, 4, 5, 4, 3, 2], upStreak(2))).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
		expect(mask([1, 2, 3, 4, 5, 4, 3, 2], downStreak(3))).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
	});
	it('reversal: first close ≥ pct below a new high within the window', () => {
		// high 13 at row 4; 11.9 at row 6 is 8.5% below, within 2 sessions; row 7 is not a new event
		expect(mask(close, reversal({ fromHigh: 0.05, within: 2 }))).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
		expect(mask(close, reversal({ fromHigh: 0.05, within: 1 }))).toEqual(new Array(9).fill(0));
	});
	it('crosses of a level and of a series; combinators', () => {
		expect(mask(close, crossAbove(12))).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0]);
		expect(mask(close, crossBelow(12))).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
		expect(mask([1, 3, 2], crossAbove([2, 2, 2]))).toEqual([0, 1, 0]);
		expect(mask(close, allOf(newHigh(), crossAbove(12)))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
		expect(mask(close, anyOf(crossBelow(12), [1, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0]);
		expect(mask(close, negate(newHigh()))).toEqual([1, 0, 1, 0, 0, 1, 1, 1, 0]);
	});
	it('bad conditions fail clearly', () => {
		expect(() => reversal({ fromHigh: 3, within: 2 })).toThrow(/reversal: fromHigh must be a fraction/);
		expect(() => mask(close, [1, 0])).toThrow(/gave 2 values for 9 rows/);
		expect(() => eventStudy(tinyTable(close), newHigh(), { horizons: [0] })).toThrow(/eventStudy: each horizon must be an integer/);
	});
});

describe('eventStudy statistics', () => {
	it('matches an independent loop, applies minGap and marks missing forward returns NaN', () => {
		const close = [10, 11, 12, 11, 13, 14, 12, 15, 16, 15];
		const s = eventStudy(tinyTable(close), newHigh(), { horizons: [2, 3], minGap: 2, bootstrap: 200 });
		// new highs at 1,2,4,5,7,8; minGap 2 keeps 1, 4, 7 (2 is 1 after 1; 5 after 4; 8 after 7)
		expect((s.events.array('date') as Date[]).map((d) => d.getUTCDate() - 1)).toEqual([1, 4, 7]);
		const fwd = [11 / 11 - 1, 12 / 13 - 1, 15 / 15 - 1];
		expect(Array.from(s.events.array('fwd2'))).toEqual(fwd);
		const st = s.byHorizon[2];
		expect(st.n).toBe(3);
		expect(st.mean).toBeCloseTo((fwd[0] + fwd[1] + fwd[2]) / 3, 14);
		expect(st.median).toBe(0);
		expect(st.hitRate).toBe(0);
		expect(Array.from(s.events.array('fwd3'))).toEqual([13 / 11 - 1, 15 / 13 - 1, NaN]);
		expect(s.byHorizon[3].n).toBe(2);
		const base = close.slice(0, -2).map((c, t) => close[t + 2] / c - 1);
		expect(st.baselineMean).toBeCloseTo(base.reduce((a, b) => a + b) / base.length, 14);
		expect(st.baselineHitRate).toBeCloseTo(base.filter((r) => r > 0).length / base.length, 14);
		expect(st.ciLow).toBeLessThanOrEqual(st.mean);
		expect(st.ciHigh).toBeGreaterThanOrEqual(st.mean);
	});

	it('is reproducible with a seed', () => {
		const t = tinyTable(Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 7) + i / 10));
		const a = eventStudy(t, upStreak(3), { seed: 5, bootstrap: 500 }).byHorizon[5];
		const b = eventStudy(t, upStreak(3), { seed: 5, bootstrap: 500 }).byHorizon[5];
		const c = eventStudy(t, upStreak(3), { seed: 6, bootstrap: 500 }).byHorizon[5];
		expect(b).toEqual(a);
		expect(c.ciLow).not.toBe(a.ciLow);
	});

	// Prices whose one-session returns are i.i.d. normal with a known mean: every session is an event.
	function synthetic(n: number, mu: number, sd: number, seed: number) {
		const random = seededRandom(seed);
		const close = [100];
		for (let i = 1; i < n; i++) {
			const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
			close.push(close[i - 1] * (1 + mu + sd * z));
		}
		return tinyTable(close);
	}

	it('the 95% interval covers the true mean about 95% of the time', () => {
		const mu = 0.001;
		let covered = 0;
		const trials = 60;
		for (let k = 0; k < trials; k++) {
			const t = synthetic(101, mu, 0.01, 1000 + k);
			const st = eventStudy(t, new Array(101).fill(1), { horizons: [1], bootstrap: 1000, seed: k }).byHorizon[1];
			if (st.ciLow <= mu && mu <= st.ciHigh) covered++;
		}
		// binomial(60, 0.95) is ≥ 52 with probability > 99%; a broken interval (e.g. ±1 SE) gives ~41
		expect(covered).toBeGreaterThanOrEqual(52);
	});

	it('p-value: tiny for events picked by their future, not tiny for random events', () => {
		const t = synthetic(2000, 0, 0.01, 3);
		const close = t.array('close') as number[];
		const lucky = close.map((c, i) => (i + 1 < close.length && close[i + 1] / c - 1 > 0.01 ? 1 : 0));
		expect(eventStudy(t, lucky, { horizons: [1], bootstrap: 2000 }).byHorizon[1].pValue).toBeLessThan(0.001);
		const random = seededRandom(9);
		const chance = close.map(() => (random() < 0.05 ? 1 : 0));
		expect(eventStudy(t, chance, { horizons: [1], bootstrap: 2000 }).byHorizon[1].pValue).toBeGreaterThan(0.05);
	});
});

describe.runIf(hasData('IWM') && hasData('^RUT') && hasData('QQQ'))('eventStudy on real data vs numpy', () => {
	type Stats = { n: number; clusters: number; mean: number; median: number; hitRate: number; baselineMean: number; baselineHitRate: number; clusterSE: number; iidSE: number };
	const want = fixture<Record<string, { events: number } & Record<string, Stats>>>('events.json');
	const cases: [string, string, Parameters<typeof eventStudy>[1], number, number[]][] = [
		['IWM newHigh gap1', 'IWM', newHigh(), 1, [5, 20, 60]],
		['IWM newHigh gap20', 'IWM', newHigh(), 20, [5, 20, 60]],
		['^RUT reversal 3% within 3', '^RUT', reversal({ fromHigh: 0.03, within: 3 }), 1, [21, 63, 126]],
		['QQQ upStreak 8', 'QQQ', upStreak(8), 1, [21, 42]]
	];
	it.each(cases)('%s', (name, symbol, condition, minGap, horizons) => {
		const s = eventStudy(loadPrices(symbol), condition, { horizons, minGap, bootstrap: 1000 });
		expect(s.events.numRows()).toBe(want[name].events);
		for (const h of horizons) {
			const got = s.byHorizon[h];
			const exp = want[name][String(h)];
			expect(got.n).toBe(exp.n);
			expect(got.clusters, `${h} clusters`).toBe(exp.clusters);
			for (const k of ['mean', 'median', 'hitRate', 'baselineMean', 'baselineHitRate'] as const) expect(got[k], `${h} ${k}`).toBeCloseTo(exp[k], 12);
			expect(got.ciLow).toBeLessThan(got.mean);
			expect(got.ciHigh).toBeGreaterThan(got.mean);
		}
	});

	// The bootstrap's spread against numpy's standard errors: over clusters (the plug-in
	// sqrt(Σ (S_k − m·n_k)²) / n) for the default, over events (σ/√n) for resample: 'event'.
	it.each(cases)('%s: 95%% interval width ≈ 2 × 1.96 standard errors', (name, symbol, condition, minGap, horizons) => {
		const t = loadPrices(symbol);
		const cluster = eventStudy(t, condition, { horizons, minGap, bootstrap: 4000 });
		const event = eventStudy(t, condition, { horizons, minGap, bootstrap: 4000, resample: 'event' });
		for (const h of horizons) {
			const se = (s: { ciLow: number; ciHigh: number }) => (s.ciHigh - s.ciLow) / (2 * 1.959964);
			expect(se(cluster.byHorizon[h]) / want[name][String(h)].clusterSE, `${h} cluster`).toBeGreaterThan(0.9);
			expect(se(cluster.byHorizon[h]) / want[name][String(h)].clusterSE, `${h} cluster`).toBeLessThan(1.12);
			expect(se(event.byHorizon[h]) / want[name][String(h)].iidSE, `${h} event`).toBeGreaterThan(0.9);
			expect(se(event.byHorizon[h]) / want[name][String(h)].iidSE, `${h} event`).toBeLessThan(1.1);
		}
	});
});
