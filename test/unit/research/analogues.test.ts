import { describe, expect, it } from 'vitest';
import { table } from 'arquero';
import { analogues } from '../../../src/lib/research/analogues/index.js';
import { pickApart } from '../../../src/lib/research/analogues/analogues.js';
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
			// Both plans, whole series (0) and overlap-save blocks, and the one chosen by size.
			let block = 4;
			while (block < 2 * w) block <<= 1;
			for (const plan of [undefined, 0, block, 4 * block]) {
				const fast = slidingDot(pattern, series, plan);
				expect(fast.length).toBe(n - w + 1);
				for (let i = 0; i < fast.length; i++) {
					let direct = 0;
					for (let j = 0; j < w; j++) direct += pattern[j] * series[i + j];
					expect(Math.abs(fast[i] - direct), `w ${w}, n ${n}, plan ${plan}, offset ${i}`).toBeLessThan(1e-12 * Math.max(1, w));
				}
			}
		}
	});

	it('refuses a pattern longer than the series or empty', () => {
		expect(() => slidingDot([], [1, 2])).toThrow(/pattern length 0/);
		expect(() => slidingDot([1, 2, 3], [1, 2])).toThrow(/pattern length 3/);
		expect(() => slidingDot([1, 2, 3], [1, 2, 3, 4], 4)).toThrow(/block size 4 must be a power of two ≥ twice the pattern length 3/);
	});
});

describe('pickApart', () => {
	/** The plain greedy scan: the best score whose window overlaps neither the reference nor a pick, earliest on ties. */
	function plainPick(scores: Float64Array, w: number, refStart: number, top: number): number[] {
		const picked: number[] = [];
		const clear = (i: number) => [refStart, ...picked].every((p) => i + w <= p || i >= p + w);
		while (picked.length < top) {
			let best = -1;
			for (let i = 0; i < scores.length; i++) if (clear(i) && scores[i] > (best < 0 ? -Infinity : scores[best])) best = i;
			if (best < 0) break;
			picked.push(best);
		}
		return picked;
	}

	it('picks what the plain greedy scan picks, with ties, NaN and -Infinity scores', () => {
		const random = seededRandom(5);
		for (let trial = 0; trial < 300; trial++) {
			const n = 5 + Math.floor(random() * 400);
			const w = 1 + Math.floor(random() * 40);
			// Few distinct values, so ties are common.
			const scores = Float64Array.from({ length: n }, () => {
				const r = random();
				return r < 0.05 ? NaN : r < 0.08 ? -Infinity : Math.round(random() * 8) / 8;
			});
			const refStart = Math.floor(random() * n);
			const top = 1 + Math.floor(random() * 8);
			expect(pickApart(scores, w, refStart, top), `trial ${trial}: n ${n}, w ${w}, ref ${refStart}, top ${top}`).toEqual(plainPick(scores, w, refStart, top));
		}
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

describe('analogues of a past reference see only the data up to its end by default', () => {
	// A random walk; the 30-session reference ends at row 329; its shape is planted exactly at row
	// 450 (after it) and roughly (with noise) at row 100 (before it).
	const random = seededRandom(7);
	const close = [100];
	for (let i = 1; i < 600; i++) close.push(close[i - 1] * Math.exp(0.01 * (random() - 0.5)));
	const refEnd = 329;
	const shape = close.slice(refEnd - 29, refEnd + 1).map(Math.log);
	for (let j = 0; j < 30; j++) {
		close[450 + j] = Math.exp(3 + 2 * (shape[j] - shape[0]));
		close[100 + j] = Math.exp(1 + (shape[j] - shape[0]) + 0.002 * (random() - 0.5));
	}
	const t = tinyTable(close);
	const reference = new Date(Date.UTC(2020, 0, 1 + refEnd));
	const row = (d: Date) => Math.round((d.getTime() - Date.UTC(2020, 0, 1)) / 864e5);

	it('matches what a plain scan of the rows up to the reference finds, and nothing after it', () => {
		const found = analogues(t, { window: 30, top: 5, horizons: [10, 50], reference });
		const naive = naiveShapeAnalogues(close.slice(0, refEnd + 1), 30, 5);
		expect(found.matches.map((m) => row(m.start))).toEqual(naive.map((m) => m.start));
		found.matches.forEach((m, k) => expect(m.similarity).toBeCloseTo(naive[k].similarity, 9));
		expect(row(found.matches[0].start)).toBe(100);
		for (const m of found.matches) {
			const end = row(m.end);
			expect(end).toBeLessThan(refEnd - 29);
			for (const h of [10, 50]) {
				if (end + h <= refEnd) expect(m.forward[h]).toBeCloseTo(close[end + h] / close[end] - 1, 12);
				else expect(m.forward[h]).toBeNaN();
			}
		}
		const pathRows = (found.paths.array('date') as Date[]).map(row);
		expect(Math.max(...pathRows)).toBeLessThanOrEqual(refEnd);
	});

	it("asOf: 'latest' searches the whole table and finds the later copy first", () => {
		const found = analogues(t, { window: 30, top: 3, horizons: [10], reference, asOf: 'latest' });
		expect(row(found.matches[0].start)).toBe(450);
		expect(found.matches[0].similarity).toBeCloseTo(1, 10);
		expect(found.matches[0].forward[10]).toBeCloseTo(close[489] / close[479] - 1, 12);
	});

	it('a reference on the last row gives the same answer either way', () => {
		const a = analogues(t, { window: 30, top: 4 });
		const b = analogues(t, { window: 30, top: 4, asOf: 'latest' });
		expect(a.matches).toEqual(b.matches);
	});

	it('says when too little history precedes the reference', () => {
		expect(() => analogues(t, { window: 30, reference: new Date(Date.UTC(2020, 0, 50)) })).toThrow(
			"analogues: needs at least 60 sessions for a window of 30, got 50 up to the reference's end 2020-02-19 (asOf: 'latest' searches all 600)"
		);
		expect(() => analogues(t, { window: 30, asOf: 'then' as 'latest' })).toThrow(/asOf must be 'reference' or 'latest'/);
	});
});

describe.runIf(hasData('^GSPC'))('analogues of the S&P 500 window ending 2007-10-09 (real data)', () => {
	const spx = loadPrices('^GSPC');
	const close = spx.array('close') as number[];
	const dates = spx.array('date') as Date[];
	const refEnd = dates.findIndex((d) => d.toISOString().startsWith('2007-10-09'));

	it('by default uses no session after the reference; the whole-history search does', () => {
		const asOfThen = analogues(spx, { window: 120, top: 3, reference: '2007-10-09' });
		const naive = naiveShapeAnalogues(close.slice(0, refEnd + 1), 120, 3);
		expect(asOfThen.matches.map((m) => m.start)).toEqual(naive.map((m) => dates[m.start]));
		expect(asOfThen.matches.every((m) => m.end < dates[refEnd - 119])).toBe(true);
		const later = analogues(spx, { window: 120, top: 3, reference: '2007-10-09', asOf: 'latest' }).matches.filter((m) => m.start > dates[refEnd]);
		expect(later.length).toBeGreaterThan(0);
	});
});

describe('searches of one table reuse its prepared series, never a stale one', () => {
	const random = seededRandom(17);
	const close = [100];
	for (let i = 1; i < 900; i++) close.push(close[i - 1] * Math.exp(0.01 * (random() - 0.5)));

	it('windows and references in turn give what a fresh table gives', () => {
		const t = tinyTable(close);
		for (const [window, reference] of [[60, undefined], [120, '2021-06-01'], [60, '2021-06-01'], [250, undefined], [60, undefined]] as const) {
			const again = analogues(t, { window, top: 4, reference });
			const fresh = analogues(tinyTable(close), { window, top: 4, reference });
			expect(again.matches).toEqual(fresh.matches);
			// and what the brute-force z-normalised scan over the rows up to the reference finds
			const end = reference === undefined ? close.length : close.findIndex((_, i) => Date.UTC(2020, 0, 1 + i) > Date.parse(reference));
			const naive = naiveShapeAnalogues(close.slice(0, end), window, 4);
			expect(again.matches.map((m) => m.start.getTime())).toEqual(naive.map((m) => Date.UTC(2020, 0, 1 + m.start)));
			again.matches.forEach((m, k) => expect(m.similarity).toBeCloseTo(naive[k].similarity, 9));
		}
	});

	it('a table whose closes were changed in place is prepared afresh', () => {
		const values = Float64Array.from(close);
		const t = table({ date: close.map((_, i) => new Date(Date.UTC(2020, 0, 1 + i))), close: values });
		const before = analogues(t, { window: 60, top: 3 });
		// Plant the reference's shape at row 200 in the stored array itself.
		const shape = Array.from(values.subarray(840), Math.log);
		for (let j = 0; j < 60; j++) values[200 + j] = Math.exp(1 + 2 * (shape[j] - shape[0]));
		const after = analogues(t, { window: 60, top: 3 });
		expect(before.matches[0].start.getTime()).not.toBe(Date.UTC(2020, 0, 201));
		expect(after.matches[0].start.getTime()).toBe(Date.UTC(2020, 0, 201));
		expect(after.matches[0].similarity).toBeCloseTo(1, 10);
	});
});
