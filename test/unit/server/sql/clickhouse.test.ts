import { fromArrow, type ColumnTable } from 'arquero';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadSeries } from '../../../../src/lib/data/index';
import { createServerSource } from '../../../../src/lib/server/data/server-source';
import { createClickHouseConnection } from '../../../../src/lib/server/sql/clickhouse';
import { SqlError, type SqlConnection, type SqlLimits, type SqlParam } from '../../../../src/lib/server/sql/types';
import { performanceTable } from '../../../../src/lib/research/index';
import { POST as postSql } from '../../../../src/routes/api/sql/+server';
import { GET as getSchema } from '../../../../src/routes/api/sql/schema/+server';
import { parseNotebook } from '../../../../src/lib/notebook/index';
import { commonBuiltins } from '../../../../src/lib/runtime/builtins';
import { createRuntime } from '../../../../src/lib/runtime/index';
import { createSql } from '../../../../src/lib/runtime/sql';
import { runtimeCell } from '../../../../src/lib/runtime/sql-cell';
import { serverSql } from '../../../../src/lib/server/sql-runner';
import { frozenPricesDir } from '../../../frozen-prices';
import { findClickHouseServer, freePorts, LOCKED, READER, startCluster, VIEWER, type ClickHouseCluster } from './clickhouse-cluster';

/**
 * Tape's ClickHouse connection against two real clickhouse-server processes (Debian's 18.16)
 * acting as two shards: daily bars of six symbols from the frozen price folder, three per shard,
 * read back through a `Distributed` table and given to the research library.
 */
const binary = findClickHouseServer();
const SHARDS: [string[], string[]] = [['QQQ', 'IWM', 'DIA'], ['SPY', 'MDY', 'XLK']];
const LIMITS: SqlLimits = { maxRows: 1_000_000, timeoutMs: 20_000, memoryBytes: 512 * 2 ** 20 };

if (!binary && process.env.CI === 'true') {
	describe('ClickHouse on two shards', () => {
		it('needs clickhouse-server (CI installs it in .ci/run)', () => {
			throw new Error('clickhouse-server is not installed: CI must run the ClickHouse tests (apt-get install clickhouse-server)');
		});
	});
} else if (!binary) {
	console.warn('clickhouse tests: clickhouse-server not found (apt-get install clickhouse-server); skipping');
}

const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
const loadSeries = createLoadSeries(createServerSource({ dataDir: frozenPricesDir, sampleDir: '', providers: [] }));

async function failure(promise: Promise<unknown>): Promise<SqlError> {
	try {
		await promise;
	} catch (e) {
		expect(e).toBeInstanceOf(SqlError);
		return e as SqlError;
	}
	throw new Error('the query was expected to fail');
}

(binary ? describe : describe.skip)('ClickHouse on two shards', () => {
	let cluster: ClickHouseCluster;
	let warehouse: SqlConnection;
	const url = (http: string, who = READER, db = 'market') =>
		`clickhouse://${encodeURIComponent(who.user)}:${encodeURIComponent(who.password)}@${new URL(http).host}/${db}`;

	async function query(sql: string, params: SqlParam[] = [], limits: Partial<SqlLimits> = {}, connection = warehouse) {
		const result = await connection.query({ sql, params }, { ...LIMITS, ...limits });
		return { ...result, table: fromArrow(result.ipc) as ColumnTable };
	}

	beforeAll(async () => {
		cluster = await startCluster(binary!);
		for (const shard of [0, 1] as const) {
			await cluster.exec(shard, 'CREATE DATABASE market');
			await cluster.exec(shard, `CREATE TABLE market.bars_local (symbol String, date Date, open Float64, high Float64, low Float64, close Float64, volume Float64)
				ENGINE = MergeTree ORDER BY (symbol, date)`);
			const rows: string[] = [];
			for (const symbol of SHARDS[shard]) {
				const t = await loadSeries(symbol);
				const [dates, o, h, l, c, v] = ['date', 'open', 'high', 'low', 'close', 'volume'].map((n) => t.array(n) as unknown[]);
				for (let i = 0; i < t.numRows(); i++) rows.push([symbol, iso(dates[i]), o[i], h[i], l[i], c[i], v[i]].join('\t'));
			}
			await cluster.exec(shard, 'INSERT INTO market.bars_local FORMAT TabSeparated', `${rows.join('\n')}\n`);
		}
		// The Distributed table lives on shard 1 and reads both shards' local tables.
		await cluster.exec(0, 'CREATE TABLE market.bars AS market.bars_local ENGINE = Distributed(tape_pair, market, bars_local)');
		warehouse = createClickHouseConnection('warehouse', url(cluster.http[0]));
	}, 120_000);

	afterAll(async () => {
		await warehouse?.close();
		await cluster?.stop();
	}, 30_000);

	it('reads every bar of both shards back through the Distributed table', async () => {
		const local = await Promise.all([0, 1].map((s) => cluster.exec(s as 0 | 1, 'SELECT count() FROM market.bars_local')));
		expect(local.map(Number).every((n) => n > 10_000)).toBe(true);
		const { table, truncated } = await query('SELECT symbol, count() AS n, min(date) AS first FROM bars GROUP BY symbol ORDER BY symbol');
		expect(truncated).toBe(false);
		const expected = await Promise.all(SHARDS.flat().sort().map(async (s) => {
			const t = await loadSeries(s);
			return { symbol: s, n: t.numRows(), first: iso(t.get('date', 0)) };
		}));
		expect((table.objects() as Array<Record<string, unknown>>).map((r) => ({ ...r, first: iso(r.first) }))).toEqual(expected);
		expect(Number(local[0]) + Number(local[1])).toBe(expected.reduce((a, r) => a + r.n, 0));
	});

	it('gives the research library the same answers as loadSeries on the same files', async () => {
		const { table } = await query('SELECT symbol, date, open, high, low, close, volume FROM bars WHERE symbol IN (?, ?, ?) ORDER BY symbol, date', ['QQQ', 'SPY', 'MDY']);
		const fromClickHouse: Record<string, ColumnTable> = {};
		const fromFiles: Record<string, ColumnTable> = {};
		for (const symbol of ['QQQ', 'SPY', 'MDY']) {
			fromClickHouse[symbol] = table.params({ symbol }).filter((d: { symbol: string }, $: { symbol: string }) => d.symbol === $.symbol).reify();
			fromFiles[symbol] = await loadSeries(symbol);
			expect(Array.from(fromClickHouse[symbol].array('close') as ArrayLike<number>)).toEqual(Array.from(fromFiles[symbol].array('close') as ArrayLike<number>));
		}
		const windows = [{ label: '20d', sessions: 20 }, '1y', 'ytd'];
		const asOf = '2020-03-23';
		const ours = performanceTable(fromClickHouse, { windows, asOf }).objects() as Array<Record<string, number>>;
		expect(ours).toEqual(performanceTable(fromFiles, { windows, asOf }).objects());
		// The 2020 low: every one of the three had lost more than a fifth over 20 sessions.
		expect(ours.every((r) => r['20d'] < -20)).toBe(true);
	});

	it('binds hostile parameter values as values: quotes, backslashes, a DROP, newlines', async () => {
		const hostile = ["'; DROP TABLE market.bars_local; --", "it's", 'back\\slash\\', "\\'", "'' OR 1=1", 'tab\tnew\nline\r', 'nul\0byte', '☃ é 日本', '?', '*/ --', '`"'];
		for (const value of hostile) {
			const { table } = await query('SELECT ? AS v, length(?) AS n', [value, value]);
			expect(table.get('v', 0), JSON.stringify(value)).toBe(value);
		}
		const { table } = await query(
			"SELECT 10-? AS a, ? AS b, ? AS c, ? AS d, '? stays' AS e, toTypeName(?) AS f /* ? */ -- ?",
			[-1, 2.5e-7, true, null, { date: '2020-03-23' }]
		);
		expect(table.objects()[0]).toEqual({ a: 11, b: 2.5e-7, c: 1, d: null, e: '? stays', f: 'Date' });
		const onDate = await query('SELECT count() AS n FROM bars WHERE symbol = ? AND date >= ?', ['SPY', { date: '2020-01-01' }]);
		const spy = await loadSeries('SPY');
		expect(onDate.table.get('n', 0)).toBe((spy.array('date') as Date[]).filter((d) => iso(d) >= '2020-01-01').length);
		for (const bad of [NaN, Infinity]) expect((await failure(query('SELECT ?', [bad]))).message).toContain('not a finite number');
		expect((await failure(query('SELECT ?', [{ date: "2020-01-01') OR (1" }]))).message).toContain('is not a date');
		const mismatch = await failure(query('SELECT ?,\n  ?', ['x']));
		expect([mismatch.kind, mismatch.line, mismatch.column]).toEqual(['syntax', 2, 3]);
		expect(mismatch.message).toContain('if(cond, a, b)');
		// Without parameters a ? is ClickHouse's own conditional operator.
		expect((await query("SELECT 1 > 0 ? 'yes' : 'no' AS t")).table.get('t', 0)).toBe('yes');
		expect(await cluster.exec(1, 'SELECT count() > 0 FROM market.bars_local')).toBe('1\n');
	});

	it('refuses every write, setting and file or network function, and the data stays', async () => {
		const hostile = [
			'DROP TABLE bars_local',
			'TRUNCATE TABLE bars_local',
			"INSERT INTO bars_local (symbol) VALUES ('X')",
			'CREATE TABLE t (x UInt8) ENGINE = Memory',
			'ALTER TABLE bars_local DELETE WHERE 1',
			'SET readonly = 0',
			"SELECT * FROM file('/etc/passwd', 'CSV', 'line String')",
			"SELECT * FROM url('http://127.0.0.1:1/', 'CSV', 'x String')",
			`SELECT * FROM remote('127.0.0.1:${new URL(cluster.http[1]).port}', system.one)`,
			'SELECT * FROM numbers(10)',
			'OPTIMIZE TABLE bars_local'
		];
		for (const sql of hostile) expect((await failure(query(sql))).kind, sql).toBe('refused');
		// Settings smuggled into the query text are refused too (readonly=1 forbids changing any).
		expect((await failure(query('SELECT 1 SETTINGS readonly = 0'))).kind).toBe('refused');
		expect((await failure(query('SELECT 1; DROP TABLE bars_local'))).kind).toBe('syntax');
		expect(await cluster.exec(0, 'SELECT count() > 10000 FROM market.bars_local')).toBe('1\n');
		expect(await cluster.exec(0, "EXISTS TABLE market.bars")).toBe('1\n');
	});

	it('cuts at the row limit, the time limit and the memory limit with the matching kind', async () => {
		const cut = await query('SELECT * FROM bars', [], { maxRows: 100 });
		expect([cut.rows, cut.table.numRows(), cut.truncated]).toEqual([100, 100, true]);
		const whole = await query("SELECT * FROM bars WHERE symbol = 'QQQ'", [], { maxRows: 100_000 });
		expect(whole.truncated).toBe(false);
		const slow = await failure(query('SELECT count() FROM system.numbers', [], { timeoutMs: 1000 }));
		expect(slow.kind).toBe('timeout');
		const big = await failure(query('SELECT groupArray(number) FROM (SELECT number FROM system.numbers LIMIT 20000000)', [], { memoryBytes: 32 * 2 ** 20 }));
		expect(big.kind).toBe('limit');
	});

	it('reports a syntax error at its line and column of the cell, parameters included', async () => {
		// ClickHouse reads the second AND as a name and stops at `close`.
		const sql = "SELECT ? AS label, close\nFROM bars\nWHERE symbol = ? AND AND close > 0";
		const error = await failure(query(sql, ['a much longer bound value than the placeholder', 'QQQ']));
		expect(error.kind).toBe('syntax');
		expect([error.line, error.column]).toEqual([3, sql.split('\n')[2].indexOf('close') + 1]);
		const unbound = await failure(query(sql.replace('?', "'a'").replace('?', "'QQQ'")));
		expect([unbound.line, unbound.column]).toEqual([3, sql.split('\n')[2].replace('?', "'QQQ'").indexOf('close') + 1]);
		expect(error.message).toMatch(/^warehouse: Syntax error: failed at: close > 0\. Expected one of: .*\(ClickHouse code 62\)$/);
		const format = await failure(query('SELECT 1 FORMAT CSV'));
		expect(format.message).toContain('no FORMAT clause');
		// INTO OUTFILE is the command-line client's: over HTTP the server refuses it and writes nothing.
		const outfile = join(tmpdir(), `tape-clickhouse-outfile-${process.pid}`);
		await failure(query(`SELECT 1 INTO OUTFILE '${outfile}'`));
		expect(existsSync(outfile)).toBe(false);
		const unknown = await failure(query('SELECT nope FROM bars'));
		expect([unknown.kind, unknown.message]).toEqual(['engine', expect.stringContaining('Unknown identifier: nope')]);
	});

	it('answers dates, times, wide integers and NaN with the types the frame expects', async () => {
		const { table } = await query(
			"SELECT toDate('2020-03-23') AS d, toDateTime('2020-03-23 15:30:00') AS t, toDateTime('2020-03-23 09:30:00', 'America/New_York') AS ny, toUInt64(18446744073709551615) AS u, nan AS n, [1, 2] AS arr, toDecimal64(1.25, 2) AS dec"
		);
		const row = table.objects()[0] as Record<string, unknown>;
		expect(row.d).toEqual(new Date('2020-03-23T00:00:00Z'));
		expect(row.t).toEqual(new Date('2020-03-23T15:30:00Z'));
		expect(row.ny).toEqual(new Date('2020-03-23T13:30:00Z'));
		expect([row.u, row.n, row.arr, row.dec]).toEqual([18446744073709551615, null, '[1,2]', 1.25]);
	});

	it('lists the tables and columns of its database for completions', async () => {
		const schema = await warehouse.schema();
		expect(schema.map((t) => t.name)).toEqual(['bars', 'bars_local']);
		expect(schema[0].columns.slice(0, 3)).toEqual([
			{ name: 'symbol', type: 'String' },
			{ name: 'date', type: 'Date' },
			{ name: 'open', type: 'Float64' }
		]);
	});

	it('keeps its credentials out of every message and of the connection object', async () => {
		const wrong = createClickHouseConnection('warehouse', url(cluster.http[0], { user: READER.user, password: 'Wr0ng-pass!' }));
		const refused = await failure(wrong.query({ sql: 'SELECT 1', params: [] }, LIMITS));
		expect(refused.kind).toBe('refused');
		expect(refused.message).not.toContain('Wr0ng-pass!');
		expect(refused.message).not.toContain(READER.user);
		const errors = await Promise.all([
			// A syntax error repeats the rest of the query, here a comment holding the password.
			failure(query(`SELECT FROM FROM /* ${READER.password} */`)),
			failure(createClickHouseConnection('warehouse', url(`http://127.0.0.1:${(await freePorts(1))[0]}/`)).query({ sql: 'SELECT 1', params: [] }, LIMITS))
		]);
		for (const e of [refused, ...errors]) {
			for (const secret of [READER.password, encodeURIComponent(READER.password)]) {
				expect(`${e.message} ${e.stack}`).not.toContain(secret);
			}
		}
		expect(errors[1].message).toBe('warehouse: cannot reach the ClickHouse server (ECONNREFUSED)');
		expect(JSON.stringify(warehouse)).not.toContain(READER.password);
		expect(Object.values(warehouse).join(' ')).not.toContain(READER.password);
	});

	it('asks once more when a kept-alive socket was closed by the server, not more', async () => {
		const stale = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } });
		let calls = 0;
		const flaky = (fails: number): typeof fetch => (input, init) => (++calls <= fails ? Promise.reject(stale()) : fetch(input, init));
		const once = createClickHouseConnection('warehouse', url(cluster.http[0]), { fetchImpl: flaky(1) });
		expect((await query('SELECT 1 AS one', [], {}, once)).table.get('one', 0)).toBe(1);
		// The stale socket, its retry (the connection's first question: the profile's readonly), the query.
		expect(calls).toBe(3);
		calls = 0;
		const twice = createClickHouseConnection('warehouse', url(cluster.http[0]), { fetchImpl: flaky(2) });
		expect((await failure(query('SELECT 1', [], {}, twice))).message).toBe('warehouse: cannot reach the ClickHouse server (UND_ERR_SOCKET)');
		expect(calls).toBe(2);
	});

	it('works for a user whose profile is read-only already (readonly=2), still refusing writes', async () => {
		const viewer = createClickHouseConnection('warehouse', url(cluster.http[1], VIEWER));
		const { table, truncated } = await query('SELECT symbol, count() AS n FROM bars_local GROUP BY symbol ORDER BY symbol', [], { maxRows: 2 }, viewer);
		expect([table.array('symbol'), truncated]).toEqual([['MDY', 'SPY'], true]);
		expect((await failure(query('DROP TABLE bars_local', [], {}, viewer))).kind).toBe('refused');
	});

	it('works for a user whose profile is readonly=1 (no settings allowed), cutting rows itself', async () => {
		const locked = createClickHouseConnection('warehouse', url(cluster.http[0], LOCKED));
		const { table, truncated, rows } = await query("SELECT date, close FROM bars WHERE symbol = ? ORDER BY date", ['QQQ'], { maxRows: 10 }, locked);
		expect([rows, table.numRows(), truncated]).toEqual([10, 10, true]);
		expect((await failure(query('DROP TABLE bars_local', [], {}, locked))).kind).toBe('refused');
	});

	describe('through the server (POST /api/sql, a notebook), declared in tape.databases.json beside the data folder', () => {
		let root: string;
		const saved = process.env.TAPE_DATA_DIR;
		beforeAll(() => {
			root = mkdtempSync(join(tmpdir(), 'tape-clickhouse-workspace-'));
			mkdirSync(join(root, 'prices'));
			writeFileSync(join(root, 'tape.databases.json'), JSON.stringify({ warehouse: url(cluster.http[0]) }));
			process.env.TAPE_DATA_DIR = join(root, 'prices');
		});
		afterAll(() => {
			if (saved === undefined) delete process.env.TAPE_DATA_DIR;
			else process.env.TAPE_DATA_DIR = saved;
			rmSync(root, { recursive: true, force: true });
		});
		const post = (body: unknown) =>
			postSql({ request: new Request('http://localhost/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) } as never) as Promise<Response>;

		it('answers Arrow rows of the other shard (through the Distributed table) that the research library reads like loadSeries', async () => {
			const response = await post({ database: 'warehouse', sql: 'SELECT date, close FROM bars WHERE symbol = ? ORDER BY date', params: ['MDY'] });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
			const mdy = fromArrow(new Uint8Array(await response.arrayBuffer())) as ColumnTable;
			const windows = [{ label: '20d', sessions: 20 }, '3m'];
			expect(performanceTable({ MDY: mdy }, { windows }).objects()).toEqual(performanceTable({ MDY: await loadSeries('MDY') }, { windows }).objects());
		});

		it('keeps tape.databases.json out of reach of the embedded DuckDB', async () => {
			for (const sql of ["SELECT * FROM read_text('../tape.databases.json')", `SELECT * FROM read_json_auto('${join(root, 'tape.databases.json')}')`]) {
				const response = await post({ sql, params: [] });
				const text = await response.text();
				expect(response.status, sql).toBe(400);
				expect(text).not.toContain(READER.password);
			}
		});

		it("lists the warehouse's tables for the SQL editor's completions", async () => {
			const response = (await getSchema({ url: new URL('http://localhost/api/sql/schema?database=warehouse') } as never)) as Response;
			const { tables } = (await response.json()) as { tables: Array<{ name: string; columns: Array<{ name: string }> }> };
			expect(tables.map((t) => [t.name, t.columns.map((c) => c.name).join(',')])).toEqual([
				['bars', 'symbol,date,open,high,low,close,volume'],
				['bars_local', 'symbol,date,open,high,low,close,volume']
			]);
		});

		it('answers an error located in the cell, and no credentials, for a bad or hostile query', async () => {
			const syntax = await post({ database: 'warehouse', sql: 'SELECT close\nFROM bars WHERE', params: [] });
			const body = (await syntax.json()) as { error: { kind: string; line: number; column: number; message: string } };
			expect([syntax.status, body.error.kind, body.error.line]).toEqual([400, 'syntax', 2]);
			const refused = await post({ database: 'warehouse', sql: 'DROP TABLE bars_local', params: [] });
			expect(refused.status).toBe(400);
			for (const text of [JSON.stringify(body), await refused.text()]) {
				expect(text).not.toContain(READER.password);
				expect(text).not.toContain(encodeURIComponent(READER.password));
			}
		});
	
		it("runs a notebook's ```sql database=warehouse``` cell and the research library on its rows", async () => {
			const notebook = parseNotebook(
				[
					'# Tech from the warehouse',
					'```ts\nconst symbol = "XLK"\n```',
					'```sql output=bars database=warehouse\nSELECT date, close\nFROM bars\nWHERE symbol = ${symbol}\nORDER BY date\n```',
					"```ts\nconst perf = performanceTable({ [symbol]: bars }, { windows: [{ label: '20d', sessions: 20 }, '1y'], asOf: '2020-03-23' })\nperf\n```",
					'```sql output=broken database=warehouse\nSELECT close\nFROM bars WHERE symbol = ${symbol} AND AND 1\n```'
				].join('\n\n'),
				'warehouse.md'
			);
			const source = createServerSource({ dataDir: frozenPricesDir, sampleDir: '', providers: [] });
			const runtime = createRuntime({ builtins: commonBuiltins(source, { sql: createSql(serverSql()) }) });
			const code = notebook.cells.filter((c) => c.kind === 'code');
			runtime.update(code.map(runtimeCell));
			await runtime.run();
			const state = (i: number) => runtime.state(code[i].id)!;
			expect(state(1).status).toBe('done');
			const windows = [{ label: '20d', sessions: 20 }, '1y'];
			const expected = performanceTable({ XLK: await loadSeries('XLK') }, { windows, asOf: '2020-03-23' }).objects() as Array<Record<string, number>>;
			expect((state(2).value as ColumnTable).objects()).toEqual(expected);
			expect(expected[0]['20d']).toBeLessThan(-20);
			const broken = state(3);
			expect([broken.status, broken.error?.line, broken.error?.column, broken.error?.message]).toEqual(['error', 2, 44, expect.stringContaining('Syntax error: failed at: 1. Expected one of')]);
			runtime.dispose();
		});
	});
});
