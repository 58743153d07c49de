/**
 * The research notebooks, run through the CLI on the real data folder: each must run clean, and
 * the numbers its conclusion states must match a plain-loop computation from the CSV files here.
 * Skips (with a message) when the shared data folder is absent.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frozenPricesDir } from '../../frozen-prices';
import { naiveShapeAnalogues } from '../research/naive-analogues';
import { findingsOf, runNotebook as runIn } from './run-notebook';

// The conclusions checked here were written for the histories that end in 2022.
const dataDir = frozenPricesDir;
const symbols = ['IWM', 'QQQ', 'SPY', '^RUT', '^GSPC', '^NDX'];
const haveData = symbols.every((s) => existsSync(join(dataDir, `${s}.csv`)));
if (!haveData) console.warn(`notebook tests: real prices not found in ${dataDir}; they need ../shared/data/prices-2022. Skipping.`);
const runNotebook = (name: string) => runIn(name, dataDir);

/** Plain CSV read: dates as YYYY-MM-DD strings, numbers as numbers. */
function csv(symbol: string) {
	const rows = readFileSync(join(dataDir, `${symbol}.csv`), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
	return {
		date: rows.map((r) => r[0]),
		close: rows.map((r) => +r[4]),
		volume: rows.map((r) => +r[6])
	};
}

const pct = (a: number, b: number) => (a / b - 1) * 100;
const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * eventStudy's clusters at horizon h: of the event rows with a forward return, those h or more
 * sessions after the previous one start a new cluster.
 */
const clusterCount = (events: number[], h: number, length: number) =>
	events.filter((t) => t + h < length).filter((t, i, kept) => i === 0 || t - kept[i - 1] >= h).length;

/** OLS of y on 0..n−1: slope and R². */
function ols(y: number[]) {
	const n = y.length;
	const mx = (n - 1) / 2;
	const my = avg(y);
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		sxy += (i - mx) * (y[i] - my);
		sxx += (i - mx) ** 2;
		syy += (y[i] - my) ** 2;
	}
	return { slope: sxy / sxx, r2: (sxy * sxy) / (sxx * syy) };
}

describe.skipIf(!haveData)('research notebooks on real data', () => {
	it('small-caps-lead-2013: record close on 2013-07-08, nine-session changes, S&P under 1645', () => {
		const f = findingsOf(runNotebook('small-caps-lead-2013'));
		const rut = csv('^RUT');
		const i = rut.date.indexOf('2013-07-08');
		let before = -Infinity;
		for (let j = 0; j < i; j++) before = Math.max(before, rut.close[j]);
		expect(f.rutRecord).toBe(rut.close[i] > before);
		expect(f.rutRecord).toBe(true);
		expect(f.rutClose).toBeCloseTo(1009.25, 6);
		const nine = (s: string) => {
			const t = csv(s);
			const k = t.date.indexOf('2013-07-08');
			return pct(t.close[k], t.close[k - 9]);
		};
		expect(f.rutChange).toBeCloseTo(nine('^RUT'), 8);
		expect(f.iwmChange).toBeCloseTo(nine('IWM'), 8);
		expect(f.spxChange).toBeCloseTo(nine('^GSPC'), 8);
		expect(f.qqqChange).toBeCloseTo(nine('QQQ'), 8);
		expect(f.iwmChange).toBeGreaterThan(f.qqqChange);
		const spx = csv('^GSPC');
		const s = spx.date.indexOf('2013-07-08');
		expect(f.spxClose).toBeCloseTo(spx.close[s], 6);
		expect(f.spxBelowZone).toBe(spx.close[s] < 1645);
		expect(f.spxPriorRecord).toBeCloseTo(Math.max(...spx.close.slice(0, s)), 6);
	});

	it('slope-channel-analogue-2010-2011: slopes, R² and what followed 2011', () => {
		const f = findingsOf(runNotebook('slope-channel-analogue-2010-2011'));
		const iwm = csv('IWM');
		const fit = (from: string, to: string) => {
			const idx = iwm.date.flatMap((d, i) => (d >= from && d <= to ? [i] : []));
			const { slope, r2 } = ols(idx.map((i) => Math.log(iwm.close[i])));
			return { slopePerYear: (Math.exp(252 * slope) - 1) * 100, r2, n: idx.length, last: idx.at(-1)! };
		};
		const past = fit('2010-08-01', '2011-04-30');
		const recent = fit('2012-11-15', '2013-07-31');
		expect(f.pastSlopePerYear).toBeCloseTo(past.slopePerYear, 6);
		expect(f.pastR2).toBeCloseTo(past.r2, 8);
		expect(f.pastN).toBe(past.n);
		expect(f.recentSlopePerYear).toBeCloseTo(recent.slopePerYear, 6);
		expect(f.recentR2).toBeCloseTo(recent.r2, 8);
		expect(f.recentSlopePerYear).toBeLessThan(f.pastSlopePerYear);
		expect(f.pastFwd126).toBeCloseTo(pct(iwm.close[past.last + 126], iwm.close[past.last]), 8);
		let worst = 0;
		for (let i = past.last + 1; i <= past.last + 126; i++) worst = Math.min(worst, pct(iwm.close[i], iwm.close[past.last]));
		expect(f.pastWorstWithin126).toBeCloseTo(worst, 8);
		expect(f.recentFwd126).toBeCloseTo(pct(iwm.close[recent.last + 126], iwm.close[recent.last]), 8);
		// The analogues are searched as of the recent window's end: a plain scan of the closes up to it.
		const scan = naiveShapeAnalogues(iwm.close.slice(0, recent.last + 1), recent.n, 5);
		expect(f.analogueStarts).toEqual(scan.map((m) => iwm.date[m.start]));
		const fwd63 = scan.map((m) => m.start + recent.n - 1).filter((end) => end + 63 <= recent.last).map((end) => pct(iwm.close[end + 63], iwm.close[end]));
		const sorted = [...fwd63].sort((a, b) => a - b);
		const mid = sorted.length >> 1;
		expect(f.analogueFwd63Median).toBeCloseTo(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, 8);
		expect(f.analogueFwd63Positive).toBeCloseTo(fwd63.filter((v) => v > 0).length / fwd63.length, 12);
		expect(f.pastAmongAnalogues).toBe(true);
	});

	it('new-high-reversal-bull-trap: event counts and 63-session means for ^RUT and IWM', () => {
		const f = findingsOf(runNotebook('new-high-reversal-bull-trap'));
		const check = (symbol: string, found: any, count: number) => {
			const { close } = csv(symbol);
			const record = close.map((c, i) => i > 0 && c > Math.max(...close.slice(0, i)));
			const holds = close.map((c, t) => {
				for (let s = Math.max(0, t - f.within); s < t; s++) if (record[s] && c <= close[s] * (1 - f.fromHigh)) return true;
				return false;
			});
			const events: number[] = [];
			for (let t = f.warmup; t < close.length; t++) {
				const first = holds[t] && !(t > 0 && holds[t - 1]);
				if (first && (events.length === 0 || t - events.at(-1)! >= f.minGap)) events.push(t);
			}
			expect(count).toBe(events.length);
			const fwd = events.filter((t) => t + 63 < close.length).map((t) => close[t + 63] / close[t] - 1);
			expect(found[63].n).toBe(fwd.length);
			expect(found[63].mean).toBeCloseTo(avg(fwd), 10);
			const base = close.slice(0, close.length - 63).map((c, t) => close[t + 63] / c - 1);
			expect(found[63].baselineMean).toBeCloseTo(avg(base), 10);
			for (const h of [21, 63, 126]) expect(found[h].clusters, `${symbol} clusters at ${h}`).toBe(clusterCount(events, h, close.length));
		};
		check('^RUT', f.rut, f.rutEvents);
		check('IWM', f.iwm, f.iwmEvents);
	});

	it('streaks-forward-returns: streak counts and forward means', () => {
		const f = findingsOf(runNotebook('streaks-forward-returns'));
		for (const symbol of ['QQQ', 'SPY', '^NDX']) {
			const { close } = csv(symbol);
			let run = 0;
			let longest = 0;
			const reach = (n: number) => {
				const at: number[] = [];
				let k = 0;
				for (let i = 1; i < close.length; i++) {
					k = close[i] > close[i - 1] ? k + 1 : 0;
					if (k === n) at.push(i);
				}
				return at;
			};
			for (let i = 1; i < close.length; i++) {
				run = close[i] > close[i - 1] ? run + 1 : 0;
				longest = Math.max(longest, run);
			}
			expect(f[symbol].longestStreak).toBe(longest);
			expect(f[symbol].events12).toBe(reach(12).length);
			expect(f[symbol].events8).toBe(reach(8).length);
			const fwd21 = reach(8).filter((t) => t + 21 < close.length).map((t) => close[t + 21] / close[t] - 1);
			expect(f[symbol][21].mean8).toBeCloseTo(avg(fwd21), 10);
			expect(f[symbol][21].hitRate8).toBeCloseTo(fwd21.filter((r) => r > 0).length / fwd21.length, 12);
			expect(f[symbol][21].clusters8).toBe(clusterCount(reach(8), 21, close.length));
			expect(f[symbol][42].clusters8).toBe(clusterCount(reach(8), 42, close.length));
		}
	});

	it('small-cap-rotation-multi-timeframe: IWM/SPY rotation and the weekly OBV trend', () => {
		const f = findingsOf(runNotebook('small-cap-rotation-multi-timeframe'));
		const iwm = csv('IWM');
		const spy = csv('SPY');
		const spyAt = new Map(spy.date.map((d, i) => [d, spy.close[i]]));
		const common = iwm.date.flatMap((d, i) => (spyAt.has(d) ? [iwm.close[i] / spyAt.get(d)!] : []));
		const back = (n: number) => common.at(-1)! / common[common.length - 1 - n] - 1;
		expect(f.rotation['1m']).toBeCloseTo(back(21), 10);
		expect(f.rotation['3m']).toBeCloseTo(back(63), 10);
		expect(f.rotation['1y']).toBeCloseTo(back(252), 10);
		// Weekly bars: sessions grouped by the Monday of their week; close = last, volume = sum.
		const weeks = new Map<string, { close: number; volume: number }>();
		iwm.date.forEach((d, i) => {
			const day = new Date(`${d}T00:00:00Z`);
			day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
			const key = day.toISOString().slice(0, 10);
			const w = weeks.get(key);
			weeks.set(key, { close: iwm.close[i], volume: (w?.volume ?? 0) + iwm.volume[i] });
		});
		const bars = [...weeks.values()];
		const flow = [0];
		for (let i = 1; i < bars.length; i++) flow.push(flow[i - 1] + Math.sign(bars[i].close - bars[i - 1].close) * bars[i].volume);
		const { slope } = ols(flow.slice(-13));
		expect(f.weekly.obvSlopePerBar / slope).toBeCloseTo(1, 8);
		expect(f.weekly.accumulation).toBe(slope > 0);
	});
});
