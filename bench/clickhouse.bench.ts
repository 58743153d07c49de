/**
 * A ClickHouse database (Debian's clickhouse-server 18.16, two shards on 127.0.0.1 as the tests
 * start them): a 1 M-row result from query to Arrow IPC bytes, as POST /api/sql answers it. 18.16
 * has no Arrow output: the answer comes as TabSeparatedWithNamesAndTypes, read into columns. Side by
 * side, the parts: the server answering each format (text received), and reading it (JSON.parse of
 * JSONCompact, which the connection used before, against tsvToIpc).
 * Run: `npx tsx bench/clickhouse.bench.ts`; skipped with a message without clickhouse-server.
 */
import { createClickHouseConnection } from '../src/lib/server/sql/clickhouse';
import { tsvToIpc, TSV_FORMAT } from '../src/lib/server/sql/clickhouse-tsv';
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
		const fetchText = async (format: string, retry = true): Promise<string> => {
			try {
				const response = await fetch(`${cluster.http[0]}?${new URLSearchParams({ default_format: format, wait_end_of_query: '1' })}`, { method: 'POST', body: SQL });
				return await response.text();
			} catch (e) {
				// A kept-alive socket the server closed meanwhile (as the connection itself retries).
				if (retry) return fetchText(format, false);
				throw e;
			}
		};
		for (const format of ['JSONCompact', TSV_FORMAT]) {
			let text = '';
			const received = await medianMs(async () => (text = await fetchText(format)), 3, 1);
			const read = await medianMs(() => (format === 'JSONCompact' ? JSON.parse(text) : tsvToIpc(text, ROWS, 'UTC')), 3, 1);
			console.log(row(`  ${format}: server → text received (${(text.length / 1e6).toFixed(0)} MB, median of 3)`, received));
			console.log(row(`  ${format}: ${format === 'JSONCompact' ? 'JSON.parse alone (rows, no Arrow yet)' : 'tsvToIpc (columns → Arrow bytes)'}`, read));
		}
	} finally {
		await cluster.stop();
	}
}
