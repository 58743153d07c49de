import { availableParallelism } from 'node:os';
import { StatementType, type DuckDBConnection, type DuckDBInstance } from '@duckdb/node-api';
import { withoutDataDir } from '../data/without-paths';
import { bindParams } from './bind-params';
import { ArrowCollector } from './duckdb-arrow';
import { catalogSignature, scanCatalog, type HeaderCache } from './duckdb-catalog';
import { toSqlError } from './duckdb-errors';
import { createEngine, createReader, syncEngine, type LoadedFiles, type SyncReport } from './duckdb-load';
import { sqlLimits } from './limits';
import { SqlError, type SqlConnection, type SqlLimits, type SqlRequest, type SqlResult, type SqlTable } from './types';

export interface DuckDbOptions {
	dataDir: string;
	sampleDir: string | null;
	/** The engine's memory limit, fixed when it starts (the settings are locked after); default that of {@link sqlLimits}. */
	memoryBytes?: number;
	threads?: number;
	/** Told what each reload read and took out (by file label): the tests and the bench watch it. */
	onSync?: (report: SyncReport) => void;
}

/**
 * Queries running at once. DuckDB runs each on a thread of libuv's small pool (4 by default),
 * which file reads of every other route share: two slots leave the rest of the server its threads.
 */
const MAX_RUNNING = 2;
/** After interrupting, how long the answer waits for DuckDB to stop before saying so anyway. */
const INTERRUPT_GRACE_MS = 1000;

interface Engine {
	instance: DuckDBInstance;
	/** The private engine that reads files for {@link syncEngine}; no query runs on it. */
	reader: DuckDBInstance;
	loaded: LoadedFiles;
	signature: string | undefined;
	active: number;
}

/**
 * The embedded database, named `duckdb`: `prices(symbol, date, open, high, low, close, adj_close,
 * volume)` holding every price file of the data folder and the sample, a table per other CSV or
 * Parquet file of the data folder, and `load_errors(file, error)` for files that could not be
 * read. Loaded on first use (or by {@link SqlConnection.warm} when the server starts); the folders
 * are looked at before each query, and only files added, changed or removed since are read again
 * or taken out of the live engine, in one transaction (see {@link syncEngine}).
 *
 * A query is one SELECT statement (DuckDB's own parse says which; `PRAGMA version` counts, as DuckDB
 * runs it as `SELECT * FROM pragma_version()`), its `$n` parameters bound as values, on an engine
 * that can no longer touch files, the network, extensions or its settings. It is interrupted at
 * `timeoutMs`, read until `maxRows` (then `truncated`), and its memory is bounded by the engine's limit.
 */
export function createDuckDbConnection(options: DuckDbOptions): SqlConnection {
	const settings = {
		memoryBytes: options.memoryBytes ?? sqlLimits().memoryBytes,
		threads: options.threads ?? Math.min(4, availableParallelism())
	};
	const headers: HeaderCache = new Map();
	let engine: Promise<Engine> | undefined;
	let syncing: Promise<Engine> | undefined;
	let closed = false;
	const slots = new Slots(MAX_RUNNING);

	const hide = (text: string) => {
		const inData = withoutDataDir(text, options.dataDir);
		return options.sampleDir ? inData.split(options.sampleDir).join('sample') : inData;
	};

	async function current(): Promise<Engine> {
		if (closed) throw new SqlError('the database is closed', 'engine');
		engine ??= Promise.all([createEngine(settings), createReader(settings)]).then(([instance, reader]) => ({ instance, reader, loaded: new Map(), signature: undefined, active: 0 }));
		engine.catch(() => (engine = undefined));
		const live = await engine;
		for (;;) {
			const { files, problems } = await scanCatalog(options.dataDir, options.sampleDir, headers);
			const signature = catalogSignature(files);
			if (live.signature === signature) return live;
			// One sync at a time; a query arriving meanwhile waits for it, then looks at the folders again.
			if (syncing) {
				await syncing.catch(() => undefined);
				continue;
			}
			syncing = syncEngine(live.instance, live.reader, live.loaded, files, problems)
				.then((report) => {
					live.signature = signature;
					options.onSync?.(report);
					return live;
				})
				.finally(() => (syncing = undefined));
			return syncing;
		}
	}

	function closeEngine(live: Engine): void {
		live.instance.closeSync();
		live.reader.closeSync();
	}

	/**
	 * Runs `work` on a connection of the current engine, once one of the {@link MAX_RUNNING} slots
	 * is free (a `busy` timeout after `waitMs`). The answer may come before the engine is done (a
	 * query past its time limit); the connection, the slot and the engine are let go only when it is.
	 */
	async function withConnection<T>(waitMs: number, work: (connection: DuckDBConnection, hold: (running: Promise<unknown>) => void) => Promise<T>): Promise<T> {
		const release = await slots.take(waitMs);
		let used: Engine | undefined;
		let connection: DuckDBConnection | undefined;
		const held: Promise<unknown>[] = [];
		try {
			used = await current();
			used.active++;
			connection = await used.instance.connect();
			return await work(connection, (running) => held.push(running.catch(() => undefined)));
		} finally {
			const live = used;
			const open = connection;
			void Promise.all(held).then(() => {
				open?.closeSync();
				if (live) {
					live.active--;
					if (closed && live.active === 0) closeEngine(live);
				}
				release();
			});
		}
	}

	return {
		name: 'duckdb',
		async query(request: Omit<SqlRequest, 'database'>, limits: SqlLimits): Promise<SqlResult> {
			const started = performance.now();
			try {
				return await withConnection(limits.timeoutMs, async (connection, hold) => {
					let timedOut = false;
					const overTime = () => new SqlError(`the query ran over the ${limits.timeoutMs / 1000} s time limit and was stopped`, 'timeout');
					let answerLate!: (error: SqlError) => void;
					const late = new Promise<never>((_, reject) => (answerLate = reject));
					const timer = setTimeout(() => {
						timedOut = true;
						connection.interrupt();
						// DuckDB stops at its next check; one long step (a gigabyte repeat()) runs on
						// for a while, so the answer does not wait for it: the slot stays taken until it ends.
						setTimeout(() => answerLate(overTime()), INTERRUPT_GRACE_MS).unref();
					}, limits.timeoutMs);
					const work = (async () => {
						const collected = await run(connection, request, limits.maxRows);
						if (timedOut) throw overTime();
						return { ipc: collected.result.toIPC(), rows: collected.result.rows, truncated: collected.truncated, ms: Math.round(performance.now() - started) };
					})();
					hold(work);
					work.catch(() => undefined).finally(() => clearTimeout(timer));
					try {
						return await Promise.race([work, late]);
					} catch (e) {
						if (timedOut) throw overTime();
						throw e;
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
			return withConnection(sqlLimits().timeoutMs, async (connection) => {
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
		async warm(): Promise<void> {
			await withConnection(sqlLimits().timeoutMs, async () => undefined);
		},
		async close(): Promise<void> {
			closed = true;
			await syncing?.catch(() => undefined);
			const live = await engine?.catch(() => undefined);
			if (live && live.active === 0) closeEngine(live);
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

/** A counting semaphore whose waiters give up after a while: a busy engine answers `timeout`, never a queue without end. */
class Slots {
	private free: number;
	private readonly waiting: (() => void)[] = [];

	constructor(size: number) {
		this.free = size;
	}

	take(waitMs: number): Promise<() => void> {
		const release = () => {
			const next = this.waiting.shift();
			if (next) next();
			else this.free++;
		};
		if (this.free > 0) {
			this.free--;
			return Promise.resolve(release);
		}
		return new Promise((resolve, reject) => {
			const grant = () => {
				clearTimeout(timer);
				resolve(release);
			};
			const timer = setTimeout(() => {
				this.waiting.splice(this.waiting.indexOf(grant), 1);
				reject(new SqlError(`the database is busy with other queries; nothing started within ${waitMs / 1000} s: try again`, 'timeout'));
			}, waitMs);
			this.waiting.push(grant);
		});
	}
}
