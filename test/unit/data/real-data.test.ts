import { describe, expect, it } from 'vitest';
import { createLoadSeries, resample, toWide } from '../../../src/lib/data/index';
import { hasRealData, readRealCsv, realSource } from './real-data';

/** Row counts PROVENANCE.md gave for the files now frozen in prices-2022. */
const PROVENANCE_ROWS: Record<string, number> = {
	IWM: 5658, QQQ: 5759, SPY: 5759, DIA: 5759, MDY: 5759, IYT: 4750,
	'^RUT': 5759, '^GSPC': 5759, '^NDX': 5759, '^DJI': 5759, '^VIX': 5759,
	XLB: 5483, XLE: 5483, XLF: 5483, XLI: 5483, XLK: 5483, XLP: 5483, XLU: 5483, XLV: 5483, XLY: 5483
};

/** The file's rows read independently of the library: plain split and Number(). */
function rawRows(symbol: string) {
	return readRealCsv(symbol).trim().split('\n').slice(1).map((line) => {
		const [date, open, high, low, close, adjClose, volume] = line.split(',');
		return { date, open: +open, high: +high, low: +low, close: +close, adjClose: +adjClose, volume: +volume };
	});
}

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const run = hasRealData('IWM', 'QQQ', '^RUT') ? describe : describe.skip;

run('real daily prices (shared folder)', () => {
	const warnings: string[] = [];
	const loadSeries = createLoadSeries(realSource, { onWarning: (m) => warnings.push(m) });

	it('loads every file with the row count PROVENANCE.md gives and no warnings', async () => {
		for (const [symbol, rows] of Object.entries(PROVENANCE_ROWS)) {
			expect((await loadSeries(symbol)).numRows(), symbol).toBe(rows);
		}
		expect(warnings).toEqual([]);
	});

	it('^RUT closed at 1009.25 on 2013-07-08, above every earlier close', async () => {
		const rut = await loadSeries('^RUT');
		const dates = (rut.array('date') as Date[]).map(iso);
		const close = rut.array('close') as number[];
		const i = dates.indexOf('2013-07-08');
		expect(close[i]).toBe(1009.25);
		expect(Math.max(...close.slice(0, i))).toBeLessThan(1009.25);
	});

	it('IWM starts on 2000-05-26, and aligning IWM, QQQ and ^RUT starts there too', async () => {
		expect(iso((await loadSeries('IWM')).get('date', 0))).toBe('2000-05-26');
		const three = await loadSeries(['IWM', 'QQQ', '^RUT']);
		const wide = toWide(three);
		expect(iso(wide.get('date', 0))).toBe('2000-05-26');
		expect(wide.numRows()).toBe(5658);
		expect(three.numRows()).toBe(3 * 5658);
		const i = (wide.array('date') as Date[]).map(iso).indexOf('2013-07-08');
		expect(wide.get('^RUT', i)).toBe(1009.25);
	});

	it('adjusted: true scales IWM’s bar by Adj Close / Close of the same day', async () => {
		const raw = rawRows('IWM').find((r) => r.date === '2013-07-08')!;
		const t = await loadSeries('IWM', { adjusted: true, start: '2013-07-08', end: '2013-07-08' });
		const ratio = raw.adjClose / raw.close;
		expect(t.get('open', 0)).toBeCloseTo(raw.open * ratio, 10);
		expect(t.get('high', 0)).toBeCloseTo(raw.high * ratio, 10);
		expect(t.get('low', 0)).toBeCloseTo(raw.low * ratio, 10);
		expect(t.get('close', 0)).toBe(raw.adjClose);
		expect(t.get('volume', 0)).toBe(raw.volume);
	});

	it('the weekly ^RUT bar of the week of 2013-07-08 matches one computed by plain loops', async () => {
		const week = rawRows('^RUT').filter((r) => r.date >= '2013-07-08' && r.date <= '2013-07-14');
		const expected = {
			date: week[week.length - 1].date,
			open: week[0].open,
			high: Math.max(...week.map((r) => r.high)),
			low: Math.min(...week.map((r) => r.low)),
			close: week[week.length - 1].close,
			volume: week.reduce((s, r) => s + r.volume, 0)
		};
		const weekly = await loadSeries('^RUT', { interval: 'week' });
		const bar = (weekly.objects() as Record<string, unknown>[]).find((r) => iso(r.date) === '2013-07-12')!;
		expect({ ...bar, date: iso(bar.date) }).toMatchObject(expected);
		expect(expected.date).toBe('2013-07-12');
	});

	it('weekly bars: one per calendar week with sessions, each dated by its last session', async () => {
		const daily = rawRows('QQQ').map((r) => r.date);
		// A new week starts when the weekday goes back or 7+ days pass (independent of the library's rule).
		const lastOfWeek: string[] = [];
		for (let i = 0; i < daily.length; i++) {
			const next = daily[i + 1];
			const here = new Date(daily[i]);
			const gap = next === undefined ? Infinity : (new Date(next).getTime() - here.getTime()) / 86_400_000;
			if (next === undefined || new Date(next).getUTCDay() <= here.getUTCDay() || gap >= 7) lastOfWeek.push(daily[i]);
		}
		const weekly = resample(await loadSeries('QQQ'), 'week');
		expect((weekly.array('date') as Date[]).map(iso)).toEqual(lastOfWeek);
	});

	it('3-day bars of ^RUT group sessions 3 by 3 from the first, preserving total volume', async () => {
		const raw = rawRows('^RUT');
		const bars = await loadSeries('^RUT', { interval: { days: 3 } });
		expect(bars.numRows()).toBe(Math.ceil(raw.length / 3));
		const k = 1000;
		const group = raw.slice(3 * k, 3 * k + 3);
		expect(iso(bars.get('date', k))).toBe(group[2].date);
		expect(bars.get('open', k)).toBe(group[0].open);
		expect(bars.get('high', k)).toBe(Math.max(...group.map((r) => r.high)));
		expect(bars.get('low', k)).toBe(Math.min(...group.map((r) => r.low)));
		expect(bars.get('close', k)).toBe(group[2].close);
		const total = (bars.array('volume') as number[]).reduce((s, v) => s + v, 0);
		expect(total).toBe(raw.reduce((s, r) => s + r.volume, 0));
	});

	it('monthly IWM bar of July 2013', async () => {
		const july = rawRows('IWM').filter((r) => r.date.startsWith('2013-07'));
		const bar = (await loadSeries('IWM', { start: '2013-07-01', end: '2013-07-31', interval: 'month' })).objects() as Record<string, unknown>[];
		expect(bar).toHaveLength(1);
		expect(bar[0]).toMatchObject({
			open: july[0].open,
			high: Math.max(...july.map((r) => r.high)),
			low: Math.min(...july.map((r) => r.low)),
			close: july[july.length - 1].close
		});
		expect(iso(bar[0].date)).toBe(july[july.length - 1].date);
	});
});
