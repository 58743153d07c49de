/**
 * The embedded DuckDB: a 1 M-row result from query to Arrow IPC bytes (as POST /api/sql answers
 * it), and the same bytes read back into an arquero table (as the frame reads them).
 * Run: `npx tsx bench/sql.bench.ts`. The query makes its rows (no files), so the figure is the
 * engine's and the conversion's, not the disk's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { fromArrow } from 'arquero';
import { createDuckDbConnection } from '../src/lib/server/sql/duckdb';
import { medianMs, row } from './stats';

const ROWS = 1_000_000;
const SQL = `SELECT 'S' || (range % 3000) AS symbol, DATE '2000-01-03' + (range // 3000)::INTEGER AS date,
  100 + (range % 977) / 10 AS close, (range % 100000)::BIGINT AS volume
FROM range(${ROWS})`;

const dir = mkdtempSync(join(tmpdir(), 'tape-sql-bench-'));
const db = createDuckDbConnection({ dataDir: dir, sampleDir: null });
try {
	const limits = { maxRows: ROWS, timeoutMs: 120_000, memoryBytes: 1024 * 1024 * 1024 };
	let bytes = 0;
	let rows = 0;
	let ipc = new Uint8Array();
	const toArrow = await medianMs(
		async () => {
			const result = await db.query({ sql: SQL, params: [] }, limits);
			({ ipc, rows } = result);
			bytes = ipc.byteLength;
		},
		5,
		1
	);
	const read = await medianMs(() => fromArrow(ipc), 5, 1);
	// The engine's own share: the same rows streamed out of a bare DuckDB, no conversion.
	const bare = await DuckDBInstance.create(':memory:');
	const connection = await bare.connect();
	const engineOnly = await medianMs(
		async () => {
			const result = await connection.stream(SQL);
			while (((await result.fetchChunk())?.rowCount ?? 0) > 0);
		},
		5,
		1
	);
	connection.closeSync();
	bare.closeSync();
	console.log(`\nSQL (embedded DuckDB), ${rows.toLocaleString('en')} rows × 4 columns, ${(bytes / 1024 / 1024).toFixed(1)} MB of Arrow`);
	console.log(row('query → Arrow IPC bytes (median of 5)', toArrow));
	console.log(row('  of which DuckDB streaming the rows, no conversion', engineOnly));
	console.log(row('Arrow IPC → arquero table (fromArrow, median of 5)', read));
} finally {
	await db.close();
	rmSync(dir, { recursive: true, force: true });
}
