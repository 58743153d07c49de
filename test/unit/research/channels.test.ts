import { describe, expect, it } from 'vitest';
import { channel, compareSlopes } from '../../../src/lib/research/channels/index.js';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of a table built in the test
type Row = Record<string, any>;
import { fixture, hasData, loadPrices, tinyTable } from './load.js';

describe('channel on hand cases', () => {
	it('a constant 1% daily growth fits exactly', () => {
		const close = Array.from({ length: 30 }, (_, i) => 50 * 1.01 ** i);
		const c = channel(tinyTable(close));
		expect(c.slopePerDay).toBeCloseTo(Math.log(1.01), 12);
		expect(c.slopePerYear).toBeCloseTo((1.01 ** 252 - 1) * 100, 8);
		expect(c.r2).toBeCloseTo(1, 12);
		expect(c.sigma).toBeLessThan(1e-12);
		expect(c.project(10).fit).toBeCloseTo(50 * 1.01 ** 39, 8);
	});

	it('linear fit: bands are ±kσ and max bands touch the extreme residuals', () => {
		// y = 10 + i with residuals +1, −1 alternating
		const close = Array.from({ length: 6 }, (_, i) => 10 + i + (i % 2 ? -1 : 1));
		const c = channel(tinyTable(close), { log: false, k: 1 });
		const rows = c.table.objects() as Row[] as Record<string, number>[];
		rows.forEach((r) => {
			expect(r.upper - r.fit).toBeCloseTo(c.sigma, 12);
			expect(r.maxUpper - r.fit).toBeCloseTo(Math.max(...close.map((v, i) => v - c.line[i])), 12);
		});
		expect(c.slopePerYear).toBeCloseTo(252 * c.slopePerDay, 12);
	});

	it('projects to a date beyond the data by weekdays', () => {
		// 2020-01-01 is a Wednesday; 10 daily rows end Friday 2020-01-10; Monday 13th is 1 weekday on
		const c = channel(tinyTable(Array.from({ length: 10 }, (_, i) => 100 + i)), { log: false });
		expect(c.project('2020-01-13').sessionsAhead).toBe(1);
		expect(c.project('2020-01-20').sessionsAhead).toBe(6);
		expect(c.project('2020-01-13').fit).toBeCloseTo(110, 10);
	});

	it('errors on too short a range or non-positive prices', () => {
		const t = tinyTable([1, 2, 3, 4]);
		expect(() => channel(t, { start: '2020-01-03', end: '2020-01-04' })).toThrow(/channel: .* has 2 sessions; a channel needs at least 3/);
		expect(() => channel(tinyTable([1, 0, 2]))).toThrow(/positive closes/);
		expect(() => compareSlopes([{ table: t, start: '2020-01-01', end: '2020-01-04' }])).toThrow(/at least two periods/);
	});
});

describe.runIf(hasData('IWM'))('channel on real IWM vs numpy.polyfit / scipy linregress', () => {
	const iwm = loadPrices('IWM');
	type Expected = { start: string; end: string; first: string; last: string; n: number; slopePerDay: number; polyfitSlope: number; intercept: number; r2: number; sigma: number; slopePerYear: number; maxAbove: number; maxBelow: number };
	const want = fixture<Expected[]>('channels.json');

	it.each(want)('$start – $end', (w) => {
		const c = channel(iwm, { start: w.start, end: w.end });
		expect(c.n).toBe(w.n);
		expect(c.start.toISOString().slice(0, 10)).toBe(w.first);
		expect(c.end.toISOString().slice(0, 10)).toBe(w.last);
		expect(c.slopePerDay).toBeCloseTo(w.slopePerDay, 12);
		expect(c.slopePerDay).toBeCloseTo(w.polyfitSlope, 12);
		expect(c.r2).toBeCloseTo(w.r2, 10);
		expect(c.sigma).toBeCloseTo(w.sigma, 12);
		expect(c.slopePerYear).toBeCloseTo(w.slopePerYear, 8);
		expect(Math.log(c.line[0])).toBeCloseTo(w.intercept, 10);
		expect(Math.log(c.maxBands.upper[0] / c.line[0])).toBeCloseTo(w.maxAbove, 10);
		expect(Math.log(c.maxBands.lower[0] / c.line[0])).toBeCloseTo(w.maxBelow, 10);
	});

	it('compareSlopes rebases both periods to 100 at session 0', () => {
		const cmp = compareSlopes([
			{ table: iwm, start: want[1].start, end: want[1].end, label: '2010–11' },
			{ table: iwm, start: want[0].start, end: want[0].end, label: '2012–13' }
		]);
		expect(cmp.summary.array('slopePerYear')).toEqual([want[1].slopePerYear, want[0].slopePerYear].map((v) => expect.closeTo(v, 8)));
		const starts = (cmp.paths.objects() as Row[]).filter((r) => r.session === 0);
		expect(starts.map((r) => r.close)).toEqual([100, 100]);
		expect(cmp.paths.numRows()).toBe(want[0].n + want[1].n);
	});
});
