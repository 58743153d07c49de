import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataError, parsePriceCsv, parsePriceSeries } from '../../../src/lib/data/index';

const YAHOO = 'Date,Open,High,Low,Close,Adj Close,Volume';

function errorOf(text: string, origin = 'X.csv'): DataError {
	try {
		parsePriceCsv(text, origin);
	} catch (e) {
		if (e instanceof DataError) return e;
		throw e;
	}
	throw new Error('expected a DataError');
}

describe('parsePriceCsv layouts', () => {
	it('reads a Yahoo file into typed columns with dates at UTC midnight', () => {
		const { table, warnings } = parsePriceCsv(
			`${YAHOO}\n2013-07-05,1000.58,1005.39,991.68,1005.39,1005.39,2634140000.0\n2013-07-08,1007.7,1011.1,1007.17,1009.25,1009.25,3514590000.0\n`,
			'RUT.csv'
		);
		expect(warnings).toEqual([]);
		expect(table.columnNames()).toEqual(['date', 'open', 'high', 'low', 'close', 'volume', 'adjClose']);
		expect(table.get('date', 1)).toEqual(new Date('2013-07-08T00:00:00Z'));
		expect(table.get('close', 1)).toBe(1009.25);
		expect(table.get('volume', 0)).toBe(2634140000);
	});

	it('reads Stooq (no Adj Close), case-insensitive headers and CRLF line ends', () => {
		const { series, layout } = parsePriceSeries('DATE,OPEN,HIGH,LOW,CLOSE,VOLUME\r\n2020-01-02,10,11,9,10.5,100\r\n', 's.csv');
		expect(layout).toBe('stooq');
		expect(Object.keys(series.columns).sort()).toEqual(['close', 'high', 'low', 'open', 'volume']);
		expect(series.columns.close![0]).toBe(10.5);
	});

	it('reads plain date,close without inventing open/high/low', () => {
		const { table } = parsePriceCsv('date,close\n2020-01-02,3.5\n2020-01-03,3.25\n', 'c.csv');
		expect(table.columnNames()).toEqual(['date', 'close']);
		expect(table.array('close')).toEqual([3.5, 3.25]);
	});

	it('reads a raw FRED download as a series that may go to zero or below, dropping its "." gaps with a warning', () => {
		const { series, layout, warnings } = parsePriceSeries('observation_date,DFII10\n2020-08-03,-1.01\n2020-08-04,.\n2020-08-05,0\n', 'DFII10.csv');
		expect(layout).toBe('series');
		expect(Array.from(series.columns.close!)).toEqual([-1.01, 0]);
		expect(warnings[0]).toMatch(/DFII10\.csv: dropped 1 row.*line 3/);
	});

	it('accepts quoted cells and a byte-order mark', () => {
		const { table } = parsePriceCsv('\uFEFF"Date","Close"\n"2020-01-02","7.5"\n', 'q.csv');
		expect(table.get('close', 0)).toBe(7.5);
	});

	it('reads every number exactly as Number() does', () => {
		const price = fc.double({ min: 1e-4, max: 1e7, noNaN: true });
		fc.assert(
			fc.property(fc.array(fc.tuple(price, fc.integer({ min: 0, max: 1e12 })), { minLength: 1, maxLength: 30 }), (rows) => {
				const text = ['Date,Close,Volume', ...rows.map(([c, v], i) => `${new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10)},${c},${v}`)].join('\n');
				const { series } = parsePriceSeries(text, 'p.csv');
				expect(Array.from(series.columns.close!)).toEqual(rows.map(([c]) => c));
				expect(Array.from(series.columns.volume!)).toEqual(rows.map(([, v]) => v));
			})
		);
	});
});

describe('parsePriceCsv refuses bad data naming file:line and column', () => {
	it('an unparseable date', () => {
		const e = errorOf(`${YAHOO}\n2020-01-02,1,1,1,1,1,1\n2020/01/03,1,1,1,1,1,1\n`);
		expect([e.file, e.line, e.column]).toEqual(['X.csv', 3, 'Date']);
		expect(e.message).toBe('X.csv:3, column Date: "2020/01/03" is not a date; expected YYYY-MM-DD');
	});

	it('an impossible calendar day', () => {
		expect(errorOf('date,close\n2021-02-29,1\n').line).toBe(2);
	});

	it('an unparseable number, including thousands separators and trailing junk', () => {
		for (const bad of ['abc', '1,009.25', '12x']) {
			const e = errorOf(`Date,Close\n2020-01-02,"${bad}"\n`);
			expect(e.line).toBe(2);
		}
		const e = errorOf(`${YAHOO}\n2020-01-02,1,1,1,1,1,12x\n`);
		expect([e.line, e.column]).toEqual([2, 'Volume']);
		expect(e.message).toContain('"12x" is not a number');
	});

	it('zero or negative prices', () => {
		expect(errorOf(`${YAHOO}\n2020-01-02,1,1,0,1,1,1\n`).column).toBe('Low');
		expect(errorOf('date,close\n2020-01-02,-3\n').message).toContain('price -3 is not positive');
	});

	it('high below low', () => {
		const e = errorOf(`${YAHOO}\n2020-01-02,1,1,1,1,1,1\n2020-01-03,5,4,4.5,4.5,4.5,1\n`);
		expect([e.line, e.column]).toEqual([3, 'High']);
	});

	it('negative volume', () => {
		expect(errorOf(`${YAHOO}\n2020-01-02,1,1,1,1,1,-5\n`).column).toBe('Volume');
	});

	it('duplicate dates, naming both lines, sorted or not', () => {
		expect(errorOf('date,close\n2020-01-02,1\n2020-01-02,2\n').message).toContain('X.csv:3: duplicate date 2020-01-02 (also at line 2)');
		expect(errorOf('date,close\n2020-01-03,1\n2020-01-02,2\n2020-01-03,3\n').message).toMatch(/line 2\)/);
	});

	it('a row with some values missing', () => {
		const e = errorOf(`${YAHOO}\n2020-01-02,1,1,1,null,1,1\n`);
		expect([e.line, e.column]).toEqual([2, 'Close']);
	});

	it('wrong column counts, a missing date or close column, an empty file', () => {
		expect(errorOf('date,close\n2020-01-02\n').message).toContain('expected 2 columns');
		expect(errorOf('date,close\n2020-01-02,1,2\n').message).toContain('found 3');
		expect(errorOf('day,close\n2020-01-02,1\n').message).toContain('no date column');
		expect(errorOf('date,open,high,low\n2020-01-02,1,1,1\n').message).toContain('no close column');
		expect(errorOf('').message).toContain('empty file');
		expect(errorOf('date,close\n').message).toContain('no rows');
	});
});

describe('parsePriceCsv documented repairs', () => {
	it('drops Yahoo null rows with a warning naming their lines', () => {
		const { table, warnings } = parsePriceCsv(`${YAHOO}\n2020-01-02,1,2,1,2,2,10\n2020-01-03,null,null,null,null,null,null\n2020-01-06,2,3,2,3,3,10\n`, 'N.csv');
		expect(table.numRows()).toBe(2);
		expect(warnings).toEqual(['N.csv: dropped 1 row(s) with no values (line 3); Yahoo writes such null rows on some holidays']);
	});

	it('sorts unsorted rows with a warning, keeping each row whole', () => {
		const { table, warnings } = parsePriceCsv('date,close,volume\n2020-01-03,3,30\n2020-01-02,2,20\n', 'U.csv');
		expect(table.array('close')).toEqual([2, 3]);
		expect(table.array('volume')).toEqual([20, 30]);
		expect(warnings[0]).toContain('not in date order (first at line 3)');
	});

	it('keeps an open outside the low–high range as published but reports it', () => {
		const { table, warnings } = parsePriceCsv(`${YAHOO}\n2020-01-02,5,4,3,3.5,3.5,1\n`, 'R.csv');
		expect(table.get('open', 0)).toBe(5);
		expect(warnings[0]).toContain('1 row(s) have open or close outside the low–high range (first at line 2)');
	});

	it('ignores unknown columns with a warning', () => {
		const { table, warnings } = parsePriceCsv('Date,Open,High,Low,Close,Volume,OpenInt\n2020-01-02,1,1,1,1,1,0\n', 'O.csv');
		expect(table.columnNames()).not.toContain('OpenInt');
		expect(warnings).toEqual(['O.csv: ignored column(s) OpenInt']);
	});
});

describe('parsePriceCsv: no silent wrong values (issue 12)', () => {
	const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

	it('reads years below 100 as written, not as 19xx', () => {
		const { series } = parsePriceSeries('Date,Close\n0001-01-01,5\n0099-12-31,6\n', 'Y.csv');
		expect(Array.from(series.dates, iso)).toEqual(['0001-01-01', '0099-12-31']);
		expect(new Date(series.dates[0]).getUTCFullYear()).toBe(1);
	});

	it('takes Date,Price as a price: a negative one is refused at its line', () => {
		const rows = Array.from({ length: 10 }, (_, i) => `2020-01-${String(i + 2).padStart(2, '0')},${10 + i}`);
		const e = errorOf(['Date,Price', ...rows, '2020-01-20,-3', ''].join('\n'), 'P.csv');
		expect(e.message).toBe('P.csv:12, column Price: price -3 is not positive');
		expect(parsePriceSeries('Date,Price\n2020-01-02,10\n', 'P.csv').layout).toBe('close');
	});

	it('refuses a number too large for a double instead of reading Infinity', () => {
		expect(errorOf('Date,Close\n2020-01-02,1e400\n').message).toBe('X.csv:2, column Close: "1e400" is not a number');
	});

	it('reads CR-only line ends, with the file’s line numbers', () => {
		const { series } = parsePriceSeries('Date,Close\r2020-01-02,1\r2020-01-03,2\r', 'M.csv');
		expect(Array.from(series.columns.close!)).toEqual([1, 2]);
		expect(errorOf('Date,Close\r2020-01-02,1\r2020-01-03,x\r').message).toBe('X.csv:3, column Close: "x" is not a number');
	});
});

describe('parsePriceCsv: files as researchers get them', () => {
	const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

	it('reads an investing.com export: BOM, quotes, newest first, MM/DD/YYYY, Price, K/M volumes', () => {
		const text = '\ufeff"Date","Price","Open","High","Low","Vol.","Change %"\n"05/20/2026","520.08","507.73","520.49","506.65","8.81M","4.70%"\n"05/19/2026","496.74","484.40","506.04","477.95","12.22M","0.18%"\n"07/13/2001","24.22","24.10","24.53","23.53","603.30K","-88.87%"\n';
		const { series, warnings } = parsePriceSeries(text, 'SOXX.csv');
		expect(Array.from(series.dates, iso)).toEqual(['2001-07-13', '2026-05-19', '2026-05-20']);
		expect(Array.from(series.columns.close!)).toEqual([24.22, 496.74, 520.08]);
		expect(Array.from(series.columns.volume!)).toEqual([603_300, 12_220_000, 8_810_000]);
		expect(warnings).toEqual(['SOXX.csv: rows were not in date order (first at line 3); sorted them by date', 'SOXX.csv: ignored column(s) Change %']);
	});

	it('tells MM/DD from DD/MM by a number above 12, and refuses a file that cannot tell or mixes both', () => {
		const mdy = parsePriceSeries('Date,Close\n01/02/2020,1\n01/13/2020,2\n', 'A.csv').series;
		expect(Array.from(mdy.dates, iso)).toEqual(['2020-01-02', '2020-01-13']);
		const dmy = parsePriceSeries('Date,Close\n01/02/2020,1\n13/02/2020,2\n', 'B.csv').series;
		expect(Array.from(dmy.dates, iso)).toEqual(['2020-02-01', '2020-02-13']);
		expect(errorOf('Date,Close\n01/02/2020,1\n03/04/2020,2\n').message).toBe(
			'X.csv:2, column Date: "01/02/2020" may be MM/DD/YYYY or DD/MM/YYYY, and no date in the file has a number above 12 to tell which; write dates as YYYY-MM-DD'
		);
		expect(errorOf('Date,Close\n01/13/2020,1\n14/01/2020,2\n').message).toBe(
			'X.csv:3, column Date: "14/01/2020" can only be DD/MM/YYYY, but "01/13/2020" at line 2 can only be MM/DD/YYYY; write dates as YYYY-MM-DD'
		);
		expect(errorOf('Date,Close\n01/13/2020,1\n02/30/2020,2\n').message).toBe('X.csv:3, column Date: "02/30/2020" is not a date; expected MM/DD/YYYY as in the rest of the file');
		expect(errorOf('Date,Close\n01/13/2020,1\n2020-01-14,2\n').message).toContain('X.csv:3, column Date: "2020-01-14" is not a date; expected MM/DD/YYYY');
	});

	it('refuses a volume suffix it does not know, at its line', () => {
		expect(errorOf('Date,Close,Vol.\n2020-01-02,1,3.2T\n').message).toBe('X.csv:2, column Vol.: "3.2T" is not a number');
	});

	it('ignores a pandas index column and reads Adjusted_close as Adj Close', () => {
		const { series, layout, warnings } = parsePriceSeries(',Date,Open,High,Low,Close,Adjusted_close,Volume\n0,2006-06-22,48.09,48.09,47.77,47.87,31.2209,1364900\n', 'KRE.csv');
		expect(layout).toBe('yahoo');
		expect(series.columns.adjClose![0]).toBe(31.2209);
		expect(series.columns.close![0]).toBe(47.87);
		expect(warnings).toEqual([]);
	});

	it('reads yfinance’s Date,Close,High,Low,Open,Volume by name, not position', () => {
		const { series } = parsePriceSeries('Date,Close,High,Low,Open,Volume\n2001-01-02,4.9,5.07,4.89,5.0,0\n', 'TNX.csv');
		expect(series.columns).toMatchObject({ open: Float64Array.of(5), high: Float64Array.of(5.07), low: Float64Array.of(4.89), close: Float64Array.of(4.9) });
	});

	it('reports a stray weekend row in a weekday file, but not crypto’s every day', () => {
		const weekdays = ['2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09', '2020-01-10', '2020-01-13', '2020-01-14', '2020-01-15', '2020-01-16', '2020-01-17', '2020-01-20', '2020-01-21', '2020-01-22', '2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29', '2020-01-30', '2020-01-31'];
		const rows = [...weekdays.slice(0, 5), '2020-01-11', ...weekdays.slice(5)].map((d, i) => `${d},${i + 1}`);
		const { warnings } = parsePriceSeries(['Date,Close', ...rows].join('\n'), 'W.csv');
		expect(warnings).toEqual(['W.csv: 1 row(s) fall on a Saturday or Sunday while the rest trade on weekdays (first at line 7, 2020-01-11); kept as published, check them']);
		const everyDay = Array.from({ length: 30 }, (_, i) => `${new Date(Date.UTC(2020, 0, i + 1)).toISOString().slice(0, 10)},${i + 1}`);
		expect(parsePriceSeries(['Date,Close', ...everyDay].join('\n'), 'BTC.csv').warnings).toEqual([]);
	});

	it('keeps Close when a file has both Close and Price', () => {
		const { series, warnings } = parsePriceSeries('Date,Price,Close\n2020-01-02,7,8\n', 'Z.csv');
		expect(series.columns.close![0]).toBe(8);
		expect(warnings).toEqual(['Z.csv: ignored column(s) Price']);
	});
});
