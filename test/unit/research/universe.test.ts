import { describe, expect, it } from 'vitest';
import { table, type ColumnTable } from 'arquero';
import { analogues, baseNearHigh, breakout, conditionMask, crossAbove, cupAndHandle, eventStudy, newHigh, sma, trendlineBreak } from '../../../src/lib/research/index.js';
import { adjustPValues } from '../../../src/lib/research/stats/multiple-testing.js';
import { median } from '../../../src/lib/research/stats/summary.js';
import { seededRandom } from '../../../src/lib/research/stats/random.js';
import { hasData, loadPrices } from './load.js';

const symbols = ['SPY', 'QQQ', 'IWM', 'DIA'];

/** The symbols' tables stacked into one long table (symbol, date, high, low, close), rows shuffled when asked. */
function longTable(parts: Record<string, ColumnTable>, shuffle = false): ColumnTable {
	const rows: { symbol: string; date: Date; high: number; low: number; close: number }[] = [];
	for (const [symbol, t] of Object.entries(parts)) {
		const dates = t.array('date') as Date[];
		const [high, low, close] = ['high', 'low', 'close'].map((c) => t.array(c) as number[]);
		dates.forEach((date, i) => rows.push({ symbol, date, high: high[i], low: low[i], close: close[i] }));
	}
	if (shuffle) {
		const random = seededRandom(3);
		for (let i = rows.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[rows[i], rows[j]] = [rows[j], rows[i]];
		}
	}
	return table({ symbol: rows.map((r) => r.symbol), date: rows.map((r) => r.date), high: rows.map((r) => r.high), low: rows.map((r) => r.low), close: rows.map((r) => r.close) });
}

describe('adjustPValues', () => {
	it('matches hand-computed Holm and Benjamini–Hochberg values', () => {
		const p = [0.01, 0.02, 0.03, 0.04, 0.05];
		const holm = adjustPValues(p, 'holm');
		[0.05, 0.08, 0.09, 0.09, 0.09].forEach((v, i) => expect(holm[i]).toBeCloseTo(v, 12));
		adjustPValues(p, 'bh').forEach((v) => expect(v).toBeCloseTo(0.05, 12));
		// Benjamini & Hochberg's kind of example, unsorted, with a NaN that is not a test.
		const q = [0.039, 0.001, NaN, 0.205, 0.041, 0.008, 0.042, 0.074, 0.06];
		const bh = adjustPValues(q, 'bh');
		const expected = [0.0672, 0.008, NaN, 0.205, 0.0672, 0.032, 0.0672, 8 / 7 * 0.074, 0.08];
		expected.forEach((v, i) => (Number.isNaN(v) ? expect(bh[i]).toBeNaN() : expect(bh[i]).toBeCloseTo(v, 12)));
		// Tests tried elsewhere count as p = 1: Holm's smallest becomes 10 × 0.001.
		expect(adjustPValues(q, 'holm', 10)[1]).toBeCloseTo(0.01, 12);
	});

	it('equals the textbook definitions on random p-values', () => {
		const random = seededRandom(11);
		for (let trial = 0; trial < 50; trial++) {
			const m = 1 + Math.floor(random() * 30);
			const p = Array.from({ length: m }, () => (random() < 0.2 ? Math.round(random() * 10) / 100 : random()));
			const sorted = [...p].sort((a, b) => a - b);
			const holm = adjustPValues(p, 'holm');
			const bh = adjustPValues(p, 'bh');
			p.forEach((value, i) => {
				// rank of this value among the sorted (ties: any equal position gives the same adjusted value)
				const k = sorted.indexOf(value);
				const holmDef = Math.min(1, Math.max(...sorted.slice(0, k + 1).map((s, j) => (m - j) * s)));
				const bhDef = Math.min(1, ...sorted.slice(sorted.lastIndexOf(value)).map((s, j) => (m / (sorted.lastIndexOf(value) + j + 1)) * s));
				expect(holm[i]).toBeCloseTo(holmDef, 12);
				expect(bh[i]).toBeCloseTo(bhDef, 12);
			});
		}
	});

	it('refuses p-values outside [0, 1] and too few tests', () => {
		expect(() => adjustPValues([0.1, 1.2], 'bh')).toThrow(/p-value 1 is 1.2/);
		expect(() => adjustPValues([0.1, 0.2], 'holm', 1)).toThrow(/tests must be an integer ≥ the 2/);
	});
});

describe.skipIf(!symbols.every(hasData))('a universe in one call (frozen prices)', () => {
	const parts = Object.fromEntries(symbols.map((s) => [s, loadPrices(s)]));
	const long = longTable(parts, true);
	const horizons = [20, 60];

	it.each([
		['crossAbove(sma 50)', () => crossAbove((t) => sma(t, 50))],
		['cupAndHandle', () => cupAndHandle()],
		['baseNearHigh', () => baseNearHigh({ bars: 20, within: 0.05 })],
		['trendlineBreak', () => trendlineBreak()],
		['breakout', () => breakout()]
	] as const)('conditionMask(%s) works per symbol and aligns to the long rows', (_, condition) => {
		const mask = conditionMask(long, condition());
		const rowSymbols = long.array('symbol') as string[];
		const rowDates = long.array('date') as Date[];
		let total = 0;
		for (const symbol of symbols) {
			const own = conditionMask(parts[symbol], condition());
			const dates = parts[symbol].array('date') as Date[];
			const expected = new Set(dates.filter((_, i) => own[i]).map((d) => d.getTime()));
			const got = new Set(rowDates.filter((d, r) => rowSymbols[r] === symbol && mask[r]).map((d) => d.getTime()));
			expect(got).toEqual(expected);
			total += got.size;
		}
		expect(total).toBeGreaterThan(0);
	});

	it('pools every symbol\'s events: n, mean and baseline equal those of the separate studies', () => {
		const study = eventStudy(long, newHigh({ lookback: 252 }), { horizons, minGap: 10, bootstrap: 300, tried: 2 });
		const separate = symbols.map((s) => eventStudy(parts[s], newHigh({ lookback: 252 }), { horizons, minGap: 10, bootstrap: 0 }));
		for (const h of horizons) {
			const events = separate.flatMap((s) => Array.from(s.returns[h].events));
			const baseline = separate.flatMap((s) => Array.from(s.returns[h].baseline));
			const pooled = study.byHorizon[h];
			expect(pooled.n).toBe(events.length);
			expect(pooled.clusters).toBe(separate.reduce((sum, s) => sum + s.byHorizon[h].clusters, 0));
			expect(pooled.mean).toBeCloseTo(events.reduce((a, b) => a + b, 0) / events.length, 12);
			expect(pooled.baselineMean).toBeCloseTo(baseline.reduce((a, b) => a + b, 0) / baseline.length, 12);
			expect(pooled.ciLow).toBeLessThan(pooled.mean);
			expect(pooled.ciHigh).toBeGreaterThan(pooled.mean);
			expect(pooled.pValue).toBeGreaterThan(0);
			// Each symbol's own row: the same n and mean as its separate study.
			const rows = study.universe!.bySymbol.filter(`d => d.horizon === ${h}`).objects() as { symbol: string; n: number; mean: number }[];
			// (symbols in the order they first appear in the shuffled rows)
			expect([...rows.map((r) => r.symbol)].sort()).toEqual([...symbols].sort());
			for (const r of rows) {
				const own = separate[symbols.indexOf(r.symbol)].byHorizon[h];
				expect(r.n).toBe(own.n);
				expect(r.mean).toBeCloseTo(own.mean, 12);
			}
		}
		expect(study.events.numRows()).toBe(separate.reduce((sum, s) => sum + s.events.numRows(), 0));
		expect(study.events.columnNames()).toEqual(['symbol', 'date', 'close', 'fwd20', 'fwd60']);
		const u = study.universe!;
		expect([u.symbols, u.withEvents, u.conditions, u.tests]).toEqual([4, 4, 2, 16]);
		// The corrections count all 16 tests, not only the 8 p-values computed here.
		const p = u.bySymbol.array('pValue') as number[];
		const holm = u.bySymbol.array('pHolm') as number[];
		expect(Array.from(holm)).toEqual(Array.from(adjustPValues(p, 'holm', 16)));
		expect(Math.min(...holm)).toBeGreaterThanOrEqual(Math.min(1, 16 * Math.min(...p)) - 1e-12);
		expect(u.note).toMatch(/^4 symbols × 2 horizons × 2 conditions = 16 tests: at 5% expect ~0\.8 false positives by chance alone; \d+ have p < 0\.05, \d+ after Holm/);
	});

	it('the single-series study is unchanged by the universe path (same numbers for one symbol)', () => {
		const one = longTable({ IWM: parts.IWM });
		const pooled = eventStudy(one, newHigh(), { horizons, bootstrap: 500, perSymbol: false });
		const single = eventStudy(parts.IWM, newHigh(), { horizons, bootstrap: 500 });
		for (const h of horizons) {
			for (const k of ['n', 'clusters', 'mean', 'median', 'baselineMean', 'ciLow', 'ciHigh', 'pValue'] as const) {
				expect(pooled.byHorizon[h][k], `${k} at ${h}`).toBeCloseTo(single.byHorizon[h][k], 12);
			}
		}
	});

	it('one analogue window searched across every symbol finds each symbol\'s best, ranked together', () => {
		const found = analogues(long, { symbol: 'SPY', window: 60, top: 6, reference: '2020-06-30' });
		expect(found.matches).toHaveLength(6);
		const reference = found.reference;
		for (const m of found.matches) {
			expect(symbols).toContain(m.symbol);
			// nothing overlapping the reference's days, nothing after its end
			expect(m.end < reference.start || m.start > reference.end).toBe(true);
			expect(m.end.getTime()).toBeLessThanOrEqual(reference.end.getTime());
		}
		const sims = found.matches.map((m) => m.similarity);
		expect([...sims].sort((a, b) => b - a)).toEqual(sims);
		// Each symbol's best equals what that symbol's own search gives for SPY's window, checked by brute force.
		const spy = parts.SPY.array('close') as number[];
		const spyDates = (parts.SPY.array('date') as Date[]).map((d) => d.getTime());
		const refEnd = spyDates.findLastIndex((t) => t <= reference.end.getTime());
		const ref = z(spy.slice(refEnd - 59, refEnd + 1).map(Math.log));
		for (const m of found.matches) {
			const close = parts[m.symbol!].array('close') as number[];
			const dates = (parts[m.symbol!].array('date') as Date[]).map((d) => d.getTime());
			const start = dates.indexOf(m.start.getTime());
			const win = z(close.slice(start, start + 60).map(Math.log));
			const r = win.reduce((a, v, j) => a + v * ref[j], 0) / 60;
			expect(m.similarity).toBeCloseTo(r, 9);
		}
		// The top match is the best window anywhere, by brute force over every symbol's allowed windows.
		let best = -Infinity;
		for (const symbol of symbols) {
			const close = parts[symbol].array('close') as number[];
			const dates = (parts[symbol].array('date') as Date[]).map((d) => d.getTime());
			for (let i = 0; i + 60 <= close.length && dates[i + 59] <= reference.end.getTime(); i++) {
				if (dates[i + 59] >= reference.start.getTime()) continue;
				const win = z(close.slice(i, i + 60).map(Math.log));
				best = Math.max(best, win.reduce((a, v, j) => a + v * ref[j], 0) / 60);
			}
		}
		expect(found.matches[0].similarity).toBeCloseTo(best, 9);
		expect(found.universe!.symbols).toBe(4);
		expect(found.universe!.note).toMatch(/windows of 60 sessions in 4 symbols compared with SPY's/);
	});

	it('says what is wrong with a bad long table', () => {
		expect(() => analogues(long, { window: 60 })).toThrow(/4 symbols; say whose window is the reference with \{ symbol \}/);
		expect(() => analogues(long, { window: 60, symbol: 'XYZ' })).toThrow(/no symbol 'XYZ'/);
		expect(() => analogues(long, { window: 60, symbol: 'SPY', method: 'slope' })).toThrow(/only method 'shape'/);
		const twice = table({ symbol: ['A', 'A', 'B'], date: ['2020-01-02', '2020-01-02', '2020-01-02'], close: [1, 2, 3] });
		expect(() => eventStudy(twice, newHigh())).toThrow(/symbol A has the date 2020-01-02 twice \(rows 0 and 1\)/);
		expect(() => eventStudy(long, [1, 0, 1])).toThrow(/a mask has 3 values for the long table's \d+ rows/);
		const bad = table({ symbol: ['A', 'A', 'B', 'B'], date: ['2020-01-02', '2020-01-03', '2020-01-02', '2020-01-03'], close: [1, 2, 3, NaN] });
		expect(() => conditionMask(bad, newHigh())).toThrow(/'close' is not a finite number at row 1 .*\(symbol B\)/);
	});
});

describe('median by selection (pooled baselines have millions of values)', () => {
	it('equals the middle of the sorted values, with ties and even counts', () => {
		const random = seededRandom(4);
		for (let trial = 0; trial < 2000; trial++) {
			const values = Array.from({ length: 1 + Math.floor(random() * 50) }, () => (random() < 0.3 ? Math.round(random() * 4) : random() - 0.5));
			const sorted = [...values].sort((a, b) => a - b);
			const middle = sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
			expect(median(values)).toBeCloseTo(middle, 15);
		}
		expect(median([])).toBeNaN();
	});
});

describe('multiple testing on a universe of pure noise', () => {
	it('finds about the chance share of per-symbol "effects", and none survive the corrections', () => {
		const random = seededRandom(21);
		const count = 100;
		const sessions = 1200;
		const columns = { symbol: [] as string[], date: [] as Date[], close: [] as number[], event: [] as number[] };
		for (let s = 0; s < count; s++) {
			let price = 100;
			for (let i = 0; i < sessions; i++) {
				// Gaussian returns (Box–Muller), independent of the events.
				price *= Math.exp(0.01 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
				columns.symbol.push(`S${s}`);
				columns.date.push(new Date(Date.UTC(2000, 0, 1 + i)));
				columns.close.push(price);
				columns.event.push(random() < 0.02 ? 1 : 0);
			}
		}
		const universe = table(columns);
		const study = eventStudy(universe, universe.array('event') as number[], { horizons: [10], bootstrap: 400 });
		const p = Array.from(study.universe!.bySymbol.array('pValue') as number[]);
		const raw = p.filter((v) => v < 0.05).length;
		// 100 tests at 5%: about 5 by chance (binomial sd ≈ 2.2).
		expect(raw).toBeGreaterThanOrEqual(1);
		expect(raw).toBeLessThanOrEqual(12);
		expect((study.universe!.bySymbol.array('pHolm') as number[]).filter((v) => v < 0.05)).toHaveLength(0);
		expect((study.universe!.bySymbol.array('pBH') as number[]).filter((v) => v < 0.05)).toHaveLength(0);
		expect(study.universe!.note).toContain(`100 symbols × 1 horizon × 1 condition = 100 tests: at 5% expect ~5.0 false positives by chance alone; ${raw} have p < 0.05, 0 after Holm`);
	});
});

function z(values: number[]): number[] {
	const m = values.reduce((a, b) => a + b, 0) / values.length;
	const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
	return values.map((v) => (v - m) / sd);
}
