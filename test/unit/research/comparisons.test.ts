import { describe, expect, it } from 'vitest';
import { performanceTable, ratio, rebase, rollingBeta, rollingCorrelation } from '../../../src/lib/research/comparisons/index.js';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of a table built in the test
type Row = Record<string, any>;
import { fixture, hasData, loadPrices, tinyTable } from './load.js';
import { table } from 'arquero';

describe('comparisons on hand cases', () => {
	it('rebase sets 100 at the first or given session and scales every price column', () => {
		const t = tinyTable([50, 55, 60], { high: [51, 56, 62], volume: [7, 8, 9] });
		expect(Array.from(rebase(t).array('close'))).toEqual([100, 110, 120]);
		const at = rebase(t, { at: '2020-01-02' });
		const closes = at.array('close');
		expect(closes[1]).toBe(100);
		expect(closes[0]).toBeCloseTo((50 / 55) * 100, 12);
		expect(closes[2]).toBeCloseTo((60 / 55) * 100, 12);
		expect(at.array('high')[1]).toBeCloseTo(56 / 55 * 100, 12);
		expect(Array.from(at.array('volume'))).toEqual([7, 8, 9]);
		expect(() => rebase(t, { at: '2021-01-01' })).toThrow(/rebase: no session on or after 2021-01-01/);
	});

	it('ratio keeps only common dates', () => {
		const a = tinyTable([10, 20, 30]);
		const b = table({ date: [new Date(Date.UTC(2020, 0, 2)), new Date(Date.UTC(2020, 0, 3)), new Date(Date.UTC(2020, 0, 9))], close: [4, 5, 6] });
		const r = ratio(a, b);
		expect(r.objects() as Row[]).toEqual([
			{ date: new Date(Date.UTC(2020, 0, 2)), ratio: 5, a: 20, b: 4 },
			{ date: new Date(Date.UTC(2020, 0, 3)), ratio: 6, a: 30, b: 5 }
		]);
	});

	it('beta of a 2× leveraged copy is 2 and its correlation is 1', () => {
		const base = [100, 101, 99, 102, 104, 103, 107, 105];
		const lev = [100];
		for (let i = 1; i < base.length; i++) lev.push(lev[i - 1] * (1 + 2 * (base[i] / base[i - 1] - 1)));
		const beta = rollingBeta(tinyTable(lev), tinyTable(base), { window: 5 }).array('beta');
		const corr = rollingCorrelation(tinyTable(lev), tinyTable(base), { window: 5 }).array('correlation');
		expect(beta[3]).toBeNaN();
		expect(beta[6]).toBeCloseTo(2, 10);
		expect(corr[6]).toBeCloseTo(1, 10);
	});

	it('performance windows: sessions back, from a date, and NaN before the data', () => {
		const t = tinyTable([100, 110, 121, 133.1]);
		const p = performanceTable({ X: t }, { windows: [{ label: '2s', sessions: 2 }, { label: 'since', from: '2020-01-02' }, '1y'] }).object(0) as Record<string, number>;
		expect(p['2s']).toBeCloseTo(21, 10);
		expect(p.since).toBeCloseTo(21, 10);
		expect(p['1y']).toBeNaN();
		expect(() => performanceTable({ X: t }, { windows: ['5q'] })).toThrow(/unknown window '5q'/);
	});
});

describe('performanceTable calendar windows clamp to the month’s end', () => {
	/** Every weekday from 2010 to 2021, each close a distinct number, so a return names its base session. */
	const weekdays: Date[] = [];
	for (let t = Date.UTC(2010, 0, 1); t <= Date.UTC(2021, 11, 31); t += 86_400_000) {
		const d = new Date(t);
		if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) weekdays.push(d);
	}
	const closes = weekdays.map((_, i) => 100 + i);
	const t = table({ date: weekdays, close: closes });
	/** The session a window's return was measured from, found back from the return. */
	function baseOf(window: string, asOf: string): string {
		const row = performanceTable({ X: t }, { windows: [window], asOf }).object(0) as Record<string, number>;
		const end = weekdays.findIndex((d) => d.toISOString().startsWith(asOf));
		const base = closes[end] / (row[window] / 100 + 1);
		return weekdays[Math.round(base) - 100].toISOString().slice(0, 10);
	}

	it('1m as of 2021-03-31 starts from the last close on or before 2021-02-28 (a Sunday: Friday 2021-02-26)', () => {
		expect(baseOf('1m', '2021-03-31')).toBe('2021-02-26');
		expect(baseOf('1m', '2021-05-31')).toBe('2021-04-30');
		expect(baseOf('3m', '2021-05-31')).toBe('2021-02-26');
		expect(baseOf('1m', '2020-03-31')).toBe('2020-02-28'); // leap year: Feb 29 2020 is a Saturday
	});

	it('1y as of the leap day 2012-02-29 starts from 2011-02-28, and 1m from 2012-01-27 (Jan 29 a Sunday)', () => {
		expect(baseOf('1y', '2012-02-29')).toBe('2011-02-28');
		expect(baseOf('1m', '2012-02-29')).toBe('2012-01-27');
		expect(baseOf('4y', '2016-02-29')).toBe('2012-02-29');
		expect(baseOf('1m', '2012-03-30')).toBe('2012-02-29');
	});
});

describe.runIf(hasData('IWM') && hasData('QQQ'))('comparisons on real IWM and QQQ vs numpy', () => {
	const iwm = loadPrices('IWM');
	const qqq = loadPrices('QQQ');
	type Expected = {
		commonDates: number; ratioAt: Record<string, number>;
		rolling60: { date: string; correlation: number; beta: number }[];
		performance: Record<string, Record<string, number>>;
	};
	const want = fixture<Expected>('comparisons.json');

	it('ratio on common dates', () => {
		const r = ratio(iwm, qqq);
		expect(r.numRows()).toBe(want.commonDates);
		const byDate = new Map((r.objects() as Row[]).map((o) => [(o.date as Date).toISOString().slice(0, 10), o.ratio as number]));
		for (const [d, v] of Object.entries(want.ratioAt)) expect(byDate.get(d)).toBeCloseTo(v, 12);
	});

	it('rolling correlation and beta', () => {
		const corr = rollingCorrelation(iwm, qqq, { window: 60 }).objects() as Row[];
		const beta = rollingBeta(iwm, qqq, { window: 60 }).objects() as Row[];
		for (const w of want.rolling60) {
			const i = corr.findIndex((o) => (o.date as Date).toISOString().startsWith(w.date));
			expect(corr[i].correlation).toBeCloseTo(w.correlation, 10);
			expect(beta[i].beta).toBeCloseTo(w.beta, 10);
		}
	});

	it('performance as of 2013-07-08 (the small-caps-lead claim)', () => {
		const rows = performanceTable({ IWM: iwm, QQQ: qqq }, { windows: ['1w', '1m', '3m', 'ytd', '1y', { label: '9 sessions', sessions: 9 }], asOf: '2013-07-08' }).objects() as Row[];
		for (const row of rows) {
			for (const [k, v] of Object.entries(want.performance[row.symbol as string])) expect(row[k], `${row.symbol} ${k}`).toBeCloseTo(v, 10);
		}
	});
});
