import { describe, expect, it } from 'vitest';
import { checkTableCsv, createLoadTable, DataError, isTableName, parseTableCsv, tableFileName, type SeriesSource } from '../../../src/lib/data/index';

const HOLDINGS = 'name,sector,weight,added\n"Apple, Inc.",Tech,0.5,2024-01-02\nMicrosoft,Tech,0.3,2024-02-01\nExxon,Energy,0.2,2023-12-29\n';

function errorOf(run: () => unknown): DataError {
	try {
		run();
	} catch (e) {
		if (e instanceof DataError) return e;
		throw e;
	}
	throw new Error('expected a DataError');
}

describe('parseTableCsv: any CSV as an arquero table', () => {
	it('reads quoted values and infers numbers and dates', () => {
		const { table, warnings } = parseTableCsv(HOLDINGS, 'holdings.csv');
		expect(table.columnNames()).toEqual(['name', 'sector', 'weight', 'added']);
		expect(table.numRows()).toBe(3);
		expect(table.get('name', 0)).toBe('Apple, Inc.');
		expect(table.array('weight')).toEqual([0.5, 0.3, 0.2]);
		expect((table.get('added', 2) as Date).toISOString()).toBe('2023-12-29T00:00:00.000Z');
		expect(warnings).toEqual([]);
	});

	it('infers a column’s type from all its values, not only the first thousand', () => {
		const rows = Array.from({ length: 1500 }, (_, i) => `${i},${i === 1400 ? 'n/a' : i * 2}`);
		const { table } = parseTableCsv(`i,x\n${rows.join('\n')}\n`, 'big.csv');
		expect(table.get('i', 1499)).toBe(1499);
		expect(table.get('x', 0)).toBe('0');
		expect(table.get('x', 1400)).toBe('n/a');
	});

	it('keeps text with autoType: false and applies parse functions', () => {
		const { table } = parseTableCsv(HOLDINGS, 'holdings.csv', { autoType: false, parse: { weight: (s) => Number(s) * 100 } });
		expect(table.get('added', 0)).toBe('2024-01-02');
		expect(table.array('weight')).toEqual([50, 30, 20]);
	});

	it('skips empty lines between rows with a warning naming them, and BOM, CRLF and trailing blank lines quietly', () => {
		const text = '\ufeffa,b\r\n1,2\r\n\r\n3,4\r\n\r\n\r\n';
		const { table, warnings } = parseTableCsv(text, 'gaps.csv');
		expect(table.objects()).toEqual([
			{ a: 1, b: 2 },
			{ a: 3, b: 4 }
		]);
		expect(warnings).toEqual(['gaps.csv: skipped 1 empty line (line 3)']);
	});

	it('trims header names', () => {
		expect(parseTableCsv('name , weight\nx,1\n', 't.csv').table.columnNames()).toEqual(['name', 'weight']);
	});

	it('refuses a row with too many or too few values, naming file:line (line breaks inside quotes counted)', () => {
		const text = 'name,sector,weight\n"Apple\nInc.",Tech,0.5\nMicrosoft,Tech\n';
		const e = errorOf(() => parseTableCsv(text, '/data/holdings.csv'));
		expect(e.message).toBe('/data/holdings.csv:4: row has 2 values, the header has 3 (name, sector, weight)');
		expect(e.line).toBe(4);
		expect(errorOf(() => parseTableCsv('a,b\n1,2,3\n', 'x.csv')).message).toBe('x.csv:2: row has 3 values, the header has 2 (a, b)');
	});

	it('refuses a quote that is never closed at the line it opens, but reads a stray quote inside a value', () => {
		const e = errorOf(() => parseTableCsv('a,b\n1,2\n"oops,3\n4,5\n', 'q.csv'));
		expect(e.message).toBe('q.csv:3: a quoted value opened on this line is never closed (a stray " character?)');
		expect(parseTableCsv('size,pipe\n12,3" wide\n', 'p.csv').table.get('pipe', 0)).toBe('3" wide');
	});

	it('refuses an empty file, a nameless column and a repeated one', () => {
		expect(errorOf(() => parseTableCsv('', 'e.csv')).message).toContain('e.csv: empty file');
		expect(errorOf(() => parseTableCsv('\n\n', 'e.csv')).message).toContain('empty file');
		expect(errorOf(() => parseTableCsv('a,,c\n1,2,3\n', 'n.csv')).message).toBe('n.csv:1: column 2 of the header has no name');
		expect(errorOf(() => parseTableCsv('a,b,a\n1,2,3\n', 'd.csv')).message).toBe('d.csv:1: column "a" appears twice in the header');
	});

	it('a header alone is an empty table', () => {
		const checked = checkTableCsv('a,b\n', 'h.csv');
		expect(checked).toMatchObject({ columns: ['a', 'b'], rows: 0 });
		expect(parseTableCsv('a,b\n', 'h.csv').table.numRows()).toBe(0);
	});
});

describe('table names', () => {
	it('accept file names with or without .csv, and nothing that could leave the folder', () => {
		for (const ok of ['holdings', 'holdings.csv', 'Sector weights 2024', '^RUT', 'BRK-B', 'a_b=c.CSV']) expect(isTableName(ok), ok).toBe(true);
		for (const bad of ['', '../x', '..', 'a/b', 'a\\b', '.cache', '.hidden', '/etc/passwd', 'x\0y', 'C:x', 'a..b', ' lead', 'trail ', 'x'.repeat(200), '%2e%2e%2fx']) {
			expect(isTableName(bad), JSON.stringify(bad)).toBe(false);
		}
		expect(tableFileName('holdings')).toBe('holdings.csv');
		expect(tableFileName('holdings.CSV')).toBe('holdings.csv');
		expect(() => tableFileName('../secret')).toThrow(/is not a table name/);
	});
});

describe('createLoadTable', () => {
	function source(files: Record<string, string>): SeriesSource & { asked: string[] } {
		const asked: string[] = [];
		return {
			asked,
			fetchCsv: async () => {
				throw new Error('not for tables');
			},
			async fetchTable(name) {
				asked.push(name);
				if (!(name in files)) throw new DataError(`no table ${name}`);
				return { text: files[name], origin: `/data/${name}` };
			}
		};
	}

	it('asks the source for the file, with or without .csv, and warns on the cell', async () => {
		const s = source({ 'holdings.csv': HOLDINGS, 'gaps.csv': 'a\n1\n\n2\n' });
		const warnings: string[] = [];
		const loadTable = createLoadTable(s, { onWarning: (m) => warnings.push(m) });
		expect((await loadTable('holdings')).numRows()).toBe(3);
		expect((await loadTable('holdings.csv')).numRows()).toBe(3);
		expect((await loadTable('gaps')).array('a')).toEqual([1, 2]);
		expect(s.asked).toEqual(['holdings.csv', 'holdings.csv', 'gaps.csv']);
		expect(warnings).toEqual(['/data/gaps.csv: skipped 1 empty line (line 3)']);
	});

	it('names the file and line of a malformed table', async () => {
		const loadTable = createLoadTable(source({ 'bad.csv': 'a,b\n1,2\n3\n' }));
		await expect(loadTable('bad')).rejects.toThrow('/data/bad.csv:3: row has 1 value, the header has 2 (a, b)');
	});

	it('refuses names that could leave the data folder before asking the source', async () => {
		const s = source({});
		const loadTable = createLoadTable(s);
		for (const bad of ['../etc/passwd', '.cache/IWM', 'a/b', 42 as unknown as string]) await expect(loadTable(bad)).rejects.toThrow(DataError);
		expect(s.asked).toEqual([]);
	});

	it('says so where there is no data folder', async () => {
		await expect(createLoadTable({ fetchCsv: async () => ({ text: '', origin: '' }) })('holdings')).rejects.toThrow(/no data folder/);
	});
});

describe('parseTableCsv: no silent wrong values (issue 12)', () => {
	it('refuses a decimal too large for a double, naming line and column, but keeps text with autoType: false', () => {
		expect(errorOf(() => parseTableCsv('name,x\na,1\nb,1e400\n', 'big.csv')).message).toBe('big.csv:3, column x: "1e400" is too large for a number (beyond ±1.8e308); it would read as Infinity');
		expect(errorOf(() => parseTableCsv('x\n-2e999\n', 'big.csv')).message).toContain('big.csv:2, column x: "-2e999"');
		expect(parseTableCsv('x\n1e400\n', 'big.csv', { autoType: false }).table.get('x', 0)).toBe('1e400');
	});

	it('reads a year below 100 as written', () => {
		const { table } = parseTableCsv('day,v\n0001-01-01,1\n', 'y.csv');
		expect((table.get('day', 0) as Date).getUTCFullYear()).toBe(1);
	});
});
