/**
 * Part of `security`: hostile SQL against the embedded DuckDB, through `POST /api/sql` of the real
 * server. A breach is a query that wrote or read outside the data folder (a file made, a canary
 * or /etc/passwd in an answer, a server path shown), changed the engine (a setting, a table, an
 * extension), ran several statements, or was not cut by a limit (a cross join of `prices` with
 * itself, a huge `range()`): every one must be refused or limited, and the server must still
 * answer afterwards.
 *
 * The same rows run on the engine directly, and on a naive DuckDB connection (no lock-down, no
 * statement check, no limits) to show they can fail:
 *   npx tsx test/reliability/sql-hostile.ts          the engine, then the naive connection
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDuckDbConnection } from '../../src/lib/server/sql/duckdb';
import type { SqlLimits } from '../../src/lib/server/sql/types';
import { frozenPricesDir } from '../frozen-prices';
import type { RawResponse } from './http';
import { freePort, ROOT, TapeServer } from './server';
import { Tally, tempRoot, type Figure } from './util';

/** What one query did, whoever ran it. */
interface Outcome {
	ok: boolean;
	truncated: boolean;
	/** The answer's text: rows or the error message. */
	text: string;
	ms: number;
}

type Runner = (sql: string) => Promise<Outcome>;

interface Place {
	root: string;
	dataDir: string;
	outside: string;
	canary: string;
	token: string;
}

interface Attack {
	name: string;
	sql: string;
	/** What besides success makes it a breach: a file left behind, a leak in the answer. */
	breached?: (outcome: Outcome, place: Place) => boolean;
	/** A query that may run but must be cut by a limit rather than succeed whole. */
	limited?: boolean;
	/** A read that may run: only what it shows can be a breach. */
	mayRun?: boolean;
}

const LIMITS: SqlLimits = { maxRows: 100_000, timeoutMs: 3_000, memoryBytes: 256 * 1024 * 1024 };
/** A cut query answers within its time limit plus this; longer is a hang. */
const HANG_MARGIN_MS = 10_000;
/** TRUST.md: round trips stay under 5 s while any one request misbehaves. */
const RESPONSIVE_MS = 5_000;

function attacks(place: Place): Attack[] {
	const out = (name: string) => path.join(place.outside, name);
	const made = (name: string) => () => existsSync(out(name));
	return [
		{ name: 'COPY prices TO a file outside', sql: `COPY prices TO '${out('copied.csv')}'`, breached: made('copied.csv') },
		{ name: 'COPY (SELECT …) TO a file outside', sql: `COPY (SELECT 1) TO '${out('copied2.csv')}' (FORMAT csv)`, breached: made('copied2.csv') },
		{ name: 'COPY FROM a file outside', sql: `COPY prices FROM '${place.canary}'` },
		{ name: 'ATTACH a new database file', sql: `ATTACH '${out('attached.db')}' AS x`, breached: made('attached.db') },
		{ name: 'EXPORT DATABASE', sql: `EXPORT DATABASE '${out('exported')}'`, breached: made('exported') },
		{ name: 'INSTALL httpfs', sql: 'INSTALL httpfs' },
		{ name: 'LOAD httpfs', sql: 'LOAD httpfs' },
		{ name: 'LOAD a file', sql: `LOAD '${out('x.duckdb_extension')}'` },
		{ name: "read_text('/etc/passwd')", sql: "SELECT * FROM read_text('/etc/passwd')" },
		{ name: "read_csv('/etc/passwd')", sql: "SELECT * FROM read_csv('/etc/passwd', sep = ':', header = false)" },
		{ name: 'read_text of a canary outside', sql: `SELECT content FROM read_text('${place.canary}')` },
		{ name: 'read_blob of a canary outside', sql: `SELECT content FROM read_blob('${place.canary}')` },
		{ name: 'read_csv through the data folder’s ../', sql: `SELECT * FROM read_csv('${path.join(place.dataDir, '..', 'outside', 'canary.txt')}')` },
		{ name: 'read_parquet outside', sql: `SELECT * FROM read_parquet('${out('*.parquet')}')` },
		{ name: 'read_json outside', sql: `SELECT * FROM read_json('${place.canary}')` },
		{ name: 'glob the file system', sql: "SELECT * FROM glob('/*')" },
		{ name: 'a file named in FROM', sql: `SELECT * FROM '${place.canary}'` },
		{ name: 'an https:// URL', sql: "SELECT * FROM read_csv('https://example.com/x.csv')" },
		{ name: 'an s3:// URL', sql: "SELECT * FROM read_parquet('s3://bucket/x.parquet')" },
		{ name: 'SET threads', sql: 'SET threads = 64' },
		{ name: 'SET enable_external_access', sql: 'SET enable_external_access = true' },
		{ name: 'RESET lock_configuration', sql: 'RESET lock_configuration' },
		{ name: 'PRAGMA enable_profiling', sql: 'PRAGMA enable_profiling' },
		{ name: 'PRAGMA memory_limit', sql: "PRAGMA memory_limit = '64GB'" },
		{ name: 'SET VARIABLE', sql: 'SET VARIABLE x = 1' },
		{ name: 'CREATE TABLE', sql: 'CREATE TABLE t AS SELECT 1' },
		{ name: 'CREATE MACRO', sql: 'CREATE MACRO m(x) AS x' },
		{ name: 'DROP TABLE prices', sql: 'DROP TABLE prices' },
		{ name: 'INSERT INTO prices', sql: "INSERT INTO prices (symbol) VALUES ('EVIL')" },
		{ name: 'DELETE FROM prices', sql: 'DELETE FROM prices' },
		{ name: 'UPDATE prices', sql: 'UPDATE prices SET close = 0' },
		{ name: 'DETACH', sql: 'DETACH memory' },
		{ name: 'CALL a pragma', sql: 'CALL enable_profiling()' },
		{ name: 'CHECKPOINT', sql: 'CHECKPOINT' },
		{ name: 'several statements in one query', sql: 'SELECT 1; DROP TABLE prices' },
		{ name: 'a write hidden after a comment', sql: 'SELECT 1 -- x\n; CREATE TABLE y AS SELECT 1' },
		{ name: 'query() running another statement', sql: "SELECT * FROM query('CREATE TABLE z AS SELECT 1')" },
		{ name: 'getenv', sql: "SELECT getenv('HOME')" },
		{
			name: 'settings that show a server path',
			sql: "SELECT name, value FROM duckdb_settings() WHERE value LIKE '%/%' AND name NOT IN ('TimeZone')",
			mayRun: true,
			breached: (o) => [os.homedir(), process.cwd(), ROOT].some((dir) => o.text.includes(dir))
		},
		{ name: 'a cross join of prices with itself', sql: 'SELECT * FROM prices a, prices b', limited: true },
		{ name: 'counting a triple cross join', sql: 'SELECT count(*) FROM prices a, prices b, prices c', limited: true },
		{ name: 'a huge range()', sql: 'SELECT * FROM range(1000000000000)', limited: true },
		{ name: 'summing a huge range()', sql: 'SELECT sum(range) FROM range(100000000000000)', limited: true },
		{ name: 'a list as large as memory', sql: 'SELECT list(range) FROM range(10000000000)', limited: true },
		{ name: 'a huge string', sql: "SELECT repeat('x', 1000000000) || repeat('y', 1000000000) AS s", limited: true }
	];
}

/** Runs every attack; the figures' names say what happened, counts of breaches must be zero. */
async function breaches(run: Runner, place: Place, ping?: () => Promise<number>): Promise<{ tally: Tally; hangs: number; slowPings: number }> {
	const tally = new Tally();
	let hangs = 0;
	let slowPings = 0;
	for (const attack of attacks(place)) {
		const running = run(attack.sql);
		if (ping && attack.limited) {
			// The rest of the server must keep answering while a heavy query runs.
			await new Promise((resolve) => setTimeout(resolve, 500));
			const ms = await ping();
			if (ms > RESPONSIVE_MS) {
				slowPings++;
				tally.fail(`${attack.name}: the server took ${ms} ms to answer another request meanwhile`);
			}
		}
		const outcome = await running;
		// An error may quote the path the query itself wrote; a path it did not write is a leak.
		const leaked = outcome.text.includes(place.token) || /root:x?:0:0/.test(outcome.text) || (outcome.text.includes(place.dataDir) && !attack.sql.includes(place.dataDir));
		const hung = outcome.ms > LIMITS.timeoutMs + HANG_MARGIN_MS;
		if (hung) hangs++;
		const succeeded = attack.mayRun ? false : attack.limited ? outcome.ok && !outcome.truncated : outcome.ok;
		const sideEffect = attack.breached?.(outcome, place) ?? false;
		if (succeeded || leaked || sideEffect || hung) {
			tally.fail(`${attack.name}: ${outcome.ok ? 'ran' : 'refused'}${leaked ? ', leaked' : ''}${sideEffect ? ', left its mark' : ''}${hung ? `, took ${outcome.ms} ms` : ''} (${outcome.text.slice(0, 120).replace(/\n/g, ' ')})`);
		}
	}
	return { tally, hangs, slowPings };
}

/** Whether the engine is as it was: prices whole, no table added, settings unchanged. */
async function unchanged(run: Runner, rowsBefore: string): Promise<boolean> {
	const after = await run("SELECT (SELECT count(*) FROM prices) AS n, (SELECT count(*) FROM duckdb_tables() WHERE table_name NOT IN ('prices', 'load_errors')) AS extra");
	return after.ok && after.text === rowsBefore;
}

async function preparePlace(label: string): Promise<Place> {
	const root = await tempRoot(label);
	const dataDir = path.join(root, 'data');
	const outside = path.join(root, 'outside');
	await mkdir(dataDir, { recursive: true });
	await mkdir(outside, { recursive: true });
	for (const file of ['IWM.csv', 'SPY.csv', 'QQQ.csv']) await copyFile(path.join(frozenPricesDir, file), path.join(dataDir, file));
	const token = `CANARY-${Math.random().toString(16).slice(2)}`;
	const canary = path.join(outside, 'canary.txt');
	await writeFile(canary, `a,b\n${token},1\n`);
	return { root, dataDir, outside, canary, token };
}

function figures(part: string, where: string, result: { tally: Tally; hangs: number; slowPings: number }, afterwards: boolean, count: number): Figure[] {
	for (const problem of result.tally.problems) console.log(`  ! ${problem}`);
	return [
		{ part, name: `hostile SQL ${where} (of ${count}) that ran whole, leaked, left a file or hung`, value: result.tally.count - result.slowPings, mustBeZero: true },
		...(where.includes('POST') ? [{ part, name: `requests answered after ${RESPONSIVE_MS / 1000} s while a heavy query ran`, value: result.slowPings, mustBeZero: true }] : []),
		{ part, name: `hostile SQL ${where}: engine changed or not answering afterwards`, value: afterwards ? 0 : 1, mustBeZero: true }
	];
}

/** The `security` part's rows: every attack through the built server's `POST /api/sql`. */
export async function sqlHostile(): Promise<Figure[]> {
	const place = await preparePlace('sql-hostile');
	const server = await TapeServer.start({
		notebooksDir: path.join(place.root, 'notebooks'),
		dataDir: place.dataDir,
		port: await freePort(),
		env: {
			TAPE_SAMPLE_DIR: '',
			TAPE_SQL_TIMEOUT_MS: String(LIMITS.timeoutMs),
			TAPE_SQL_MAX_ROWS: String(LIMITS.maxRows),
			TAPE_SQL_MEMORY_MB: String(LIMITS.memoryBytes / 1024 / 1024)
		}
	});
	const run: Runner = async (sql) => {
		const started = Date.now();
		const res = await server.client.request({
			method: 'POST',
			path: '/api/sql',
			headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}` },
			body: JSON.stringify({ sql, params: [] }),
			timeoutMs: LIMITS.timeoutMs + HANG_MARGIN_MS + 5_000
		}).catch((e: Error): RawResponse => ({ status: 0, headers: {}, body: `no answer: ${e.message}` }));
		const ok = res.status === 200;
		// The Arrow body of a refused query never exists; a successful one is searched as text for leaks.
		return { ok, truncated: res.headers['x-tape-truncated'] === 'true', text: ok ? `${res.headers['x-tape-rows']} rows ${res.body}` : res.body, ms: Date.now() - started };
	};
	try {
		const count = attacks(place).length;
		const before = await run("SELECT (SELECT count(*) FROM prices) AS n, (SELECT count(*) FROM duckdb_tables() WHERE table_name NOT IN ('prices', 'load_errors')) AS extra");
		const ping = async () => {
			const started = Date.now();
			await server.client.request({ path: '/api/notebooks', timeoutMs: 60_000 }).catch(() => undefined);
			return Date.now() - started;
		};
		const result = await breaches(run, place, ping);
		const notebooks = await server.client.request({ path: '/api/notebooks' });
		const afterwards = before.ok && (await unchanged(run, before.text)) && notebooks.status === 200;
		// Another website may make the browser POST here: only the workspace's own JSON requests run.
		const body = JSON.stringify({ sql: 'SELECT count(*) FROM prices', params: [] });
		const foreign: Record<string, string>[] = [
			{ 'content-type': 'application/json', origin: 'http://evil.example' },
			{ 'content-type': 'application/json', origin: 'null' },
			{ 'content-type': 'text/plain', origin: `http://127.0.0.1:${server.port}` },
			{ 'content-type': 'application/x-www-form-urlencoded' }
		];
		let answered = 0;
		for (const headers of foreign) {
			const res = await server.client.request({ method: 'POST', path: '/api/sql', headers, body });
			if (res.status === 200) answered++;
		}
		// Control: the route and its schema answer the workspace (so the rows above can fail).
		const schema = await server.client.request({ path: '/api/sql/schema' });
		const unknown = await server.client.request({ path: '/api/sql/schema?database=nope' });
		const schemaWrong = schema.status === 200 && schema.body.includes('"adj_close"') && unknown.status === 404 ? 0 : 1;
		if (schemaWrong) console.log(`  ! schema: ${schema.status} ${schema.body.slice(0, 120)}; unknown database: ${unknown.status}`);
		return [
			...figures('security', 'through POST /api/sql', result, afterwards, count),
			{ part: 'security', name: 'SQL schema route wrong (prices columns, 404 for an unknown database)', value: schemaWrong, mustBeZero: true },
			{ part: 'security', name: `SQL requests from another site or a form (of ${foreign.length}) answered`, value: answered, mustBeZero: true }
		];
	} finally {
		await server.stop();
	}
}

/** The engine itself, as the route runs it. */
function engineRunner(place: Place): { run: Runner; close: () => Promise<void> } {
	const db = createDuckDbConnection({ dataDir: place.dataDir, sampleDir: null, memoryBytes: LIMITS.memoryBytes, threads: 1 });
	const run: Runner = async (sql) => {
		const started = Date.now();
		try {
			const result = await db.query({ sql, params: [] }, LIMITS);
			return { ok: true, truncated: result.truncated, text: `${result.rows} rows ${Buffer.from(result.ipc).toString('latin1')}`, ms: Date.now() - started };
		} catch (e) {
			return { ok: false, truncated: false, text: (e as Error).message, ms: Date.now() - started };
		}
	};
	return { run, close: () => db.close() };
}

/** A DuckDB connection as one would write it without thinking: same tables, no lock-down, no checks, no limits but a hang guard. */
async function naiveRunner(place: Place): Promise<{ run: Runner; close: () => Promise<void> }> {
	const instance = await DuckDBInstance.create(':memory:');
	const setup = await instance.connect();
	await setup.run(`CREATE TABLE prices AS SELECT 'IWM' AS symbol, * FROM read_csv('${path.join(place.dataDir, 'IWM.csv')}')`);
	setup.closeSync();
	const run: Runner = async (sql) => {
		const started = Date.now();
		const connection = await instance.connect();
		const guard = setTimeout(() => connection.interrupt(), LIMITS.timeoutMs + HANG_MARGIN_MS + 1000);
		try {
			const reader = await connection.runAndReadUntil(sql, LIMITS.maxRows * 10);
			const text = JSON.stringify(reader.getRowsJson()).slice(0, 100_000);
			return { ok: true, truncated: false, text, ms: Date.now() - started };
		} catch (e) {
			return { ok: false, truncated: false, text: (e as Error).message, ms: Date.now() - started };
		} finally {
			clearTimeout(guard);
			connection.closeSync();
		}
	};
	return { run, close: async () => instance.closeSync() };
}

async function main(): Promise<void> {
	for (const [label, make] of [
		['the engine', async (p: Place) => engineRunner(p)],
		['a naive connection', naiveRunner]
	] as const) {
		const place = await preparePlace('sql-hostile-direct');
		const { run, close } = await make(place);
		const count = attacks(place).length;
		const before = await run("SELECT (SELECT count(*) FROM prices) AS n, (SELECT count(*) FROM duckdb_tables() WHERE table_name NOT IN ('prices', 'load_errors')) AS extra");
		const result = await breaches(run, place);
		const afterwards = before.ok && (await unchanged(run, before.text));
		for (const figure of figures('sql', `on ${label}`, result, afterwards, count)) console.log(`${figure.name}: ${figure.value}`);
		await close();
		await rm(place.root, { recursive: true, force: true });
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
