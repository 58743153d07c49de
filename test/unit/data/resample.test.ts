import { describe, expect, it } from 'vitest';
import { table } from 'arquero';
import { DataError, resample } from '../../../src/lib/data/index';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Sessions across two weeks (Thursday 2020-01-09 missing) and a month end. */
const daily = table({
	date: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08', '2020-01-10', '2020-01-31', '2020-02-03'].map(day),
	open: [10, 11, 12, 13, 14, 15, 16, 17],
	high: [12, 13, 19, 14, 15, 16, 18, 18],
	low: [9, 10, 11, 8, 13, 14, 15, 16],
	close: [11, 12, 13, 14, 15, 16, 17, 18],
	volume: [1, 2, 3, 4, 5, 6, 7, 8],
	adjClose: [1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8]
});

const rows = (t: ReturnType<typeof resample>) =>
	(t.objects() as Record<string, unknown>[]).map((r): Record<string, unknown> => ({ ...r, date: (r.date as Date).toISOString().slice(0, 10) }));

describe('resample, hand-computed', () => {
	it('weekly bars end on the week’s last session and carry its date', () => {
		expect(rows(resample(daily, 'week'))).toEqual([
			{ date: '2020-01-03', open: 10, high: 13, low: 9, close: 12, volume: 3, adjClose: 1.2 },
			{ date: '2020-01-10', open: 12, high: 19, low: 8, close: 16, volume: 18, adjClose: 1.6 },
			{ date: '2020-01-31', open: 16, high: 18, low: 15, close: 17, volume: 7, adjClose: 1.7 },
			{ date: '2020-02-03', open: 17, high: 18, low: 16, close: 18, volume: 8, adjClose: 1.8 }
		]);
	});

	it('n-day bars count sessions from the first row; the last bar may be short', () => {
		expect(rows(resample(daily, { days: 3 }))).toEqual([
			{ date: '2020-01-06', open: 10, high: 19, low: 9, close: 13, volume: 6, adjClose: 1.3 },
			{ date: '2020-01-10', open: 13, high: 16, low: 8, close: 16, volume: 15, adjClose: 1.6 },
			{ date: '2020-02-03', open: 16, high: 18, low: 15, close: 18, volume: 15, adjClose: 1.8 }
		]);
	});

	it('monthly bars', () => {
		expect(rows(resample(daily, 'month')).map((r) => [r.date, r.open, r.high, r.low, r.close, r.volume])).toEqual([
			['2020-01-31', 10, 19, 8, 17, 28],
			['2020-02-03', 17, 18, 16, 18, 8]
		]);
	});

	it('resamples a long table per symbol and sorts each symbol by date first', () => {
		const long = table({
			symbol: ['B', 'A', 'B', 'A'],
			date: ['2020-01-03', '2020-01-06', '2020-01-02', '2020-01-07'].map(day),
			close: [2, 30, 1, 40]
		});
		expect(rows(resample(long, 'week'))).toEqual([
			{ symbol: 'B', date: '2020-01-03', close: 2 },
			{ symbol: 'A', date: '2020-01-07', close: 40 }
		]);
	});

	it('refuses bad intervals and tables it cannot read', () => {
		expect(() => resample(daily, { days: 0 })).toThrow(DataError);
		expect(() => resample(daily, { days: 2.5 })).toThrow(/whole number/);
		expect(() => resample(daily, 'year' as never)).toThrow(/unknown interval "year"/);
		expect(() => resample(table({ close: [1] }), 'week')).toThrow(/no 'date' column/);
		expect(() => resample(table({ date: [day('2020-01-02'), day('2020-01-02')], close: [1, 2] }), 'week')).toThrow(/two rows dated 2020-01-02/);
	});
});
