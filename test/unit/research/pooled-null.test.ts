import { describe, expect, it } from 'vitest';
import { table, type ColumnTable } from 'arquero';
import { eventStudy, newHigh } from '../../../src/lib/research/index.js';
import { seededRandom } from '../../../src/lib/research/stats/random.js';

const horizons = [21, 63];
const lookback = 252;

/**
 * A long table of driftless log random walks (1% daily). With `planted`, that many symbols
 * drift up `drift` per session for the 21 sessions after each new `lookback`-session high.
 */
function universe(seed: number, symbols: number, sessions: number, planted = 0, drift = 0): ColumnTable {
	const random = seededRandom(seed);
	const columns = { symbol: [] as string[], date: [] as Date[], close: [] as number[] };
	for (let s = 0; s < symbols; s++) {
		const close: number[] = [];
		let boost = 0;
		for (let t = 0; t < sessions; t++) {
			const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
			const step = 0.01 * z + (boost > 0 ? drift : 0);
			close.push(t === 0 ? 100 : close[t - 1] * Math.exp(step));
			if (boost > 0) boost--;
			if (s < planted && t > 0 && close.slice(Math.max(0, t - lookback), t).every((c) => close[t] > c)) boost = 21;
			columns.symbol.push(`S${s}`);
			columns.date.push(new Date(Date.UTC(2000, 0, 1 + t)));
		}
		columns.close.push(...close);
	}
	return table(columns);
}

describe('the pooled p-value of a universe event study', () => {
	// Every universe has no effect by construction, so a calibrated 5% test rejects about 5% of
	// them. The seeds are fixed, so the count is the same on every run: the bound is not a
	// flaky tolerance but a check that the figure is where a calibrated test puts it. 50
	// universes × 2 horizons = 100 tests; if each rejected at 5%, 13 or more would happen with
	// probability ≈ 0.002 (binomial, mean 5, sd 2.2). The old null, built on each symbol's own
	// baseline, rejected 31 of these 100; the abnormal returns reject 2.
	it('rejects about 5% of universes of driftless random walks (new 252-session highs)', () => {
		let rejected = 0;
		let tests = 0;
		for (let u = 0; u < 50; u++) {
			const study = eventStudy(universe(1000 + u, 40, 1000), newHigh({ lookback }), { horizons, bootstrap: 199, perSymbol: false, seed: u + 1 });
			for (const h of horizons) {
				expect(study.byHorizon[h].pValue).toBeGreaterThan(0);
				tests++;
				if (study.byHorizon[h].pValue < 0.05) rejected++;
			}
		}
		expect(tests).toBe(100);
		expect(rejected).toBeLessThanOrEqual(12);
		// Not calibrated by being blind: a test that never rejects would pass the line above.
		expect(rejected).toBeGreaterThanOrEqual(1);
	}, 60_000);

	it('still finds a real effect: a drift after new highs in half the symbols', () => {
		const study = eventStudy(universe(77, 40, 1000, 20, 0.002), newHigh({ lookback }), { horizons: [21], bootstrap: 999, perSymbol: false });
		const pooled = study.byHorizon[21];
		expect(pooled.mean).toBeGreaterThan(pooled.baselineMean);
		expect(pooled.pValue).toBeLessThan(0.01);
		// and the same universe without the drift finds nothing
		const none = eventStudy(universe(77, 40, 1000), newHigh({ lookback }), { horizons: [21], bootstrap: 999, perSymbol: false });
		expect(none.byHorizon[21].pValue).toBeGreaterThan(0.05);
	});
});
