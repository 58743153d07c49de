/**
 * Research library timings on real data: analogue search (FFT) vs the naive O(n·w) scan and vs a
 * numpy distance profile (MASS, as stumpy.mass) on the same series in the same run, and an event
 * study with 10,000 bootstrap resamples. Prints figures; asserts nothing.
 * Run: npx tsx bench/research.bench.ts   (reads the frozen prices, ../shared/data/prices-2022)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table, type ColumnTable } from 'arquero';
import { analogues, eventStudy, newHigh, upStreak, anyOf } from '../src/lib/research/index.js';
import { centredPattern, patternScores } from '../src/lib/research/analogues/analogues.js';
import { preparedSeries } from '../src/lib/research/analogues/prepared-series.js';
import { realSpectrum, spectrumSize } from '../src/lib/research/stats/sliding-dot.js';
import { numpySide } from './numpy.js';
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

// The distance profile alone (every window's score, no ranking or tables), as MASS computes it:
// on log closes already taken, with the series' transform computed each time ("fresh") or kept
// ("kept", as analogues keeps it per table across windows); numpy the same two ways.
const logs = preparedSeries(null, Float64Array.from(close), close.length).logs;
const folder = mkdtempSync(join(tmpdir(), 'tape-bench-mass-'));
try {
	writeFileSync(join(folder, 'series.f64'), Float64Array.from(close));
	const numpy = numpySide<Record<number, { mass: number; massKeptFft: number }>>('mass', join(folder, 'series.f64'), ...windows.map(String));
	console.log(`distance profile over ${close.length} sessions (median ms): TypeScript fresh / kept transform  vs  numpy MASS fresh / kept`);
	for (const window of windows) {
		const pattern = centredPattern(logs, logs.length - window, window);
		const kept = realSpectrum(logs, spectrumSize(logs.length));
		const fresh = medianMs(() => patternScores(pattern, logs, realSpectrum(logs, spectrumSize(logs.length))), 201);
		const warm = medianMs(() => patternScores(pattern, logs, kept), 201);
		const np = numpy?.[window];
		console.log(`  window ${window}: ${fresh.toFixed(3)} / ${warm.toFixed(3)} ms` + (np ? `   numpy ${np.mass.toFixed(3)} / ${np.massKeptFft.toFixed(3)} ms` : ''));
	}
	// A whole search on a table not seen before: logs, transform, ranking and result tables.
	const first = medianMs(() => analogues(table({ date: t.array('date'), close }), { window: 120, top: 5 }), 21);
	console.log(`  analogues on a new table (window 120, everything included): ${first.toFixed(2)} ms`);
} finally {
	rmSync(folder, { recursive: true, force: true });
}
const slope = medianMs(() => analogues(t, { window: 120, top: 5, method: 'slope' }), 21);
console.log(`  slope method, window 120: ${slope.toFixed(2)} ms`);

const iwm = loadPrices('IWM');
for (const [name, condition] of [['newHigh', newHigh()], ['upStreak(3) or newHigh', anyOf(upStreak(3), newHigh())]] as const) {
	const study = eventStudy(iwm, condition, { bootstrap: 10000 });
	const ms = medianMs(() => eventStudy(iwm, condition, { bootstrap: 10000 }), 7);
	console.log(`event study IWM ${name}: ${study.events.numRows()} events, 3 horizons × 10,000 resamples: ${ms.toFixed(1)} ms`);
}
