/**
 * Chart patterns as event conditions: each on synthetic series whose answer is known by
 * construction, as an eventStudy condition, and on a real case from the price folders.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	baseNearHigh, breakout, conditionMask, cupAndHandle, eventStudy, findCupAndHandles, trendlineBreak, upTrendLine
} from '../../../src/lib/research/events/index.js';
import { parsePriceCsv, resample } from '../../../src/lib/data/index.js';
import { dataDir as frozenDir, tinyTable } from './load.js';

/** Closes along straight segments between [index, value] knots. */
function path(knots: [number, number][]): number[] {
	const out: number[] = [];
	for (let k = 1; k < knots.length; k++) {
		const [i0, v0] = knots[k - 1];
		const [i1, v1] = knots[k];
		for (let i = k === 1 ? i0 : i0 + 1; i <= i1; i++) out.push(v0 + ((v1 - v0) * (i - i0)) / (i1 - i0));
	}
	return out;
}
const rows = (mask: Uint8Array) => Array.from(mask).flatMap((v, i) => (v ? [i] : []));
const on = (close: number[], c: Parameters<typeof conditionMask>[1]) => rows(conditionMask(tinyTable(close), c));

describe('cupAndHandle', () => {
	// left rim 100 at 3, bottom 70 at 12, right rim 98 at 22, handle low 92 at 25, 101 at 28
	const cup = path([[0, 95], [3, 100], [12, 70], [22, 98], [25, 92], [27, 96], [28, 101], [30, 103]]);
	it('finds rims, bottom, handle and the breakout bar of a built cup', () => {
		const [p, ...rest] = findCupAndHandles(tinyTable(cup));
		expect(rest).toEqual([]);
		expect([p.leftRim.index, p.bottom.index, p.rightRim.index, p.handleLow?.index, p.breakout?.index]).toEqual([3, 12, 22, 25, 28]);
		expect(p.depth).toBeCloseTo(0.3, 12);
		expect(p.handleDepth).toBeCloseTo(1 - 92 / 98, 12);
		expect([p.cupBars, p.handleBars, p.level]).toEqual([19, 5, 98]);
		expect(on(cup, cupAndHandle())).toEqual([28]);
	});
	it('refuses what breaks one rule', () => {
		const deepHandle = path([[0, 95], [3, 100], [12, 70], [22, 98], [25, 83], [27, 96], [28, 101], [30, 103]]); // below (98+70)/2
		const shallowCup = path([[0, 95], [3, 100], [12, 95], [22, 99.5], [25, 97], [27, 98], [28, 101], [30, 103]]); // 5% deep
		const lowRightRim = path([[0, 95], [3, 100], [12, 70], [22, 90], [25, 86], [27, 88], [28, 101], [30, 103]]); // 10% below
		expect(on(deepHandle, cupAndHandle())).toEqual([]);
		expect(on(shallowCup, cupAndHandle())).toEqual([]);
		expect(on(lowRightRim, cupAndHandle())).toEqual([]);
		expect(on(cup, cupAndHandle({ maxHandleBars: 4 }))).toEqual([]);
		expect(on(cup, cupAndHandle({ minCupBars: 20 }))).toEqual([]);
		expect(() => cupAndHandle({ maxDepth: 2 })).toThrow(/cupAndHandle: maxDepth must be a fraction/);
	});
	it('reports a pattern still forming at the end, without a breakout', () => {
		const [p] = findCupAndHandles(tinyTable(cup.slice(0, 28)));
		expect(p.breakout).toBeNull();
		expect(p.rightRim.index).toBe(22);
		expect(on(cup.slice(0, 28), cupAndHandle())).toEqual([]);
	});
	it('works as an eventStudy condition', () => {
		const s = eventStudy(tinyTable(cup), cupAndHandle(), { horizons: [2], bootstrap: 10 });
		expect(Array.from(s.events.array('fwd2') as Float64Array)).toEqual([103 / 101 - 1]);
	});
});

describe('baseNearHigh', () => {
	it('holds while the last n closes are within x of the record, first bar only with first', () => {
		const close = [100, 99, 97, 96, 101, 100, 99, 94, 100];
		expect(on(close, baseNearHigh({ bars: 3, within: 0.05 }))).toEqual([2, 3, 4, 5, 6]);
		expect(on(close, baseNearHigh({ bars: 3, within: 0.05, first: true }))).toEqual([2]);
		// a new record raises the floor: 96 is then more than 5% below 104, so at row 4 the base is
		// 3 bars (104, 100, 100) and whole again at row 5
		expect(on([100, 96, 100, 100, 104, 104], baseNearHigh({ bars: 4, within: 0.05 }))).toEqual([3, 5]);
		expect(on([100, 96, 100, 100, 104, 104, 104], baseNearHigh({ bars: 4, within: 0.05, first: true }))).toEqual([3, 5]);
		expect(() => baseNearHigh({ bars: 0, within: 0.05 })).toThrow(/baseNearHigh: bars must be an integer/);
	});
	it('works as an eventStudy condition', () => {
		const s = eventStudy(tinyTable([100, 99, 97, 96, 101, 100, 99, 94, 100]), baseNearHigh({ bars: 3, within: 0.05, first: true }), { horizons: [2], bootstrap: 10 });
		expect(Array.from(s.events.array('close') as number[])).toEqual([97]);
	});
});

describe('trendlineBreak', () => {
	// swing lows 90 at 5, 95 at 15, 100 at 25 (line 87.5 + 0.5·t), then a fall from 115 at 30 by 5 a bar
	const zigzag = path([[0, 100], [5, 90], [10, 105], [15, 95], [20, 110], [25, 100], [30, 115], [35, 90]]);
	it('fires on the first close below the line through the latest swing lows', () => {
		// line at 33 is 104: close 100 is below, close 105 at 32 was above 103.5
		expect(on(zigzag, trendlineBreak({ pivot: 3 }))).toEqual([33]);
		expect(on(zigzag, trendlineBreak({ pivot: 3, points: 3 }))).toEqual([33]);
		const line = upTrendLine(tinyTable(zigzag), { pivot: 3, asOf: '2020-02-02' })!; // row 32
		expect(line.lows.map((l) => l.index)).toEqual([15, 25]);
		expect(line.at(33)).toBeCloseTo(104, 12);
	});
	it('ignores falling lines and lows not yet confirmed', () => {
		const falling = path([[0, 100], [5, 95], [10, 105], [15, 90], [20, 104], [25, 80]]);
		expect(on(falling, trendlineBreak({ pivot: 3 }))).toEqual([]);
		expect(upTrendLine(tinyTable(zigzag), { pivot: 3, asOf: '2020-01-18' })).toBeNull(); // row 17: the low at 15 is not known
	});
	it('works as an eventStudy condition', () => {
		const s = eventStudy(tinyTable(zigzag), trendlineBreak({ pivot: 3 }), { horizons: [2], bootstrap: 10 });
		expect(Array.from(s.events.array('fwd2') as Float64Array)).toEqual([90 / 100 - 1]);
	});
});

describe('breakout', () => {
	it('fires on the first close above a zone of swing highs that capped every close since', () => {
		const range = path([[0, 100], [5, 110], [10, 100], [15, 110], [20, 100], [25, 112]]);
		expect(on(range, breakout({ pivot: 3 }))).toEqual([25]);
		expect(on(range, breakout({ pivot: 3, minTouches: 3 }))).toEqual([]);
		expect(on(range, breakout({ pivot: 3, lookback: 12 }))).toEqual([]); // the high at 5 is forgotten by row 25
		// a close of 111 between the touches: with no tolerance the 110 zone did not cap it
		const pierced = path([[0, 100], [5, 110], [8, 104], [10, 111], [12, 104], [15, 110], [20, 100], [25, 112]]);
		expect(on(pierced, breakout({ pivot: 2, tolerance: 0 }))).toEqual([]);
		expect(on(pierced, breakout({ pivot: 2 }))).toEqual([25]); // 110–111 is one zone at 1.5%
	});
	it('a fixed zone: the first close above its top', () => {
		expect(on([60, 65, 71, 69, 72], breakout({ zone: [63, 70] }))).toEqual([2, 4]);
		expect(() => breakout({ zone: [70, 63] })).toThrow(/breakout: zone must be \[low, high\]/);
	});
	it('works as an eventStudy condition', () => {
		const s = eventStudy(tinyTable([60, 65, 71, 69, 72, 75]), breakout({ zone: [63, 70] }), { horizons: [1], bootstrap: 10 });
		expect(Array.from(s.events.array('fwd1') as Float64Array)).toEqual([69 / 71 - 1, 75 / 72 - 1]);
	});
});

/** A price file of a folder, as loadSeries parses it (optionally weekly). */
function real(dir: string, symbol: string, weekly = false) {
	const table = parsePriceCsv(readFileSync(join(dir, `${symbol}.csv`), 'utf8'), `${symbol}.csv`).table;
	return weekly ? resample(table, 'week') : table;
}
const liveDir = join(frozenDir, '../prices');
const haveFrozen = existsSync(join(frozenDir, '^GSPC.csv'));
const haveLive = existsSync(join(liveDir, 'KRE.csv'));
if (!haveFrozen || !haveLive) console.warn(`pattern tests: real cases need ${frozenDir} and ${liveDir}; skipping them.`);
const isoDates = (t: ReturnType<typeof real>, mask: Uint8Array) => rows(mask).map((i) => (t.get('date', i) as Date).toISOString().slice(0, 10));

describe('real cases', () => {
	it.skipIf(!haveFrozen)('S&P 500, weekly: the up-trend line from the November 2012 low broke in the week of 2013-06-21', () => {
		const spx = real(frozenDir, '^GSPC', true);
		// fitted through the four weekly swing lows since the November 2012 low
		const line = upTrendLine(spx, { pivot: 3, points: 4, asOf: '2013-06-14' })!;
		expect(line.lows.map((l) => l.date.toISOString().slice(0, 10))).toEqual(['2012-11-16', '2013-01-04', '2013-03-01', '2013-04-19']);
		const breaks = isoDates(spx, conditionMask(spx, trendlineBreak({ pivot: 3, points: 4 }))).filter((d) => d >= '2012-12' && d < '2013-08');
		expect(breaks).toEqual(['2013-06-21']);
		const i = (spx.array('date') as Date[]).findIndex((d) => d.toISOString().startsWith('2013-06-21'));
		expect(spx.get('close', i)).toBeLessThan(line.at(i));
		expect(spx.get('close', i - 1)).toBeGreaterThanOrEqual(line.at(i - 1));
	});
	it.skipIf(!haveLive)('KRE, weekly: the 2024–2025 cup and handle broke out in the week of 2025-12-12', () => {
		const kre = real(liveDir, 'KRE', true);
		const p = findCupAndHandles(kre).find((c) => c.leftRim.date.toISOString().startsWith('2024-11'))!;
		const day = (x: { date: Date } | null) => x?.date.toISOString().slice(0, 10);
		expect([day(p.leftRim), day(p.bottom), day(p.rightRim), day(p.handleLow), day(p.breakout)]).toEqual(['2024-11-22', '2025-04-04', '2025-08-29', '2025-10-17', '2025-12-12']);
		expect(p.level).toBeCloseTo(65.51, 2);
		expect(isoDates(kre, conditionMask(kre, breakout({ zone: [63, 70] }))).filter((d) => d > '2023')).toEqual(['2026-02-06', '2026-04-17', '2026-06-05']);
	});
});

describe("the editor's types", () => {
	it('declare each pattern as a cell global with its documentation', async () => {
		const { libraryTypes } = await import('../../../src/lib/editor/libraryTypes.js');
		const globals = libraryTypes['file:///globals/workspace.d.ts'];
		for (const name of ['cupAndHandle', 'findCupAndHandles', 'baseNearHigh', 'trendlineBreak', 'upTrendLine', 'breakout']) {
			expect(globals).toContain(`declare const ${name}: typeof import('@tape/lib/research/index').${name};`);
		}
		const source = libraryTypes['file:///node_modules/@tape/lib/research/events/cup-and-handle.ts'];
		expect(source).toContain('export function cupAndHandle(');
		expect(source).toContain("O'Neil's pivot point");
	});
});
