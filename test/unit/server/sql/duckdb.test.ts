import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrow } from 'arquero';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDuckDbConnection } from '../../../../src/lib/server/sql/duckdb';
import type { SyncReport } from '../../../../src/lib/server/sql/duckdb-load';
import { SqlError, type SqlConnection, type SqlLimits, type SqlParam } from '../../../../src/lib/server/sql/types';
import { frozenPricesDir } from '../../../frozen-prices';

const LIMITS: SqlLimits = { maxRows: 100_000, timeoutMs: 20_000, memoryBytes: 512 * 1024 * 1024 };

/** IWM's bars as the file has them, read without the project's parser: date → fields. */
async function iwmLines(): Promise<Map<string, string[]>> {
	const text = await readFile(join(frozenPricesDir, 'IWM.csv'), 'utf8');
	const rows = text.trim().split('\n').slice(1).map((line) => line.split(','));
	return new Map(rows.map((fields) => [fields[0], fields]));
}

async function rows(db: SqlConnection, sql: string, params: SqlParam[] = [], limits = LIMITS) {
	const result = await db.query({ sql, params }, limits);
	return { ...result, table: fromArrow(result.ipc) };
}

async function failure(db: SqlConnection, sql: string, params: SqlParam[] = [], limits = LIMITS): Promise<SqlError> {
	const error = await db.query({ sql, params }, limits).then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(SqlError);
	return error as SqlError;
}

describe('the embedded DuckDB over the frozen data folder', () => {
	const db = createDuckDbConnection({ dataDir: frozenPricesDir, sampleDir: null, threads: 1, memoryBytes: LIMITS.memoryBytes });
	afterAll(() => db.close());

	it('holds every IWM bar of the file in prices, with the file’s close on a given day', async () => {
		const lines = await iwmLines();
		const { table } = await rows(db, "SELECT count(*) AS n FROM prices WHERE symbol = 'IWM'");
		expect(table.get('n', 0)).toBe(lines.size);
		const day = await rows(db, "SELECT close, adj_close, volume FROM prices WHERE symbol = 'IWM' AND date = DATE '2020-03-16'");
		const [, , , , close, adjClose, volume] = lines.get('2020-03-16')!;
		expect(day.table.objects()).toEqual([{ close: Number(close), adj_close: Number(adjClose), volume: Number(volume) }]);
	});

	it('names an index by its file (^RUT) and lists every price file of the folder', async () => {
		const { table } = await rows(db, 'SELECT DISTINCT symbol FROM prices ORDER BY symbol');
		const files = ['BTC-USD', 'DIA', 'IWM', 'SPY', '^RUT', '^VIX', 'FEDFUNDS'];
		for (const symbol of files) expect(table.array('symbol')).toContain(symbol);
	});

	it('binds parameters as values: a string that looks like SQL matches nothing', async () => {
		const lines = await iwmLines();
		const sql = 'SELECT count(*) AS n FROM prices WHERE symbol = $1 AND date >= $2';
		expect((await rows(db, sql, ['IWM', { date: '2000-01-01' }])).table.get('n', 0)).toBe(lines.size);
		expect((await rows(db, sql, ["IWM' OR '1'='1", { date: '2000-01-01' }])).table.get('n', 0)).toBe(0);
		const echoed = await rows(db, 'SELECT $1 AS s, $2 AS n', ["'; DROP TABLE prices; --", 2.5]);
		expect(echoed.table.objects()).toEqual([{ s: "'; DROP TABLE prices; --", n: 2.5 }]);
		expect((await failure(db, sql, ['IWM'])).message).toMatch(/2 parameters but 1 value was given/);
	});

	it('says where an error is, at line:column of the query', async () => {
		const error = await failure(db, 'SELECT close\nFROM prices\nWHERE nosuch > 1');
		expect(error).toMatchObject({ kind: 'syntax', line: 3, column: 7 });
		expect(error.message).toMatch(/nosuch/);
		// DuckDB shows a long line cut short ("...bbb' || nocolumn || 'ccc..."); the column is still the query's.
		const long = `SELECT 1,\n  '${'b'.repeat(150)}' || nocolumn || '${'c'.repeat(100)}'`;
		expect(await failure(db, long)).toMatchObject({ kind: 'syntax', line: 2, column: 2 + 1 + 150 + 1 + 4 + 1 });
		expect(await failure(db, 'SELEC 1')).toMatchObject({ kind: 'syntax', line: 1, column: 1 });
	});

	it('runs one SELECT only: several statements, writes and settings are refused', async () => {
		expect(await failure(db, 'SELECT 1; SELECT 2')).toMatchObject({ kind: 'refused', message: expect.stringMatching(/one statement per query/) });
		for (const sql of ['CREATE TABLE t AS SELECT 1', 'DELETE FROM prices', 'SET threads = 8', 'PRAGMA enable_profiling', 'CALL pragma_version()']) {
			expect((await failure(db, sql)).kind, sql).toBe('refused');
		}
		expect((await rows(db, 'SELECT count(*) AS n FROM prices')).table.get('n', 0)).toBeGreaterThan(50_000);
	});

	it('cuts a result at the row limit and says so', async () => {
		const cut = await rows(db, 'SELECT * FROM range(10000)', [], { ...LIMITS, maxRows: 100 });
		expect(cut).toMatchObject({ rows: 100, truncated: true });
		expect(cut.table.numRows()).toBe(100);
		const exact = await rows(db, 'SELECT * FROM range(100)', [], { ...LIMITS, maxRows: 100 });
		expect(exact).toMatchObject({ rows: 100, truncated: false });
		const self = await rows(db, 'SELECT * FROM prices a, prices b', [], { ...LIMITS, maxRows: 5000 });
		expect(self).toMatchObject({ rows: 5000, truncated: true });
	});

	it('interrupts a heavy query at the time limit, and answers the next one', async () => {
		const error = await failure(db, 'SELECT count(*) FROM prices a, prices b, prices c', [], { ...LIMITS, timeoutMs: 300 });
		expect(error.kind).toBe('timeout');
		expect(error.message).toMatch(/0.3 s time limit/);
		expect((await rows(db, 'SELECT 42 AS x')).table.get('x', 0)).toBe(42);
	});

	it('answers Arrow that arquero reads back as the query’s values, dates as Dates', async () => {
		const lines = await iwmLines();
		const { table, rows: n } = await rows(db, "SELECT date, close, volume::BIGINT AS volume FROM prices WHERE symbol = 'IWM' ORDER BY date");
		expect(n).toBe(lines.size);
		expect(table.numRows()).toBe(lines.size);
		const dates = table.array('date') as Date[];
		const closes = table.array('close') as number[];
		const volumes = table.array('volume') as number[];
		let i = 0;
		for (const [day, fields] of lines) {
			expect(dates[i]).toBeInstanceOf(Date);
			expect(dates[i].toISOString().slice(0, 10)).toBe(day);
			expect(closes[i]).toBe(Number(fields[4]));
			expect(volumes[i]).toBe(Number(fields[6]));
			i++;
		}
	});

	it('keeps NULLs as nulls in every kind of column', async () => {
		const sql =
			"SELECT * FROM (VALUES (1.5::DOUBLE, DATE '2020-01-02', 'a', true, 5::BIGINT, 2::INTEGER, 1.25::DECIMAL(5, 2), -3::SMALLINT), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)) t(x, d, s, b, n, i, m, h)";
		expect((await rows(db, sql)).table.objects()).toEqual([
			{ x: 1.5, d: new Date('2020-01-02T00:00:00Z'), s: 'a', b: true, n: 5, i: 2, m: 1.25, h: -3 },
			{ x: null, d: null, s: null, b: null, n: null, i: null, m: null, h: null }
		]);
		// More rows than one chunk, nulls scattered: each null where the query put it.
		const many = await rows(db, 'SELECT CASE WHEN range % 7 = 0 THEN NULL ELSE range * 0.5 END AS x FROM range(5000)');
		const xs = many.table.array('x') as (number | null)[];
		expect(xs.every((x, i) => (i % 7 === 0 ? x === null : x === i * 0.5))).toBe(true);
	});

	it('keeps 64-bit integers exact: as numbers while safe, else as their digits', async () => {
		const safe = await rows(db, 'SELECT range::BIGINT AS n FROM range(3)');
		expect(safe.table.array('n')).toEqual([0, 1, 2]);
		const big = await rows(db, 'SELECT * FROM (VALUES (1::BIGINT), (NULL), (9007199254740993::BIGINT)) t(n)');
		expect(big.table.array('n')).toEqual(['1', null, '9007199254740993']);
	});

	it('lists its tables and columns for completions', async () => {
		const tables = await db.schema();
		const prices = tables.find((t) => t.name === 'prices');
		expect(prices?.columns.map((c) => c.name)).toEqual(['symbol', 'date', 'open', 'high', 'low', 'close', 'adj_close', 'volume']);
		expect(prices?.columns.find((c) => c.name === 'date')?.type).toBe('DATE');
	});
});

describe('the data folder, the sample and other files', () => {
	let dir: string;
	let data: string;
	let db: SqlConnection;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'tape-sql-'));
		data = join(dir, 'data');
		await import('node:fs/promises').then((fs) => fs.mkdir(data));
		// The folder's own IWM (two bars) must win over the sample's full history.
		await writeFile(join(data, 'IWM.csv'), 'Date,Close\n2020-01-02,1.5\n2020-01-03,2.5\n');
		// investing.com's layout, read by the project's parser: Price is the close, Vol. is scaled.
		await writeFile(join(data, 'XYZ.csv'), '"Date","Price","Open","High","Low","Vol.","Change %"\n"01/15/2021","10.5","10","11","9.5","1.5K","1%"\n');
		await writeFile(join(data, 'BAD.csv'), 'Date,Close\n2020-01-02,1\n2020-01-02,2\n');
		await writeFile(join(data, 'holdings.csv'), 'name,weight\nSPY,0.6\nQQQ,0.4\n');
		const maker = await DuckDBInstance.create(':memory:');
		const setup = await maker.connect();
		await setup.run(`COPY (SELECT range AS i, range * 2.5 AS x FROM range(1000)) TO '${join(data, 'bars.parquet')}' (FORMAT parquet)`);
		setup.closeSync();
		maker.closeSync();
		db = createDuckDbConnection({ dataDir: data, sampleDir: frozenPricesDir, threads: 1, memoryBytes: LIMITS.memoryBytes });
	});
	afterAll(async () => {
		await db.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('takes a symbol from the data folder first, then the sample', async () => {
		const lines = await iwmLines();
		const { table } = await rows(db, "SELECT symbol, count(*) AS n, sum(close) AS s FROM prices WHERE symbol IN ('IWM', 'SPY') GROUP BY symbol ORDER BY symbol");
		const spy = (await readFile(join(frozenPricesDir, 'SPY.csv'), 'utf8')).trim().split('\n').length - 1;
		expect(table.objects()).toEqual([
			{ symbol: 'IWM', n: 2, s: 4 },
			{ symbol: 'SPY', n: spy, s: expect.any(Number) }
		]);
		expect(lines.size).toBeGreaterThan(2);
		const xyz = await rows(db, "SELECT date, close, volume FROM prices WHERE symbol = 'XYZ'");
		expect(xyz.table.objects()).toEqual([{ date: new Date('2021-01-15T00:00:00Z'), close: 10.5, volume: 1500 }]);
	});

	it('shows each other CSV as a table named after its file, and Parquet files', async () => {
		expect((await rows(db, 'SELECT * FROM holdings ORDER BY weight DESC')).table.objects()).toEqual([
			{ name: 'SPY', weight: 0.6 },
			{ name: 'QQQ', weight: 0.4 }
		]);
		expect((await rows(db, 'SELECT count(*) AS n, sum(x) AS s FROM bars')).table.objects()).toEqual([{ n: 1000, s: 2.5 * ((999 * 1000) / 2) }]);
	});

	it('lists a file it could not read in load_errors, by its name in the folder only', async () => {
		const { table } = await rows(db, 'SELECT file, error FROM load_errors');
		expect(table.array('file')).toEqual(['BAD.csv']);
		expect(table.get('error', 0)).toMatch(/duplicate/i);
		expect(table.get('error', 0)).not.toContain(dir);
	});

	it('notices a changed file and reads it again', async () => {
		const path = join(data, 'holdings.csv');
		await writeFile(path, 'name,weight\nSPY,0.5\nQQQ,0.3\nIWM,0.2\n');
		const later = new Date(Date.now() + 5000);
		await utimes(path, later, later);
		expect((await rows(db, 'SELECT count(*) AS n FROM holdings')).table.get('n', 0)).toBe(3);
		await copyFile(join(frozenPricesDir, 'IWM.csv'), join(data, 'IWM.csv'));
		const lines = await iwmLines();
		expect((await rows(db, "SELECT count(*) AS n FROM prices WHERE symbol = 'IWM'")).table.get('n', 0)).toBe(lines.size);
	});
});

describe('reloading after the folder changes', () => {
	let data: string;
	let db: SqlConnection;
	const syncs: SyncReport[] = [];
	/** Rewrites a file and moves its mtime on, as an editor saving it a moment later would. */
	let tick = 0;
	async function save(name: string, text: string) {
		const path = join(data, name);
		await writeFile(path, text);
		const later = new Date(Date.now() + 10_000 * ++tick);
		await utimes(path, later, later);
	}
	const count = async (sql: string) => Number((await rows(db, sql)).table.get('n', 0));

	beforeAll(async () => {
		data = await mkdtemp(join(tmpdir(), 'tape-sql-sync-'));
		await save('AAA.csv', 'Date,Close\n2020-01-02,1\n2020-01-03,2\n');
		await save('BBB.csv', 'Date,Close\n2020-01-02,10\n');
		await save('CCC.csv', 'Date,Close\n2020-01-02,100\n');
		await save('holdings.csv', 'name,weight\nSPY,0.6\nQQQ,0.4\n');
		db = createDuckDbConnection({ dataDir: data, sampleDir: null, threads: 1, memoryBytes: LIMITS.memoryBytes, onSync: (report) => syncs.push(report) });
	});
	afterAll(async () => {
		await db.close();
		await rm(data, { recursive: true, force: true });
	});

	it('loads the folder when warmed, before any query, and the first query reads nothing again', async () => {
		await db.warm!();
		expect(syncs).toEqual([{ loaded: ['AAA.csv', 'BBB.csv', 'CCC.csv', 'holdings.csv'], dropped: [] }]);
		expect(await count('SELECT count(*) AS n FROM prices')).toBe(4);
		expect(syncs).toHaveLength(1);
	});

	it('reads only the changed file again; the other files’ rows stay as they were', async () => {
		await save('AAA.csv', 'Date,Close\n2020-01-02,1\n2020-01-03,2\n2020-01-06,3\n');
		const { table } = await rows(db, 'SELECT symbol, count(*) AS n, sum(close) AS s FROM prices GROUP BY symbol ORDER BY symbol');
		expect(syncs.at(-1)).toEqual({ loaded: ['AAA.csv'], dropped: [] });
		expect(table.objects()).toEqual([
			{ symbol: 'AAA', n: 3, s: 6 },
			{ symbol: 'BBB', n: 1, s: 10 },
			{ symbol: 'CCC', n: 1, s: 100 }
		]);
		expect(await count('SELECT count(*) AS n FROM holdings')).toBe(2);
	});

	it('takes a removed file’s rows out and adds a new file’s, reading nothing else', async () => {
		await rm(join(data, 'BBB.csv'));
		await save('DDD.csv', 'Date,Close\n2021-03-01,7\n');
		expect((await rows(db, 'SELECT DISTINCT symbol FROM prices ORDER BY symbol')).table.array('symbol')).toEqual(['AAA', 'CCC', 'DDD']);
		expect(syncs.at(-1)).toEqual({ loaded: ['DDD.csv'], dropped: ['BBB'] });
	});

	it('replaces a changed table in the locked engine, and the engine still refuses files', async () => {
		await save('holdings.csv', 'name,weight,sector\nSPY,0.5,broad\nQQQ,0.3,tech\nIWM,0.2,small\n');
		expect((await rows(db, 'SELECT name, sector FROM holdings ORDER BY weight DESC')).table.objects()).toEqual([
			{ name: 'SPY', sector: 'broad' },
			{ name: 'QQQ', sector: 'tech' },
			{ name: 'IWM', sector: 'small' }
		]);
		expect(syncs.at(-1)).toEqual({ loaded: ['holdings.csv'], dropped: [] });
		expect((await failure(db, `SELECT * FROM read_csv(${"'" + join(data, 'holdings.csv') + "'"})`)).message).toMatch(/disabled|not allowed|permission/i);
	});

	it('copies a Parquet file with nested columns and a name with spaces into the locked engine', async () => {
		const maker = await DuckDBInstance.create(':memory:');
		const setup = await maker.connect();
		await setup.run(
			`COPY (SELECT range AS "bar no", {'px': range * 1.5, 'tag': 'b' || range} AS quote, [range, range + 1] AS pair FROM range(3)) TO '${join(data, 'nested.parquet')}' (FORMAT parquet)`
		);
		setup.closeSync();
		maker.closeSync();
		const { table } = await rows(db, 'SELECT "bar no", quote.px AS px, quote.tag AS tag, pair[2] AS second FROM nested ORDER BY "bar no"');
		expect(table.objects()).toEqual([
			{ 'bar no': 0, px: 0, tag: 'b0', second: 1 },
			{ 'bar no': 1, px: 1.5, tag: 'b1', second: 2 },
			{ 'bar no': 2, px: 3, tag: 'b2', second: 3 }
		]);
		expect(syncs.at(-1)).toEqual({ loaded: ['nested.parquet'], dropped: [] });
	});

	it('lists a file that broke in load_errors with its old rows gone, and forgets the error once it is fixed', async () => {
		await save('CCC.csv', 'Date,Close\n2020-01-02,1\n2020-01-02,2\n');
		expect((await rows(db, 'SELECT file FROM load_errors')).table.array('file')).toEqual(['CCC.csv']);
		expect(await count("SELECT count(*) AS n FROM prices WHERE symbol = 'CCC'")).toBe(0);
		await save('CCC.csv', 'Date,Close\n2020-01-02,5\n');
		expect(await count('SELECT count(*) AS n FROM load_errors')).toBe(0);
		expect(await count("SELECT count(*) AS n FROM prices WHERE symbol = 'CCC'")).toBe(1);
		expect(syncs.at(-1)).toEqual({ loaded: ['CCC.csv'], dropped: [] });
	});
});
