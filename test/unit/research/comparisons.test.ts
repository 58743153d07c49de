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
