import { describe, expect, it } from 'vitest';
import {
	atr, bollinger, drawdown, ema, keltner, macd, obv, obvTrend, rollingHigh, rollingLow, rsi, sma,
	squeeze, streaks, supportResistance, swingPoints, trendLine, upDownVolume, volumeAverage, withIndicators
} from '../../../src/lib/research/indicators/index.js';
import { fixture, hasData, loadPrices, tinyTable } from './load.js';

type Expected = Record<string, (number | null)[]> & { index: number[]; rows: number; squeezeCount: number; maxUpStreak: number; maxDownStreak: number };

function expectClose(actual: ArrayLike<number>, expected: (number | null)[], index: number[], rel = 1e-9) {
	index.forEach((row, k) => {
		const want = expected[k];
		if (want === null) expect(actual[row], `row ${row}`).toBeNaN();
		else expect(Math.abs(actual[row] - want), `row ${row}: ${actual[row]} vs ${want}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));
	});
}

describe('indicators on hand cases', () => {
	it('sma and ema start with the simple mean and then follow their recurrences', () => {
		expect(Array.from(sma([1, 2, 3, 4, 5], 3))).toEqual([NaN, NaN, 2, 3, 4]);
		// ema(3): alpha 0.5, seed mean(2,4,6)=4, then 4 + 0.5(10−4) = 7
		expect(Array.from(ema([2, 4, 6, 10], 3))).toEqual([NaN, NaN, 4, 7]);
		// leading NaNs (another indicator's warm-up) are skipped
		expect(Array.from(sma([NaN, 1, 3], 2))).toEqual([NaN, NaN, 2]);
	});

	it('rsi is 100 on only gains, 50 when flat, and Wilder-smoothed otherwise', () => {
		expect(rsi([1, 2, 3, 4], 3)[3]).toBe(100);
		expect(rsi([5, 5, 5, 5], 3)[3]).toBe(50);
		// changes +2, −1, +1 → gain 1, loss 1/3 → RS 3 → 75; next −2: gain 2/3, loss 8/9 → RS 0.75
		const r = rsi([10, 12, 11, 12, 10], 3);
		expect(r[3]).toBeCloseTo(75, 12);
		expect(r[4]).toBeCloseTo(100 - 100 / 1.75, 12);
	});

	it('atr uses true range against the previous close', () => {
		const t = tinyTable([10, 12, 9], { high: [11, 13, 10], low: [9, 11, 8] });
		// TR: [2, max(2, 3, 1)=3, max(2, 3, 4)=4]; ATR(2) at row 2 = mean(3, 4)
		expect(atr(t, 2)[2]).toBe(3.5);
	});

	it('drawdown, streaks and rolling extremes', () => {
		expect(Array.from(drawdown([100, 120, 90, 130]))).toEqual([0, 0, -0.25, 0]);
		expect(Array.from(streaks([1, 2, 3, 2, 2, 1, 0]))).toEqual([0, 1, 2, -1, 0, -1, -2]);
		expect(Array.from(rollingHigh([3, 1, 2, 5, 4, 0], 3))).toEqual([NaN, NaN, 3, 5, 5, 5]);
		expect(Array.from(rollingLow([3, 1, 2, 5, 4, 0], 3))).toEqual([NaN, NaN, 1, 1, 2, 0]);
	});

	it('obv adds up-volume and subtracts down-volume; its trend follows', () => {
		const t = tinyTable([10, 11, 11, 10, 12], { volume: [5, 100, 50, 30, 40] });
		expect(Array.from(obv(t))).toEqual([0, 100, 100, 70, 110]);
		expect(trendLine([1, 3, 5, 7, 9], { sessions: 3 })).toMatchObject({ slope: 2, from: 2, to: 4, r2: 1 });
		// mean 76, slope 190/10 = 19 → line starts at 76 − 2·19 = 38
		expect(obvTrend(t, { sessions: 5 }).trend.line[0]).toBeCloseTo(38, 12);
	});

	it('up/down volume sums the window', () => {
		const t = tinyTable([10, 11, 10, 10, 12], { volume: [1, 2, 3, 4, 5] });
		const { up, down, ratio } = upDownVolume(t, 2);
		expect(Array.from(up)).toEqual([NaN, NaN, 2, 0, 5]);
		expect(Array.from(down)).toEqual([NaN, NaN, 3, 3, 0]);
		expect(ratio[2]).toBeCloseTo(2 / 3, 12);
		expect(Array.from(volumeAverage(t, 2))).toEqual([NaN, 1.5, 2.5, 3.5, 4.5]);
	});

	it('bollinger is exact on flat prices (zero width) and the squeeze needs bands inside keltner', () => {
		const flat = bollinger(new Array(25).fill(50));
		expect(flat.width[24]).toBe(0);
		expect(flat.upper[24]).toBe(50);
	});

	it('swing points and zones: double tops and bottoms make zones', () => {
		const close = [90, 95, 100, 95, 90, 95, 99.5, 95, 90, 92, 91];
		const t = tinyTable(close);
		const { highs, lows } = swingPoints(t, { left: 2, right: 2 });
		expect(highs.map((p) => p.index)).toEqual([2, 6]);
		expect(lows.map((p) => p.index)).toEqual([4, 8]);
		const zones = supportResistance(t, { left: 2, right: 2, tolerance: 0.01 });
		// last close 91: the double bottom at 90 is nearer than the double top at 99.5–100
		expect(zones.map((z) => [z.low, z.high, z.kind])).toEqual([[90, 90, 'support'], [99.5, 100, 'resistance']]);
		expect(zones[1].touches.map((p) => p.index)).toEqual([2, 6]);
		expect(supportResistance(t, { left: 2, right: 2, tolerance: 0.001 })).toHaveLength(1);
	});

	it('zones as of an earlier session use only the bars up to it (a swing confirmed later is not seen)', () => {
		const close = [90, 95, 100, 95, 90, 95, 99.5, 95, 90, 92, 91];
		const t = tinyTable(close);
		// On 2020-01-08 (row 7, close 95) the high at row 6 still needs row 8 to be confirmed.
		const then = supportResistance(t, { left: 2, right: 2, tolerance: 0.01, minTouches: 1, asOf: '2020-01-08' });
		expect(then.map((z) => [z.low, z.high, z.kind]).sort()).toEqual([[100, 100, 'resistance'], [90, 90, 'support']].sort());
		expect(then.every((z) => z.touches.every((p) => p.index <= 7))).toBe(true);
		expect(then.find((z) => z.kind === 'support')!.distance).toBeCloseTo(90 / 95 - 1, 12);
		// The same as cutting the table by hand; a date between sessions means the session before.
		expect(supportResistance(t.slice(0, 8), { left: 2, right: 2, tolerance: 0.01, minTouches: 1 })).toEqual(then);
		expect(() => supportResistance(t, { asOf: '2019-12-31' })).toThrow(/supportResistance: no session on or before 2019-12-31/);
	});

	it('rejects bad input with the function name', () => {
		expect(() => sma([1, 2], 3)).toThrow(/sma: needs at least 3 values/);
		expect(() => sma([1, NaN, 3], 2)).toThrow(/sma: value at index 1/);
		expect(() => atr(tinyTable([1, 2, 3]))).toThrow(/atr: the table has no 'high' column/);
		expect(() => macd([1, 2, 3], { fast: 26, slow: 12 })).toThrow(/macd: fast/);
		expect(() => ema([1, 2, 3], 0)).toThrow(/ema: period must be an integer/);
		expect(() => withIndicators(tinyTable([1, 2]), { bad: () => [1] })).toThrow(/withIndicators: 'bad' has 1 values for 2 rows/);
	});
});

describe.runIf(hasData('IWM'))('indicators on real IWM data vs numpy', () => {
	const iwm = loadPrices('IWM');
	const want = fixture<Expected>('indicators.json');
	const idx = want.index;

	it('has the rows numpy read', () => expect(iwm.numRows()).toBe(want.rows));
	it('sma, ema, rsi, atr', () => {
		expectClose(sma(iwm, 50), want.sma50, idx);
		expectClose(ema(iwm, 21), want.ema21, idx);
		expectClose(rsi(iwm), want.rsi14, idx);
		expectClose(atr(iwm), want.atr14, idx);
	});
	it('macd and its signal', () => {
		const m = macd(iwm);
		expectClose(m.macd, want.macd, idx, 1e-8);
		expectClose(m.signal, want.signal, idx, 1e-8);
	});
	it('bollinger, keltner and the squeeze count', () => {
		const b = bollinger(iwm);
		expectClose(b.upper, want.bbUpper, idx);
		expectClose(b.lower, want.bbLower, idx);
		expectClose(keltner(iwm).upper, want.kcUpper, idx);
		expect(squeeze(iwm).reduce((a, b) => a + b, 0)).toBe(want.squeezeCount);
	});
	it('obv, drawdown, rolling high, streaks', () => {
		expectClose(obv(iwm), want.obv, idx);
		expectClose(drawdown(iwm), want.drawdown, idx);
		expectClose(rollingHigh(iwm, 252), want.high252, idx);
		const s = streaks(iwm);
		expect(idx.map((i) => s[i])).toEqual(want.streak);
		expect(Math.max(...s)).toBe(want.maxUpStreak);
		expect(Math.min(...s)).toBe(want.maxDownStreak);
	});
	it('withIndicators adds aligned columns', () => {
		const t = withIndicators(iwm, { sma50: (x) => sma(x, 50), on: (x) => squeeze(x) });
		expect(t.columnNames()).toEqual([...iwm.columnNames(), 'sma50', 'on']);
		expect(t.get('sma50', idx[5])).toBeCloseTo(want.sma50[5]!, 9);
	});
});
