/**
 * A ClickHouse database (Debian's clickhouse-server 18.16, two shards on 127.0.0.1 as the tests
 * start them): a 1 M-row result from query to Arrow IPC bytes, as POST /api/sql answers it. 18.16
 * has no Arrow output, so the figure is the server's JSONCompact, JSON.parse and the conversion.
 * Run: `npx tsx bench/clickhouse.bench.ts`; skipped with a message without clickhouse-server.
 */
import { createClickHouseConnection } from '../src/lib/server/sql/clickhouse';
import { findClickHouseServer, startCluster } from '../test/unit/server/sql/clickhouse-cluster';
import { medianMs, row } from './stats';

const ROWS = 1_000_000;
// The same shape as the DuckDB bench (bench/sql.bench.ts), made by the server (no table).
const SQL = `SELECT concat('S', toString(number % 3000)) AS symbol, toDate('2000-01-03') + intDiv(number, 3000) AS date,
  100 + (number % 977) / 10 AS close, number % 100000 AS volume
FROM system.numbers LIMIT ${ROWS}`;

const binary = findClickHouseServer();
if (!binary) {
	console.log('\nSQL (ClickHouse): skipped, clickhouse-server is not installed (apt-get install clickhouse-server)');
} else {
	const cluster = await startCluster(binary);
	try {
		const db = createClickHouseConnection('bench', `clickhouse://${new URL(cluster.http[0]).host}/default`);
		const limits = { maxRows: ROWS, timeoutMs: 120_000, memoryBytes: 2 * 1024 * 1024 * 1024 };
		let bytes = 0;
		let rows = 0;
		const ms = await medianMs(
			async () => {
				const result = await db.query({ sql: SQL, params: [] }, limits);
				rows = result.rows;
				bytes = result.ipc.byteLength;
			},
			3,
			1
		);
		console.log(`\nSQL (ClickHouse 18.16 over HTTP), ${rows.toLocaleString('en')} rows × 4 columns, ${(bytes / 1024 / 1024).toFixed(1)} MB of Arrow`);
		console.log(row('query → Arrow IPC bytes (median of 3)', ms));
	} finally {
		await cluster.stop();
	}
}
