/**
 * Part 5 (server side), ClickHouse: hostile SQL through the built server's POST /api/sql to a
 * database declared in `tape.databases.json`, answered by two real clickhouse-server processes
 * (shards of one cluster, as in test/unit/server/sql/clickhouse.test.ts). A breach is a hostile
 * query that ran (a write, a setting, a file/url/remote table function), a change to the shards'
 * rows, the user's password in any answer, or a runaway query the limits did not cut.
 * Without clickhouse-server it is skipped, except under CI=true where it counts as a failure.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findClickHouseServer, READER, startCluster } from '../unit/server/sql/clickhouse-cluster';
import { freePort, TapeServer } from './server';
import { Tally, tempRoot, type Figure } from './util';

const part = 'security';

const HOSTILE: Array<{ sql: string; params?: unknown[] }> = [
	{ sql: 'DROP TABLE bars_local' },
	{ sql: 'TRUNCATE TABLE bars_local' },
	{ sql: "INSERT INTO bars_local (symbol) VALUES ('X')" },
	{ sql: 'ALTER TABLE bars_local DELETE WHERE 1' },
	{ sql: 'CREATE TABLE planted (x UInt8) ENGINE = Memory' },
	{ sql: 'RENAME TABLE bars_local TO gone' },
	{ sql: 'SET readonly = 0' },
	{ sql: 'SELECT count() FROM bars_local SETTINGS readonly = 0' },
	{ sql: "SELECT * FROM file('/etc/passwd', 'CSV', 'line String')" },
	{ sql: "SELECT * FROM url('http://127.0.0.1:9/', 'CSV', 'x String')" },
	{ sql: "SELECT * FROM remote('127.0.0.1', system.one)" },
	{ sql: 'SELECT * FROM numbers(10)' },
	{ sql: "SELECT 1; DROP TABLE bars_local" },
	{ sql: 'SELECT ? AS v', params: ["x'; DROP TABLE bars_local; --"] },
	{ sql: 'SELECT ? AS v', params: ["\\'); DROP TABLE bars_local; --"] },
	{ sql: 'SELECT count() FROM bars WHERE date > ?', params: [{ date: "2020-01-01') OR 1=1 --" }] }
];
/** Parameter injections answer 200 with the value itself; the rest must be refused. */
const answersWithValue = (q: { sql: string; params?: unknown[] }) => q.params !== undefined && q.sql.startsWith('SELECT ? AS v');

export async function clickhouseSql(): Promise<Figure[]> {
	const binary = findClickHouseServer();
	if (!binary) {
		if (process.env.CI === 'true') return [{ part, name: 'ClickHouse: clickhouse-server missing in CI', value: 1, mustBeZero: true }];
		console.log('  ClickHouse: clickhouse-server not installed; skipped');
		return [{ part, name: 'ClickHouse: skipped (no clickhouse-server)', value: 'skipped' }];
	}
	const cluster = await startCluster(binary);
	let server: TapeServer | undefined;
	try {
		for (const shard of [0, 1] as const) {
			await cluster.exec(shard, 'CREATE DATABASE market');
			await cluster.exec(shard, 'CREATE TABLE market.bars_local (symbol String, date Date, close Float64) ENGINE = MergeTree ORDER BY (symbol, date)');
			const rows = Array.from({ length: 500 }, (_, i) => `S${shard}\t${new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10)}\t${100 + i}`);
			await cluster.exec(shard, 'INSERT INTO market.bars_local FORMAT TabSeparated', `${rows.join('\n')}\n`);
		}
		await cluster.exec(0, 'CREATE TABLE market.bars AS market.bars_local ENGINE = Distributed(tape_pair, market, bars_local)');
		const counts = () => Promise.all([0, 1].map((s) => cluster.exec(s as 0 | 1, 'SELECT count() FROM market.bars_local')));
		const before = await counts();

		const root = await tempRoot('clickhouse');
		await mkdir(path.join(root, 'notebooks'));
		await mkdir(path.join(root, 'prices'));
		const host = new URL(cluster.http[0]).host;
		await writeFile(path.join(root, 'tape.databases.json'), JSON.stringify({ warehouse: `clickhouse://${READER.user}:${encodeURIComponent(READER.password)}@${host}/market` }));
		server = await TapeServer.start({
			notebooksDir: path.join(root, 'notebooks'),
			dataDir: path.join(root, 'prices'),
			port: await freePort(),
			env: { TAPE_SQL_TIMEOUT_MS: '2000', TAPE_SQL_MEMORY_MB: '64' }
		});
		const origin = `http://127.0.0.1:${server.port}`;
		const post = (body: unknown, timeoutMs = 15_000) =>
			server!.client.request({ method: 'POST', path: '/api/sql', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ database: 'warehouse', params: [], ...(body as object) }), timeoutMs });
		const ran = new Tally();
		const leaked = new Tally();
		const uncut = new Tally();
		const secrets = [READER.password, encodeURIComponent(READER.password)];
		const leaks = (text: string) => secrets.some((s) => text.includes(s));

		const control = await post({ sql: 'SELECT symbol, count() AS n FROM bars GROUP BY symbol' });
		if (control.status !== 200) ran.fail(`the control query failed (${control.status}): ${control.body.slice(0, 200)}`);
		for (const query of HOSTILE) {
			const res = await post(query);
			if (answersWithValue(query) ? res.status !== 200 : res.status === 200) ran.fail(`${query.sql} ${JSON.stringify(query.params ?? [])} → ${res.status}`);
			if (leaks(res.body)) leaked.fail(`${query.sql}: the password in the answer`);
		}
		// A syntax error repeats the rest of the query: here a comment with the password.
		const echo = await post({ sql: `SELECT FROM FROM /* ${READER.password} */` });
		if (leaks(echo.body)) leaked.fail('a syntax error repeated the password');
		for (const [sql, status] of [
			['SELECT count() FROM system.numbers', 408],
			['SELECT groupArray(number) FROM (SELECT number FROM system.numbers LIMIT 50000000)', 413]
		] as const) {
			const started = Date.now();
			const res = await post({ sql }, 20_000).catch(() => undefined);
			if (res?.status !== status) uncut.fail(`${sql} → ${res?.status ?? 'no answer'} after ${Date.now() - started} ms`);
		}
		const after = await counts();
		if (after.join() !== before.join()) ran.fail(`the shards' rows changed: ${before.join(',')} → ${after.join(',')}`);
		if ((await cluster.exec(0, 'EXISTS TABLE market.planted')).trim() !== '0') ran.fail('a table was created');
		for (const t of [ran, leaked, uncut]) for (const p of t.problems) console.log(`  ClickHouse: ${p}`);
		return [
			{ part, name: `ClickHouse (2 shards): hostile queries tried`, value: HOSTILE.length + 3 },
			{ part, name: '  that ran or changed rows (writes, settings, file/url/remote, injections)', value: ran.count, mustBeZero: true },
			{ part, name: '  answers holding the database password', value: leaked.count, mustBeZero: true },
			{ part, name: '  runaway queries not cut by the time or memory limit', value: uncut.count, mustBeZero: true }
		];
	} finally {
		await server?.stop();
		await cluster.stop();
	}
}
