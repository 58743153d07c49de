/**
 * Calibration of the pooled event-study p-value on generated universes (no effect by
 * construction unless planted): how often a 5% test rejects, per scenario and horizon, with a
 * binomial 95% range for a calibrated test, and the p-value of a planted drift after new highs.
 * The unit test (test/unit/research/pooled-null.test.ts) runs a small driftless version.
 * Smaller or larger: TAPE_BENCH_UNIVERSES=200 TAPE_BENCH_SYMBOLS=50 npm run bench -- pooled-null
 */
import { eventStudy, newHigh } from '../src/lib/research/index.js';
import { randomWalks, type WalkOptions } from '../test/unit/research/random-walks.js';

const universes = Number(process.env.TAPE_BENCH_UNIVERSES ?? 200);
const symbols = Number(process.env.TAPE_BENCH_SYMBOLS ?? 50);
const sessions = Number(process.env.TAPE_BENCH_SESSIONS ?? 1000);
const horizons = [21, 63];
const condition = newHigh({ lookback: 252 });

const scenarios: [string, WalkOptions][] = [
	['driftless', {}],
	['market factor (half the variance)', { market: 0.5 }],
	['drifts spread over ±20% a year', { driftSpread: 0.2 }]
];

// A calibrated test's rejections are Binomial(universes, 0.05): mean ± 1.96 sd.
const sd = Math.sqrt(universes * 0.05 * 0.95);
console.log(`pooled p-value calibration: ${universes} universes × ${symbols} symbols × ${sessions} sessions, new 252-session highs, 199 resamples`);
console.log(`  calibrated: ${(universes * 0.05).toFixed(1)} rejections at 5%, 95% range ${Math.max(0, Math.ceil(universes * 0.05 - 1.96 * sd))}–${Math.floor(universes * 0.05 + 1.96 * sd)}`);
for (const [name, options] of scenarios) {
	const start = performance.now();
	const rejected = Object.fromEntries(horizons.map((h) => [h, 0]));
	for (let u = 0; u < universes; u++) {
		const study = eventStudy(randomWalks(5000 + u, symbols, sessions, options), condition, { horizons, bootstrap: 199, perSymbol: false, seed: u + 1 });
		for (const h of horizons) if (study.byHorizon[h].pValue < 0.05) rejected[h]++;
	}
	const figures = horizons.map((h) => `h=${h}: ${rejected[h]}/${universes} (${((100 * rejected[h]) / universes).toFixed(1)}%)`).join('   ');
	console.log(`  ${name.padEnd(36)} ${figures}   ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
for (const drift of [0.0005, 0.001, 0.002]) {
	const study = eventStudy(randomWalks(77, symbols, sessions, { planted: Math.round(symbols / 2), drift }), condition, { horizons: [21], bootstrap: 999, perSymbol: false });
	console.log(`  power: half the symbols drift +${(drift * 100).toFixed(2)}%/session for 21 sessions after new highs: pooled p = ${study.byHorizon[21].pValue.toFixed(3)}`);
}
