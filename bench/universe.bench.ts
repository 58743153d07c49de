/**
 * Research across a universe on generated data: SYMBOLS × YEARS of daily bars (default 3,000 ×
 * 20, about 15 M rows) written as Parquet in a temp folder with DuckDB, then
 * (a) a DuckDB query for each symbol's first new closing highs after 252 sessions without one,
 *     and a pooled event study of those events with the research library;
 * (b) one analogue window (the first symbol's last 120 sessions) searched across every symbol;
 * and the same work in numpy (bench/numpy_side.py) in the same run. Prints times and memory.
 * Smaller: TAPE_BENCH_SYMBOLS=300 TAPE_BENCH_YEARS=10 npm run bench -- universe
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { table } from 'arquero';
import { analogues, eventStudy } from '../src/lib/research/index.js';
import { numpySide } from './numpy.js';

const symbols = Number(process.env.TAPE_BENCH_SYMBOLS ?? 3000);
const sessions = Number(process.env.TAPE_BENCH_YEARS ?? 20) * 252;
const window = 120;
const bootstrap = 1000;
const horizons = [21, 63, 126];

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GB`;

/** Wall and CPU seconds (this process, DuckDB's threads included): on a shared machine the CPU figure is the steadier. */
async function timed<T>(label: string, run: () => Promise<T> | T): Promise<T> {
	const start = performance.now();
	const cpu = process.cpuUsage();
	const result = await run();
	sample();
	const used = process.cpuUsage(cpu);
	const seconds = (x: number) => x.toFixed(2).padStart(7);
	console.log(`  ${label.padEnd(62)} ${seconds((performance.now() - start) / 1000)} s wall ${seconds((used.user + used.system) / 1e6)} s cpu   rss ${gb(process.memoryUsage().rss)}`);
	return result;
}

/** Numeric columns of a query, read chunk by chunk into typed arrays. */
async function columns(connection: DuckDBConnection, sql: string, rows: number, count: number): Promise<Float64Array[]> {
	const result = await connection.run(sql);
	const out = Array.from({ length: count }, () => new Float64Array(rows));
	let at = 0;
	for (let chunk; (chunk = await result.fetchChunk()) && chunk.rowCount > 0; at += chunk.rowCount) {
		for (let c = 0; c < count; c++) out[c].set(chunk.getColumnValues(c) as number[], at);
	}
	return out.map((column) => column.subarray(0, at));
}

const folder = mkdtempSync(join(tmpdir(), 'tape-bench-universe-'));
const parquet = join(folder, 'prices.parquet');
const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '3GB', temp_directory: join(folder, 'spill') });
const connection = await instance.connect();
try {
	console.log(`universe: ${symbols} symbols × ${sessions} sessions = ${(symbols * sessions / 1e6).toFixed(1)} M rows (generated random walks)`);
	await timed('generate and write Parquet (DuckDB)', () => connection.run(`
		SELECT setseed(0.42);
		COPY (
			WITH walk AS (
				SELECT s.range AS sid, d.range AS i,
					0.0003 + (0.01 + 0.02 * ((s.range * 7919) % 100) / 100) * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS ret
				FROM range(${symbols}) s, range(${sessions}) d
			), priced AS (
				SELECT sid, i, 100 * exp(sum(ret) OVER (PARTITION BY sid ORDER BY i ROWS UNBOUNDED PRECEDING)) AS close FROM walk
			)
			SELECT 'S' || lpad(sid::VARCHAR, 4, '0') AS symbol, DATE '1990-01-01' + i::INTEGER AS date,
				close * (1 + 0.004 * (random() - 0.5)) AS open, close * (1 + 0.005 * random()) AS high, close * (1 - 0.005 * random()) AS low,
				close, close AS adj_close, (1e5 + 1e6 * random())::BIGINT AS volume
			FROM priced
		) TO '${parquet}' (FORMAT parquet)`));
	await connection.run(`CREATE VIEW prices AS SELECT * FROM read_parquet('${parquet}')`);

	console.log('(a) first new highs after 252 sessions without one, then a pooled event study');
	const eventsSql = `
		WITH numbered AS (
			SELECT symbol, dense_rank() OVER (ORDER BY symbol) - 1 AS sid, date, close, row_number() OVER w AS i,
				max(close) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
			FROM prices WINDOW w AS (PARTITION BY symbol ORDER BY date)
		), highs AS (
			SELECT sid, i, i - lag(i) OVER (PARTITION BY symbol ORDER BY i) AS gap FROM numbered WHERE close > before
		)
		SELECT sid::DOUBLE, (i - 1)::DOUBLE AS row FROM highs WHERE gap > 252 ORDER BY sid, row`;
	const [eventSymbol, eventRow] = await timed('DuckDB query: the events', () => columns(connection, eventsSql, symbols * sessions, 2));
	const [sid, date, close] = await timed('DuckDB → typed arrays: symbol id, date (epoch ms), close', () =>
		columns(connection, 'SELECT (dense_rank() OVER (ORDER BY symbol) - 1)::DOUBLE, epoch_ms(date)::DOUBLE, close FROM prices ORDER BY symbol, date', symbols * sessions, 3));
	// Every symbol has `sessions` rows in order, so an event's row in the long table is sid × sessions + row.
	const mask = new Uint8Array(close.length);
	for (let k = 0; k < eventSymbol.length; k++) mask[eventSymbol[k] * sessions + eventRow[k]] = 1;
	const universe = table({ symbol: Int32Array.from(sid), date, close });
	const study = await timed(`eventStudy, ${eventSymbol.length} events, ${horizons.length} horizons × ${bootstrap} resamples, per symbol`, () =>
		eventStudy(universe, mask, { horizons, bootstrap }));
	for (const h of horizons) {
		const s = study.byHorizon[h];
		console.log(`    h ${h}: n ${s.n}, clusters ${s.clusters}, mean ${(s.mean * 100).toFixed(2)}% vs baseline ${(s.baselineMean * 100).toFixed(2)}%, 95% CI ${(s.ciLow * 100).toFixed(2)}…${(s.ciHigh * 100).toFixed(2)}%, p ${s.pValue.toFixed(3)}`);
	}
	console.log(`    ${study.universe!.note}`);

	console.log(`(b) one window of ${window} sessions (symbol 0's last) searched across all symbols`);
	const found = await timed('analogues across the universe, top 10', () => analogues(universe, { symbol: '0', window, top: 10 }));
	console.log(`    best: symbol ${found.matches[0].symbol} from ${found.matches[0].start.toISOString().slice(0, 10)}, r = ${found.matches[0].similarity.toFixed(4)}; ${found.universe!.windows} windows`);

	const closes = join(folder, 'closes.f64');
	writeFileSync(closes, close);
	const numpy = numpySide<{ eventStudyMs: number; eventStudyCpuMs: number; events: number; analogueMs: number; analogueCpuMs: number; study: Record<number, { n: number; mean: number }>; best: { symbol: number; similarity: number } }>(
		'universe', closes, String(symbols), String(sessions), String(window), String(bootstrap));
	if (numpy) {
		console.log('numpy, same data, same run:');
		console.log(`  (a) events + pooled study (cluster bootstrap CI, no null draws): ${(numpy.eventStudyMs / 1000).toFixed(2)} s wall ${(numpy.eventStudyCpuMs / 1000).toFixed(2)} s cpu, ${numpy.events} events; n at ${horizons[1]}: ${numpy.study[horizons[1]].n}, mean ${(numpy.study[horizons[1]].mean * 100).toFixed(2)}%`);
		console.log(`  (b) MASS in every symbol, top 10: ${(numpy.analogueMs / 1000).toFixed(2)} s wall ${(numpy.analogueCpuMs / 1000).toFixed(2)} s cpu; best symbol ${numpy.best.symbol}, r = ${numpy.best.similarity.toFixed(4)}`);
	}
	console.log(`  peak rss of this process: ${gb(peakRss)}`);
} finally {
	connection.closeSync();
	instance.closeSync();
	rmSync(folder, { recursive: true, force: true });
}
