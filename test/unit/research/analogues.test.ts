import { describe, expect, it } from 'vitest';
import { analogues } from '../../../src/lib/research/analogues/index.js';
import { slidingDot } from '../../../src/lib/research/stats/sliding-dot.js';
import { seededRandom } from '../../../src/lib/research/stats/random.js';
import { naiveShapeAnalogues } from './naive-analogues.js';
import { hasData, loadPrices, tinyTable } from './load.js';

describe('slidingDot', () => {
	it('equals the direct sums at every offset, for lengths on and around powers of two', () => {
		const random = seededRandom(2);
		const cases = [[1, 1], [1, 2], [2, 2], [2, 4], [3, 3], [37, 300], [60, 7500], [64, 4033], [5, 4096], [128, 129], [250, 500]];
		for (const [w, n] of cases) {
			const series = Array.from({ length: n }, () => random() - 0.5);
			const pattern = Array.from({ length: w }, () => random() - 0.5);
			const fast = slidingDot(pattern, series);
			expect(fast.length).toBe(n - w + 1);
			for (let i = 0; i < fast.length; i++) {
				let direct = 0;
				for (let j = 0; j < w; j++) direct += pattern[j] * series[i + j];
				expect(Math.abs(fast[i] - direct), `w ${w}, n ${n}, offset ${i}`).toBeLessThan(1e-12 * Math.max(1, w));
			}
		}
	});

	it('refuses a pattern longer than the series or empty', () => {
		expect(() => slidingDot([], [1, 2])).toThrow(/pattern length 0/);
		expect(() => slidingDot([1, 2, 3], [1, 2])).toThrow(/pattern length 3/);
	});
});

describe('analogues on a planted pattern', () => {
	// A random walk with the last 30 sessions' shape planted (scaled and shifted) at row 100.
	const random = seededRandom(11);
	const close = [100];
	for (let i = 1; i < 400; i++) close.push(close[i - 1] * Math.exp(0.01 * (random() - 0.5)));
	const shape = close.slice(370).map((c) => Math.log(c));
	for (let j = 0; j < 30; j++) close[100 + j] = Math.exp(2 + 1.5 * (shape[j] - shape[0]));

	it('finds the planted copy first with correlation 1, and forward returns from its end', () => {
		const found = analogues(tinyTable(close), { window: 30, top: 3, horizons: [10] });
		expect(found.matches[0].start.getTime()).toBe(Date.UTC(2020, 0, 101));
		expect(found.matches[0].similarity).toBeCloseTo(1, 10);
		expect(found.matches[0].forward[10]).toBeCloseTo(close[139] / close[129] - 1, 12);
		const starts = found.matches.map((m) => m.start.getTime() / 864e5);
		for (const a of starts) for (const b of starts) if (a !== b) expect(Math.abs(a - b)).toBeGreaterThanOrEqual(30);
		expect(found.spread.numRows()).toBe(1);
		expect(found.paths.filter((d: { label: string }) => d.label === 'reference').numRows()).toBe(30);
	});

	it('slope method ranks a window with the same channel slope and fit first', () => {
		const found = analogues(tinyTable(close), { window: 30, top: 1, method: 'slope' });
		expect(found.matches[0].similarity).toBeGreaterThan(0.5);
	});

	it('explains bad input', () => {
		expect(() => analogues(tinyTable(close.slice(0, 50)), { window: 30 })).toThrow(/analogues: needs at least 60 sessions/);
		expect(() => analogues(tinyTable(close), { window: 30, method: 'dtw' as 'shape' })).toThrow(/method must be/);
	});
});

describe.runIf(hasData('IWM'))('analogues on real IWM: same answer as the naive O(n·w) scan', () => {
	const iwm = loadPrices('IWM');
	const close = iwm.array('close') as number[];
	const dates = iwm.array('date') as Date[];
	it.each([20, 60, 177, 250])('window %i', (window) => {
		const fast = analogues(iwm, { window, top: 5 }).matches;
		const naive = naiveShapeAnalogues(close, window, 5);
		expect(fast.map((m) => m.start)).toEqual(naive.map((m) => dates[m.start]));
		fast.forEach((m, k) => expect(m.similarity).toBeCloseTo(naive[k].similarity, 9));
	});
});
