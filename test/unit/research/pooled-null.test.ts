import { describe, expect, it } from 'vitest';
import { eventStudy, newHigh } from '../../../src/lib/research/index.js';
import { randomWalks } from './random-walks.js';

const horizons = [21, 63];
const lookback = 252;

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
			const study = eventStudy(randomWalks(1000 + u, 40, 1000), newHigh({ lookback }), { horizons, bootstrap: 199, perSymbol: false, seed: u + 1 });
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
		const study = eventStudy(randomWalks(77, 40, 1000, { planted: 20, drift: 0.002 }), newHigh({ lookback }), { horizons: [21], bootstrap: 999, perSymbol: false });
		const pooled = study.byHorizon[21];
		expect(pooled.mean).toBeGreaterThan(pooled.baselineMean);
		expect(pooled.pValue).toBeLessThan(0.01);
		// and the same universe without the drift finds nothing
		const none = eventStudy(randomWalks(77, 40, 1000), newHigh({ lookback }), { horizons: [21], bootstrap: 999, perSymbol: false });
		expect(none.byHorizon[21].pValue).toBeGreaterThan(0.05);
	});
});
