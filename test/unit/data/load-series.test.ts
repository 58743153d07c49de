import { describe, expect, it } from 'vitest';
import { createLoadSeries, DataError, toWide } from '../../../src/lib/data/index';
import { memorySource } from './real-data';

const A = 'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,10,12,9,11,5.5,100\n2020-01-03,11,13,10,12,6,200\n2020-01-06,12,14,11,13,6.5,300\n2020-01-07,13,15,12,14,7,400\n';
// B lacks 2020-01-03, inside the common span, and has 2020-01-08, after it.
const B = 'Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,1,2,10\n2020-01-06,2,3,2,3,20\n2020-01-07,3,4,3,4,30\n2020-01-08,4,5,4,5,40\n';

function loader(texts: Record<string, string> = { A, B }) {
	const warnings: string[] = [];
	const loadSeries = createLoadSeries(memorySource(texts), { onWarning: (m) => warnings.push(m) });
	return { loadSeries, warnings };
}

const isoDates = (t: { array(name: string): unknown }) => (t.array('date') as Date[]).map((d) => d.toISOString().slice(0, 10));

describe('loadSeries', () => {
	it('keeps start and end inclusive, as strings or Dates', async () => {
		const { loadSeries } = loader();
		expect(isoDates(await loadSeries('A', { start: '2020-01-03', end: '2020-01-06' }))).toEqual(['2020-01-03', '2020-01-06']);
		expect(isoDates(await loadSeries('A', { start: new Date('2020-01-06'), end: new Date('2020-01-07T15:00:00Z') }))).toEqual(['2020-01-06', '2020-01-07']);
	});

	it('adjusted: true rescales open/high/low/close by Adj Close / Close and leaves volume', async () => {
		const { loadSeries } = loader();
		const t = await loadSeries('A', { adjusted: true });
		expect(t.objects()[0]).toMatchObject({ open: 5, high: 6, low: 4.5, close: 5.5, volume: 100 });
	});

	it('warns when adjusted: true cannot adjust, and leaves prices as published', async () => {
		const { loadSeries, warnings } = loader();
		const t = await loadSeries('B', { adjusted: true });
		expect(t.get('close', 0)).toBe(2);
		expect(warnings).toEqual(['B: B.csv has no Adj Close column; adjusted: true left prices as published']);
	});

	it('aligns several symbols on common dates into a long table, one block per symbol in the order asked', async () => {
		const { loadSeries, warnings } = loader();
		const t = await loadSeries(['B', 'A']);
		expect(t.columnNames()).toEqual(['symbol', 'date', 'open', 'high', 'low', 'close', 'volume']);
		expect(t.array('symbol')).toEqual(['B', 'B', 'B', 'A', 'A', 'A']);
		expect(isoDates(t)).toEqual(['2020-01-02', '2020-01-06', '2020-01-07', '2020-01-02', '2020-01-06', '2020-01-07']);
		expect(t.array('close')).toEqual([2, 3, 4, 11, 13, 14]);
		expect(warnings).toEqual([
			'A: 1 session(s) between 2020-01-02 and 2020-01-07 dropped because another symbol has no bar on those dates',
			'A: column(s) adjClose left out because not every symbol has them'
		]);
	});

	it('resamples after aligning and clipping, so every symbol has the same bars', async () => {
		const { loadSeries } = loader();
		const t = await loadSeries(['A', 'B'], { interval: { days: 2 }, start: '2020-01-06' });
		expect(isoDates(t)).toEqual(['2020-01-07', '2020-01-07']);
		expect((t.objects() as Record<string, unknown>[]).map((r) => [r.symbol, r.open, r.close, r.volume])).toEqual([
			['A', 12, 14, 700],
			['B', 2, 4, 50]
		]);
	});

	it('toWide spreads a column per symbol, NaN where a symbol has no row', async () => {
		const { loadSeries } = loader();
		const wide = toWide(await loadSeries(['A', 'B']));
		expect(wide.columnNames()).toEqual(['date', 'A', 'B']);
		expect(Array.from(wide.array('B'))).toEqual([2, 3, 4]);
		const { table } = await import('arquero');
		const uneven = toWide(table({ symbol: ['X', 'Y'], date: [new Date('2020-01-02'), new Date('2020-01-03')], close: [1, 2] }));
		expect(uneven.objects()).toEqual([
			{ date: new Date('2020-01-02'), X: 1, Y: NaN },
			{ date: new Date('2020-01-03'), X: NaN, Y: 2 }
		]);
	});

	it('passes parse warnings on and refuses bad arguments with DataError', async () => {
		const { loadSeries, warnings } = loader({ N: 'date,close\n2020-01-03,2\n2020-01-02,1\n' });
		await loadSeries('N');
		expect(warnings[0]).toMatch(/^N\.csv: rows were not in date order/);
		await expect(loadSeries([])).rejects.toThrow(DataError);
		await expect(loadSeries(['N', 'N'])).rejects.toThrow(/listed twice/);
		await expect(loadSeries('N', { start: '2020-13-01' })).rejects.toThrow(/start "2020-13-01" is not a date/);
		await expect(loadSeries('N', { start: '2020-02-01', end: '2020-01-01' })).rejects.toThrow(/after end/);
	});

	it('lets a source failure through with its message', async () => {
		const { loadSeries } = loader({});
		await expect(loadSeries('ZZZ')).rejects.toThrow('test source has no ZZZ');
	});
});
