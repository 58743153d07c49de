import { fromArrow } from 'arquero';
import { describe, expect, it } from 'vitest';
import { tsvToIpc } from '../../../../src/lib/server/sql/clickhouse-tsv';

/** A TabSeparatedWithNamesAndTypes answer as ClickHouse 18.16 writes it. */
const tsv = (lines: string[][]) => lines.map((fields) => fields.join('\t')).join('\n') + '\n';

describe('a ClickHouse TabSeparatedWithNamesAndTypes answer read into Arrow', () => {
	const answer = tsv([
		['symbol', 'd', 't', 'ny', 'close', 'volume', 'maybe', 'note', 'arr'],
		['LowCardinality(String)', 'Date', 'DateTime', "DateTime('America/New_York')", 'Float64', 'UInt64', 'Nullable(Int32)', 'Nullable(String)', 'Array(String)'],
		['IWM', '2020-03-23', '2020-03-23 15:30:00', '2020-03-23 09:30:00', '101.5', '18446744073709551615', '\\N', 'tab\\there\\nnew line \\\\ \\\'q\\\'', "['a','b']"],
		['SPY', '2020-03-24', '2020-03-24 15:30:00', '2020-03-24 09:30:00', 'nan', '7', '-3', '\\N', '[]']
	]);

	it('keeps each type: text, dates, times in their zone, numbers, nulls, escapes', () => {
		const { ipc, rows, truncated } = tsvToIpc(answer, 100, 'UTC');
		expect([rows, truncated]).toEqual([2, false]);
		expect(fromArrow(ipc).objects()).toEqual([
			{
				symbol: 'IWM',
				d: new Date('2020-03-23T00:00:00Z'),
				t: new Date('2020-03-23T15:30:00Z'),
				ny: new Date('2020-03-23T13:30:00Z'),
				close: 101.5,
				volume: 18446744073709551615,
				maybe: null,
				note: "tab\there\nnew line \\ 'q'",
				arr: "['a','b']"
			},
			{ symbol: 'SPY', d: new Date('2020-03-24T00:00:00Z'), t: new Date('2020-03-24T15:30:00Z'), ny: new Date('2020-03-24T13:30:00Z'), close: null, volume: 7, maybe: -3, note: null, arr: '[]' }
		]);
	});

	it('reads a DateTime without its own zone on the server’s clock', () => {
		const { ipc } = tsvToIpc(tsv([['t'], ['DateTime'], ['2020-01-02 10:00:00']]), 10, 'Europe/Berlin');
		expect(fromArrow(ipc).get('t', 0)).toEqual(new Date('2020-01-02T09:00:00Z'));
	});

	it('stops at the row limit and says the answer had more', () => {
		const { ipc, rows, truncated } = tsvToIpc(answer, 1, 'UTC');
		expect([rows, truncated, fromArrow(ipc).numRows()]).toEqual([1, true, 1]);
	});

	it('answers an empty result with its columns', () => {
		const { ipc, rows } = tsvToIpc(tsv([['a', 'b'], ['UInt8', 'String']]), 10, 'UTC');
		expect([rows, fromArrow(ipc).columnNames()]).toEqual([0, ['a', 'b']]);
	});

	it('refuses what is not that format, naming the row', () => {
		expect(() => tsvToIpc('{\n\t"meta": []\n}\n', 10, 'UTC')).toThrow(/not TabSeparatedWithNamesAndTypes/);
		expect(() => tsvToIpc(tsv([['a', 'b'], ['UInt8', 'UInt8'], ['1']]), 10, 'UTC')).toThrow(/row 1 has fewer than 2 fields/);
		expect(() => tsvToIpc(tsv([['a'], ['UInt8'], ['1', '2']]), 10, 'UTC')).toThrow(/row 1 has more than 1 fields/);
	});
});
