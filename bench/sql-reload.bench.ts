/**
 * The embedded DuckDB loading the data folder: the first query on a cold engine (the wait a
 * server's start-up warm() takes off the first SQL cell), a query after warm(), and a query after
 * one price file changed (only that file is read again) or after nothing changed.
 * Run: `npx tsx bench/sql-reload.bench.ts` (reads TAPE_DATA_DIR, default ../shared/data/prices,
 * copied to a temp folder so a file can be changed).
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDuckDbConnection } from '../src/lib/server/sql/duckdb';
import { medianMs, row } from './stats';

const source = resolve(process.cwd(), process.env.TAPE_DATA_DIR ?? '../shared/data/prices');
const dir = mkdtempSync(join(tmpdir(), 'tape-sql-reload-'));
const csvs = readdirSync(source).filter((file) => file.toLowerCase().endsWith('.csv'));
for (const file of csvs) copyFileSync(join(source, file), join(dir, file));
const limits = { maxRows: 1000, timeoutMs: 120_000, memoryBytes: 1024 * 1024 * 1024 };
const SQL = 'SELECT symbol, count(*) AS n FROM prices GROUP BY symbol';
const timed = async (fn: () => Promise<unknown>) => {
	const t0 = performance.now();
	await fn();
	return performance.now() - t0;
};

const cold = createDuckDbConnection({ dataDir: dir, sampleDir: null });
const warmed = createDuckDbConnection({ dataDir: dir, sampleDir: null });
try {
	const first = await timed(() => cold.query({ sql: SQL, params: [] }, limits));
	const warming = await timed(async () => warmed.warm?.());
	const afterWarm = await timed(() => warmed.query({ sql: SQL, params: [] }, limits));
	const changed = csvs.includes('SPY.csv') ? 'SPY.csv' : csvs[0];
	let tick = 0;
	const oneFile = await medianMs(
		async () => {
			const later = new Date(Date.now() + 60_000 * ++tick);
			utimesSync(join(dir, changed), later, later);
			await cold.query({ sql: SQL, params: [] }, limits);
		},
		5,
		1
	);
	const unchanged = await medianMs(() => cold.query({ sql: SQL, params: [] }, limits), 5, 1);
	console.log(`\nSQL (embedded DuckDB) loading ${csvs.length} CSV files of ${source}`);
	console.log(row('first query, cold engine (loads the folder)', first));
	console.log(row('warm() at server start (in the background)', warming));
	console.log(row('first query after warm()', afterWarm));
	console.log(row(`query after one file changed (${changed}, median of 5)`, oneFile));
	console.log(row('query, nothing changed (median of 5)', unchanged));
} finally {
	await cold.close();
	await warmed.close();
	rmSync(dir, { recursive: true, force: true });
}
