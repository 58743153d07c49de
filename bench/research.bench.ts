/**
 * Research library timings on real data: analogue search (FFT) vs the naive O(n·w) scan, and an
 * event study with 10,000 bootstrap resamples. Prints figures; asserts nothing.
 * Run: npx tsx bench/research.bench.ts   (TAPE_DATA_DIR points at the price CSVs)
 */
import { table, type ColumnTable } from 'arquero';
import { analogues, eventStudy, newHigh, upStreak, anyOf } from '../src/lib/research/index.js';
import { hasData, loadPrices } from '../test/unit/research/load.js';
import { naiveShapeAnalogues } from '../test/unit/research/naive-analogues.js';

/** Median of `repeats` timed runs after as many untimed ones, so both sides are measured JIT-warm. */
function medianMs(run: () => unknown, repeats: number): number {
	for (let i = 0; i < repeats; i++) run();
	const times: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const start = performance.now();
		run();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return times[times.length >> 1];
}

/** 7,500 sessions: SPY's history followed by a continuation of its own returns. */
function sessions7500(): ColumnTable {
	const spy = loadPrices('SPY');
	const close = Array.from(spy.array('close') as number[]);
	const returns = close.slice(1).map((c, i) => c / close[i]);
	for (let i = 0; close.length < 7500; i++) close.push(close[close.length - 1] * returns[i % returns.length]);
	const date = close.map((_, i) => new Date(Date.UTC(1995, 0, 1) + i * 864e5));
	return table({ date, close });
}

if (!hasData('SPY')) process.exit(0);
const t = sessions7500();
const close = t.array('close') as number[];
console.log(`analogue search over ${t.numRows()} sessions (top 5, shape; median of 5 alternating rounds)`);
// Both searches are warmed on every window first, then measured in alternating rounds (median of
// the round medians), so JIT warm-up and a busy neighbour on this 2-core machine weigh on both alike.
const windows = [60, 120, 250];
for (const window of windows) for (let i = 0; i < 20; i++) analogues(t, { window, top: 5 });
const rounds = 5;
const times = new Map(windows.map((w) => [w, { fast: [] as number[], naive: [] as number[] }]));
for (let round = 0; round < rounds; round++) {
	for (const window of windows) {
		times.get(window)!.fast.push(medianMs(() => analogues(t, { window, top: 5 }), 21));
		times.get(window)!.naive.push(medianMs(() => naiveShapeAnalogues(close, window, 5), 3));
	}
}
const middle = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const window of windows) {
	const fast = middle(times.get(window)!.fast);
	const naive = middle(times.get(window)!.naive);
	console.log(`  window ${window}: ${fast.toFixed(2)} ms  naive ${naive.toFixed(1)} ms  speedup ${(naive / fast).toFixed(1)}×`);
}
const slope = medianMs(() => analogues(t, { window: 120, top: 5, method: 'slope' }), 21);
console.log(`  slope method, window 120: ${slope.toFixed(2)} ms`);

const iwm = loadPrices('IWM');
for (const [name, condition] of [['newHigh', newHigh()], ['upStreak(3) or newHigh', anyOf(upStreak(3), newHigh())]] as const) {
	const study = eventStudy(iwm, condition, { bootstrap: 10000 });
	const ms = medianMs(() => eventStudy(iwm, condition, { bootstrap: 10000 }), 7);
	console.log(`event study IWM ${name}: ${study.events.numRows()} events, 3 horizons × 10,000 resamples: ${ms.toFixed(1)} ms`);
}
