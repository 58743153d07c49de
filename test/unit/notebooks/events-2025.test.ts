/**
 * The four notebooks on the commentaries' 2024–2025 events, run through the CLI on the live price
 * folder (../shared/data/prices): each must run clean, and the numbers its conclusion states must
 * match plain loops over the CSV files. Skips with a message when the folder is absent;
 * `TAPE_EVENTS_PRICES` points the tests at another copy of it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePriceCsv } from '../../../src/lib/data/index.js';
import { findingsOf, runNotebook } from './run-notebook';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = process.env.TAPE_EVENTS_PRICES ?? resolve(root, '../shared/data/prices');
const needed = ['^RUT', '^GSPC', '^NDX', 'XLK', 'KRE', 'SOXX', 'QQQ', 'IWM', 'SPY', 'TNX', 'FEDFUNDS', 'BTC-USD', 'ETH-USD'];
const haveData = needed.every((s) => existsSync(join(dataDir, `${s}.csv`)));
if (!haveData) console.warn(`events-2025 notebook tests: price files not found in ${dataDir} (need ${needed.join(', ')}). Skipping.`);
/** SOXX.csv is an investing.com export: loadSeries reads it once the parser knows that layout. */
const soxxReadable = haveData && (() => {
	try {
		parsePriceCsv(readFileSync(join(dataDir, 'SOXX.csv'), 'utf8'), 'SOXX.csv');
		return true;
	} catch {
		console.warn(`events-2025 notebook tests: loadSeries cannot read ${join(dataDir, 'SOXX.csv')} yet (investing.com layout); skipping the December 2025 notebook.`);
		return false;
	}
})();

const findings = (name: string) => findingsOf(runNotebook(name, dataDir));

interface Row {
	date: string;
	open: number;
	high: number;
	low: number;
	close: number;
	volume: number;
}

/**
 * A plain read of any of the folder's layouts by header name: quotes and BOM dropped, `Price` as
 * the close (investing.com), MM/DD/YYYY dates turned around, rows sorted by date.
 */
function csv(symbol: string): Row[] {
	const [head, ...lines] = readFileSync(join(dataDir, `${symbol}.csv`), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
	const split = (l: string) => (l.includes('"') ? l.slice(1, -1).split('","') : l.split(','));
	const names = split(head.trim()).map((n) => n.trim().toLowerCase());
	const at = (n: string) => names.indexOf(n);
	const closeAt = at('close') >= 0 ? at('close') : at('price') >= 0 ? at('price') : 1;
	const num = (v: string | undefined) => (v === undefined ? NaN : +v.replace(/,/g, ''));
	return lines.map((l) => split(l.trim())).map((f) => {
		const d = f[at('date')];
		const date = /^\d\d\/\d\d\/\d{4}$/.test(d) ? `${d.slice(6)}-${d.slice(0, 2)}-${d.slice(3, 5)}` : d;
		return { date, open: num(f[at('open')]), high: num(f[at('high')]), low: num(f[at('low')]), close: num(f[closeAt]), volume: num(f[at('volume')]) };
	}).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Weekly bars: the last close of each Monday-to-Sunday week, dated by its last session. */
function weekly(rows: Row[]): Row[] {
	const out: Row[] = [];
	let key = NaN;
	for (const r of rows) {
		const k = Math.floor((Date.parse(r.date) / 86400000 + 3) / 7);
		if (k !== key) out.push({ ...r });
		else {
			const w = out[out.length - 1];
			Object.assign(w, { date: r.date, close: r.close, high: Math.max(w.high, r.high), low: Math.min(w.low, r.low), volume: w.volume + r.volume });
		}
		key = k;
	}
	return out;
}

const on = (rows: Row[], day: string) => rows.findIndex((r) => r.date === day);
const lastOnOrBefore = (rows: Row[], day: string) => rows.filter((r) => r.date <= day).at(-1)!;
const maxClose = (rows: Row[]) => Math.max(...rows.map((r) => r.close));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe.skipIf(!haveData)('events of 2024–2025 notebooks (live prices)', () => {
	it('rut-record-reversal-oct-2025: each claim, what followed, and the study since 1987', () => {
		const f = findings('rut-record-reversal-oct-2025');
		const rut = csv('^RUT');
		const mon = on(rut, '2025-10-13');
		const fri = on(rut, '2025-10-17');
		const week = rut.slice(mon, fri + 1);
		const high = Math.max(...week.map((r) => r.high));
		expect(f.measured.intradayHigh).toBeCloseTo(2541.67, 2);
		expect(high).toBeCloseTo(2541.67, 2);
		expect(Math.max(...rut.slice(0, mon + 2).map((r) => r.high))).toBeLessThan(high); // a record on the 15th
		expect(f.measured.highToFridayClose).toBeCloseTo(1 - rut[fri].close / high, 12);
		expect(f.claims['a sharp 3.5% reversal'].holds).toBe(true);
		expect(f.measured.weekCloseToClose).toBeCloseTo(rut[fri].close / rut[mon - 1].close - 1, 12);
		expect(f.measured.weekCloseToClose).toBeCloseTo(0.024, 3);
		expect(f.measured.weekOpenToClose).toBeCloseTo(rut[fri].close / rut[mon].open - 1, 12);
		expect(f.claims['closes the week with a 1.2% gain'].holds).toBe(false);
		expect(f.measured.fridayRut).toBeCloseTo(rut[fri].close / rut[fri - 1].close - 1, 12);
		expect(f.claims['the 0.60% loss on Friday'].holds).toBe(true);
		const spx = csv('^GSPC');
		const ndx = csv('^NDX');
		const s = on(spx, '2025-10-17');
		const n = on(ndx, '2025-10-17');
		expect(f.measured.fridaySpx).toBeCloseTo(spx[s].close / spx[s - 1].close - 1, 12);
		expect(f.measured.fridayNdx).toBeCloseTo(ndx[n].close / ndx[n - 1].close - 1, 12);
		expect(f.measured.fridaySpx).toBeGreaterThan(0);

		const weeks = weekly(rut);
		const w = on(weeks, '2025-10-17');
		for (const k of [1, 4, 13]) {
			expect(f.followed[k].date).toBe(weeks[w + k].date);
			expect(f.followed[k].change).toBeCloseTo(weeks[w + k].close / weeks[w].close - 1, 12);
		}
		const recordClose = Math.max(...rut.slice(0, fri + 1).map((r) => r.close));
		expect(f.laterRecordClose.date).toBe(rut.slice(fri + 1).find((r) => r.close > recordClose)!.date);

		// the study: close ≥ 3.5% below an intraday record of that session or the 2 before, first of a run, 21 apart, after 252 sessions
		const isRecord = rut.map((r, i) => i > 0 && r.high > Math.max(...rut.slice(0, i).map((x) => x.high)));
		const holds = rut.map((r, t) => [0, 1, 2].some((k) => t - k >= 0 && isRecord[t - k] && r.close <= rut[t - k].high * (1 - 0.035)));
		const events: number[] = [];
		for (let t = 252; t < rut.length; t++) {
			if (holds[t] && !holds[t - 1] && (events.length === 0 || t - events[events.length - 1] >= 21)) events.push(t);
		}
		expect(f.events).toBe(events.length);
		expect(events.map((t) => rut[t].date)).toContain('2025-10-17');
		const fwd = events.filter((t) => t + 63 < rut.length).map((t) => rut[t + 63].close / rut[t].close - 1);
		expect(f.study[63].n).toBe(fwd.length);
		expect(f.study[63].mean).toBeCloseTo(mean(fwd), 12);
	}, 120_000);

	it.skipIf(!soxxReadable)('small-caps-record-dec-2025: RUT vs 2021, KRE cup, SOXX, XLK streak, crypto, distances', () => {
		const f = findings('small-caps-record-dec-2025');
		const rut = csv('^RUT');
		const today = on(rut, '2025-12-09');
		const recordsLastWeek = rut.map((r, i) => ({ r, i })).filter(({ r, i }) => r.date >= '2025-12-01' && r.date <= '2025-12-05' && r.close > maxClose(rut.slice(0, i)));
		expect(f.rut.recordClosesLastWeek.map((x: any) => x.date)).toEqual(recordsLastWeek.map(({ r }) => r.date));
		expect(f.rut.recordClosesLastWeek.length).toBeGreaterThan(0);
		expect(f.rut.intradayRecordToday).toBe(rut[today].high > Math.max(...rut.slice(0, today).map((r) => r.high)));
		const high2021 = Math.max(...rut.filter((r) => r.date.startsWith('2021')).map((r) => r.high));
		expect(f.rut.highAbove2021High).toBeCloseTo(rut[today].high / high2021 - 1, 12);
		expect(f.rut.highAbove2021High).toBeGreaterThan(0.02);

		// the KRE cup: its numbers are the weekly closes at its dates, the breakout the first weekly close above the right rim
		const kre = weekly(csv('KRE'));
		const c = f.kreCup;
		const [l, b, r] = [on(kre, c.leftRim), on(kre, c.bottom), on(kre, c.rightRim)];
		expect(kre[l].close).toBeCloseTo(c.leftRimClose, 6);
		expect(Math.min(...kre.slice(l + 1, r).map((x) => x.close))).toBeCloseTo(kre[b].close, 6);
		expect(c.depth).toBeCloseTo(1 - kre[b].close / kre[l].close, 12);
		expect(c.level).toBeCloseTo(kre[r].close, 6);
		expect(c.level).toBeGreaterThanOrEqual(63);
		expect(c.level).toBeLessThanOrEqual(70);
		const k = kre.findIndex((x, i) => i > r && x.close > kre[r].close);
		expect(c.breakout).toBe(kre[k].date);
		expect(c.handleLowClose).toBeCloseTo(Math.min(...kre.slice(r + 1, k).map((x) => x.close)), 6);
		expect(f.kreFirstAbove70).toBe(kre.find((x, i) => x.date > '2025-12-09' && x.close > 70 && kre[i - 1].close <= 70)!.date);

		const soxx = csv('SOXX');
		const si = on(soxx, '2025-12-09');
		expect(f.soxx.belowRecord).toBeCloseTo(soxx[si].close / maxClose(soxx.slice(0, si + 1)) - 1, 12);

		const xlk = csv('XLK');
		const xi = on(xlk, '2025-12-09');
		let streak = 0;
		while (xlk[xi - streak].close > xlk[xi - streak - 1].close) streak++;
		expect(f.xlkStreak).toBe(streak);
		expect(streak).toBe(12);
		for (const s of ['XLK', '^NDX', 'QQQ']) {
			const rows = csv(s);
			let run = 0;
			const events: number[] = [];
			for (let t = 1; t < rows.length; t++) {
				run = rows[t].close > rows[t - 1].close ? run + 1 : 0;
				if (run === streak) events.push(t);
			}
			expect(f.streaks[s].events, s).toBe(events.length);
			const fwd = events.filter((t) => t + 21 < rows.length).map((t) => rows[t + 21].close / rows[t].close - 1);
			expect(f.streaks[s][21].mean, s).toBeCloseTo(mean(fwd), 12);
		}

		const btc = csv('BTC-USD');
		const eth = csv('ETH-USD');
		expect(f.crypto.lastDay).toBe(eth.at(-1)!.date);
		expect(f.crypto.lastDay < '2025-01-01').toBe(true);
		expect(f.crypto.ethBtcLast).toBeCloseTo(eth.at(-1)!.close / btc.find((x) => x.date === eth.at(-1)!.date)!.close, 12);

		for (const s of ['^RUT', '^GSPC', '^NDX', 'XLK', 'SOXX', 'KRE']) {
			const rows = csv(s).filter((x) => x.date <= '2025-12-09');
			expect(f.distances[s].fromRecord, s).toBeCloseTo(rows.at(-1)!.close / maxClose(rows) - 1, 12);
		}
	}, 120_000);

	it('small-cap-expansion-2024: relative strength, rates and the first close above the 2021 peak', () => {
		const f = findings('small-cap-expansion-2024');
		const ratioChange = (a: Row[], b: Row[], from: string, to: string) =>
			(lastOnOrBefore(a, to).close / lastOnOrBefore(b, to).close) / (lastOnOrBefore(a, from).close / lastOnOrBefore(b, from).close) - 1;
		const rut = csv('^RUT');
		const spx = csv('^GSPC');
		const iwm = csv('IWM');
		const spy = csv('SPY');
		expect(f.relative.rutVsSpx2022to2023).toBeCloseTo(ratioChange(rut, spx, '2021-12-31', '2023-12-31'), 10);
		expect(f.relative.rutVsSpx2022to2023).toBeLessThan(0);
		expect(f.relative.rutVsSpx2024).toBeCloseTo(ratioChange(rut, spx, '2023-12-31', '2024-12-31'), 10);
		expect(f.relative.iwmVsSpy2024ToSeptember).toBeCloseTo(ratioChange(iwm, spy, '2023-12-31', '2024-09-12'), 10);
		expect(f.relative.rut2024).toBeCloseTo(lastOnOrBefore(rut, '2024-12-31').close / lastOnOrBefore(rut, '2023-12-31').close - 1, 12);

		const tnx = csv('TNX').filter((r) => r.date.startsWith('2024'));
		expect(f.rates.tnxStart2024).toBeCloseTo(tnx[0].close, 10);
		expect(f.rates.tnxEnd2024).toBeCloseTo(tnx.at(-1)!.close, 10);
		expect(f.rates.tnxHigh2024.close).toBeCloseTo(Math.max(...tnx.map((r) => r.close)), 10);
		expect(f.rates.tnxLow2024.close).toBeCloseTo(Math.min(...tnx.map((r) => r.close)), 10);
		const fed = csv('FEDFUNDS');
		expect(f.rates.fedFundsLast.month).toBe(fed.at(-1)!.date.slice(0, 7));
		expect(f.rates.fedFundsLast.rate).toBeCloseTo(fed.at(-1)!.close, 10);

		const peak2021 = maxClose(rut.filter((r) => r.date.startsWith('2021')));
		expect(f.firstRecordCloseAbove2021Peak.date).toBe(rut.find((r) => r.date > '2021-12-31' && r.close > peak2021)!.date);

		// each breakout's volume against the 20 bars up to it, on the daily files
		for (const b of f.breakouts.filter((x: any) => x.frame.endsWith('daily'))) {
			const rows = b.frame.startsWith('IWM') ? iwm : rut;
			const i = on(rows, b.date);
			expect(b.volumeVsAverage, b.frame).toBeCloseTo(rows[i].volume / mean(rows.slice(i - 19, i + 1).map((r) => r.volume)), 10);
		}
		expect(f.breakouts.some((x: any) => x.frame === '^RUT weekly' && x.date.startsWith('2024-07'))).toBe(true);
	}, 120_000);

	it('new-high-reversal-bull-trap: the latest case is the newest in the live files', () => {
		const f = findings('new-high-reversal-bull-trap');
		const newest = ['^RUT', 'IWM'].map((s) => {
			const rows = csv(s);
			const record = rows.map((r, i) => i > 0 && r.high > Math.max(...rows.slice(0, i).map((x) => x.high)));
			const cases = rows.map((r, t) => t >= f.warmup && rows.slice(Math.max(0, t - f.within), t + 1).some((x, j) => record[Math.max(0, t - f.within) + j] && r.close <= x.high * (1 - f.fromHigh)));
			return { s, date: rows[cases.lastIndexOf(true)].date };
		}).sort((a, b) => (a.date < b.date ? 1 : -1))[0];
		expect(newest.date >= '2025-10-17').toBe(true);
		expect([f.latestSymbol, f.latest]).toEqual([newest.s, newest.date]);
	}, 120_000);

	it('russell-breakout-upside: the events, the largest gains, +20% and the drawdown first', () => {
		const f = findings('russell-breakout-upside');
		const rut = csv('^RUT');
		const months = f.months;
		const events: number[] = [];
		let best = 0;
		for (let t = 1; t < rut.length; t++) {
			if (t >= 252 && rut[t].close > rut[best].close && t - best >= months * 21) events.push(t);
			if (rut[t].close > rut[best].close) best = t;
		}
		expect(f.dates).toEqual(events.map((t) => rut[t].date));
		expect(f.dates.at(-1)).toBe('2025-09-18');
		for (const h of [63, 126]) {
			const done = events.filter((t) => t + h < rut.length);
			const gains = done.map((t) => Math.max(...rut.slice(t + 1, t + h + 1).map((r) => r.close)) / rut[t].close - 1);
			const draws = done.map((t) => {
				const window = rut.slice(t + 1, t + h + 1).map((r) => r.close);
				const peak = window.indexOf(Math.max(...window));
				return Math.min(rut[t].close, ...window.slice(0, peak + 1)) / rut[t].close - 1;
			});
			const d = f.distribution[h];
			expect(d.events).toBe(done.length);
			expect(d.medianMaxGain).toBeCloseTo(median(gains), 12);
			expect(d.reached20).toBe(gains.filter((g) => g >= 0.2).length);
			expect(d.medianDrawdownFirst).toBeCloseTo(median(draws), 12);
			expect(d.worstDrawdownFirst).toBeCloseTo(Math.min(...draws), 12);
		}
		const iwm = csv('IWM');
		const qqq = csv('QQQ');
		const qqqOn = new Map(qqq.map((q) => [q.date, q.close]));
		const ratios = iwm.filter((r) => qqqOn.has(r.date)).map((r) => r.close / qqqOn.get(r.date)!);
		expect(f.etfContext.aboveLowest).toBeCloseTo(ratios.at(-1)! / Math.min(...ratios) - 1, 10);
	}, 120_000);
});
