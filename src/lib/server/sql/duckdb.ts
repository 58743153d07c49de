import { availableParallelism } from 'node:os';
import { StatementType, type DuckDBConnection, type DuckDBInstance } from '@duckdb/node-api';
import { withoutDataDir } from '../data/without-paths';
import { bindParams } from './bind-params';
import { ArrowCollector } from './duckdb-arrow';
import { catalogSignature, scanCatalog, type HeaderCache } from './duckdb-catalog';
import { toSqlError } from './duckdb-errors';
import { buildEngine, type SeriesCache } from './duckdb-load';
import { sqlLimits } from './limits';
import { SqlError, type SqlConnection, type SqlLimits, type SqlRequest, type SqlResult, type SqlTable } from './types';

export interface DuckDbOptions {
	dataDir: string;
	sampleDir: string | null;
	/** The engine's memory limit, fixed when it starts (the settings are locked after); default that of {@link sqlLimits}. */
	memoryBytes?: number;
	threads?: number;
}

interface Engine {
	instance: DuckDBInstance;
	signature: string;
	active: number;
	retired: boolean;
}

/**
 * The embedded database, named `duckdb`: `prices(symbol, date, open, high, low, close, adj_close,
 * volume)` holding every price file of the data folder and the sample, a table per other CSV or
 * Parquet file of the data folder, and `load_errors(file, error)` for files that could not be
 * read. Built on first use and rebuilt when a file is added, removed or changed (the folders are
 * looked at before each query; only new or changed files are read again).
 *
 * A query is one SELECT statement (DuckDB's own parse says which; `PRAGMA version` counts, as DuckDB
 * runs it as `SELECT * FROM pragma_version()`), its `$n` parameters bound as values, on an engine
 * that can no longer touch files, the network, extensions or its settings. It is interrupted at
 * `timeoutMs`, read until `maxRows` (then `truncated`), and its memory is bounded by the engine's limit.
 */
export function createDuckDbConnection(options: DuckDbOptions): SqlConnection {
	const settings = {
		memoryBytes: options.memoryBytes ?? sqlLimits().memoryBytes,
		threads: options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1))
	};
	const headers: HeaderCache = new Map();
	const series: SeriesCache = new Map();
	let engine: Engine | undefined;
	let building: Promise<Engine> | undefined;
	let closed = false;

	const hide = (text: string) => {
		const inData = withoutDataDir(text, options.dataDir);
		return options.sampleDir ? inData.split(options.sampleDir).join('sample') : inData;
	};

	async function current(): Promise<Engine> {
		if (closed) throw new SqlError('the database is closed', 'engine');
		const { files, problems } = await scanCatalog(options.dataDir, options.sampleDir, headers);
		const signature = catalogSignature(files);
		if (engine && engine.signature === signature) return engine;
		building ??= buildEngine(files, problems, settings, series)
			.then((instance) => {
				const previous = engine;
				engine = { instance, signature, active: 0, retired: false };
				if (previous) retire(previous);
				return engine;
			})
			.finally(() => (building = undefined));
		return building;
	}

	function retire(old: Engine): void {
		old.retired = true;
		if (old.active === 0) old.instance.closeSync();
	}

	/** Runs `work` on a connection of the current engine; the engine outlives it even when a reload retires it meanwhile. */
	async function withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
		const used = await current();
		used.active++;
		const connection = await used.instance.connect();
		try {
			return await work(connection);
		} finally {
			connection.closeSync();
			used.active--;
			if (used.retired && used.active === 0) used.instance.closeSync();
		}
	}

	return {
		name: 'duckdb',
		async query(request: Omit<SqlRequest, 'database'>, limits: SqlLimits): Promise<SqlResult> {
			const started = performance.now();
			try {
				return await withConnection(async (connection) => {
					let timedOut = false;
					const timer = setTimeout(() => {
						timedOut = true;
						connection.interrupt();
					}, limits.timeoutMs);
					try {
						const collector = await run(connection, request, limits.maxRows);
						if (timedOut) throw new Error('INTERRUPT Error: Interrupted!');
						const ipc = collector.result.toIPC();
						return { ipc, rows: collector.result.rows, truncated: collector.truncated, ms: Math.round(performance.now() - started) };
					} catch (e) {
						if (timedOut) throw new SqlError(`the query ran over the ${limits.timeoutMs / 1000} s time limit and was stopped`, 'timeout');
						throw e;
					} finally {
						clearTimeout(timer);
					}
				});
			} catch (e) {
				const error = toSqlError(e, request.sql, hide);
				if (error.kind === 'limit') {
					throw new SqlError(`the query needs more memory than the ${Math.round(settings.memoryBytes / 1024 / 1024)} MB limit (${error.message})`, 'limit');
				}
				throw error;
			}
		},
		async schema(): Promise<SqlTable[]> {
			return withConnection(async (connection) => {
				const reader = await connection.runAndReadAll(
					"SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
				);
				const tables = new Map<string, SqlTable>();
				for (const [table, column, type] of reader.getRows() as [string, string, string][]) {
					if (!tables.has(table)) tables.set(table, { name: table, columns: [] });
					tables.get(table)!.columns.push({ name: column, type });
				}
				return [...tables.values()];
			});
		},
		async close(): Promise<void> {
			closed = true;
			await building?.catch(() => undefined);
			if (engine) retire(engine);
			engine = undefined;
		}
	};
}

/** Parses, checks, binds and streams one statement, keeping at most `maxRows` rows. */
async function run(connection: DuckDBConnection, request: Omit<SqlRequest, 'database'>, maxRows: number): Promise<{ result: ArrowCollector; truncated: boolean }> {
	const statements = await connection.extractStatements(request.sql);
	if (statements.count !== 1) {
		throw new SqlError(`one statement per query: this text holds ${statements.count}`, 'refused');
	}
	const prepared = await statements.prepare(0);
	if (prepared.statementType !== StatementType.SELECT) {
		throw new SqlError(`only queries that read (SELECT, WITH, FROM …) run here; this is a ${StatementType[prepared.statementType]} statement`, 'refused');
	}
	bindParams(prepared, request.params ?? []);
	const result = await prepared.stream();
	const collector = new ArrowCollector(result);
	for (;;) {
		const chunk = await result.fetchChunk();
		if (!chunk || chunk.rowCount === 0) return { result: collector, truncated: false };
		const room = maxRows - collector.rows;
		if (room <= 0) return { result: collector, truncated: true };
		collector.add(chunk, Math.min(room, chunk.rowCount));
		if (chunk.rowCount > room) return { result: collector, truncated: true };
	}
}
