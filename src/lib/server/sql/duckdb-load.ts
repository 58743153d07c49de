import { readFile } from 'node:fs/promises';
import { DATE, DOUBLE, DuckDBDataChunk, DuckDBInstance, VARCHAR, dateValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { parsePriceSeries } from '../../data/parse-price-csv';
import type { PriceColumn, PriceSeries } from '../../data/series';
import type { CatalogFile, CatalogProblem } from './duckdb-catalog';

export interface EngineSettings {
	memoryBytes: number;
	threads: number;
}

/** The columns of `prices`, and where each comes from in a parsed series. */
const PRICE_COLUMNS: [string, PriceColumn][] = [
	['open', 'open'],
	['high', 'high'],
	['low', 'low'],
	['close', 'close'],
	['adj_close', 'adjClose'],
	['volume', 'volume']
];
const DAY_MS = 86_400_000;

/** What the live engine holds: by `price:<symbol>` or `table:<name>`, the file's stamp and why it failed to load, if it did. */
export type LoadedFiles = Map<string, { stamp: string; problem?: CatalogProblem }>;

/** What one {@link syncEngine} did, by file label: read again or for the first time, and taken out. */
export interface SyncReport {
	loaded: string[];
	dropped: string[];
}

const OPTIONS = {
	memory_limit: '',
	// In memory with no temporary folder: a query over the memory limit fails instead of spilling to disk.
	temp_directory: '',
	autoinstall_known_extensions: 'false',
	autoload_known_extensions: 'false',
	allow_community_extensions: 'false',
	// Settings a query can read: none may name a folder of this machine.
	home_directory: '',
	extension_directory: '',
	allow_persistent_secrets: 'false',
	secret_directory: 'none'
};

function options(settings: EngineSettings): Record<string, string> {
	return { ...OPTIONS, threads: String(settings.threads), memory_limit: `${Math.floor(settings.memoryBytes / 1024 / 1024)}MB` };
}

/**
 * The engine queries run on: an in-memory DuckDB with empty `prices` and `load_errors` tables,
 * locked before anything else happens (no file, network or extension access, settings frozen).
 * It never reads a file itself, so no view points at a path a query could read or show: price
 * bars are appended from our parser and other tables copied in from the {@link createReader}
 * engine, by {@link syncEngine}, inside a transaction, so a query sees the folder before or after
 * a change, never half of it.
 */
export async function createEngine(settings: EngineSettings): Promise<DuckDBInstance> {
	const instance = await DuckDBInstance.create(':memory:', options(settings));
	const setup = await instance.connect();
	try {
		await setup.run(
			'CREATE TABLE prices (symbol VARCHAR, date DATE, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, adj_close DOUBLE, volume DOUBLE)'
		);
		await setup.run('CREATE TABLE load_errors (file VARCHAR, error VARCHAR)');
		await setup.run('SET enable_external_access = false');
		await setup.run('SET lock_configuration = true');
		return instance;
	} catch (e) {
		instance.closeSync();
		throw e;
	} finally {
		setup.closeSync();
	}
}

/**
 * A second engine, private to the server, that may read files: it reads each CSV or Parquet file
 * of the catalog (by the path the catalog found, never a path from a query) for {@link syncEngine}
 * to copy into the locked engine. No notebook query ever runs on it.
 */
export async function createReader(settings: EngineSettings): Promise<DuckDBInstance> {
	return DuckDBInstance.create(':memory:', options(settings));
}

/**
 * Brings the locked engine to `files`: only files added, changed (mtime or size) or removed since
 * `loaded` are read or taken out; `load_errors` is rewritten. All of it in one transaction (rolled
 * back on an engine error, leaving `loaded` as it was); a file that cannot be read is listed in
 * `load_errors`, and its old rows are gone.
 */
export async function syncEngine(
	engine: DuckDBInstance,
	reader: DuckDBInstance,
	loaded: LoadedFiles,
	files: CatalogFile[],
	scanned: CatalogProblem[]
): Promise<SyncReport> {
	const wanted = new Map(files.map((file) => [keyOf(file), file]));
	const report: SyncReport = { loaded: [], dropped: [] };
	const removed = [...loaded.keys()].filter((key) => !wanted.has(key));
	const changed = files.filter((file) => loaded.get(keyOf(file))?.stamp !== stampOf(file));
	const next: LoadedFiles = new Map([...loaded].filter(([key]) => wanted.has(key)));

	// Everything that can fail on a bad file happens before the transaction, which then only appends.
	const series = new Map<CatalogFile, PriceSeries>();
	const staged = new Map<CatalogFile, Staged>();
	const read = await reader.connect();
	try {
		for (const file of changed) {
			try {
				if (file.kind === 'price') series.set(file, parsePriceSeries(await readFile(file.path, 'utf8'), file.label).series);
				else staged.set(file, await stage(read, file, staged.size));
				next.set(keyOf(file), { stamp: stampOf(file) });
			} catch (e) {
				next.set(keyOf(file), { stamp: stampOf(file), problem: { file: file.label, error: firstParagraph(e).split(file.path).join(file.label) } });
			}
		}

		const write = await engine.connect();
		try {
			await write.run('BEGIN TRANSACTION');
			try {
				for (const key of [...removed, ...changed.map(keyOf)]) {
					const [kind, name] = splitKey(key);
					if (kind === 'price') await write.run(`DELETE FROM prices WHERE symbol = ${literal(name)}`);
					else await write.run(`DROP TABLE IF EXISTS ${identifier(name)}`);
				}
				await appendPrices(write, series);
				for (const [file, table] of staged) await copyTable(read, table, write, file.name);
				await write.run('DELETE FROM load_errors');
				const problems = [...scanned, ...[...next.values()].flatMap((entry) => (entry.problem ? [entry.problem] : []))];
				const appender = await write.createAppender('load_errors');
				for (const problem of problems) {
					appender.appendVarchar(problem.file);
					appender.appendVarchar(problem.error);
					appender.endRow();
				}
				appender.closeSync();
				await write.run('COMMIT');
			} catch (e) {
				await write.run('ROLLBACK').catch(() => undefined);
				throw e;
			}
		} finally {
			write.closeSync();
		}
	} finally {
		for (const { table } of staged.values()) await read.run(`DROP TABLE IF EXISTS ${identifier(table)}`).catch(() => undefined);
		read.closeSync();
	}
	loaded.clear();
	for (const [key, entry] of next) loaded.set(key, entry);
	report.loaded = changed.map((file) => file.label);
	report.dropped = removed.map((key) => splitKey(key)[1]);
	return report;
}

/** Prices by symbol; every other file by its table name, in the one name space tables share. */
function keyOf(file: CatalogFile): string {
	return file.kind === 'price' ? `price:${file.name}` : `table:${file.name}`;
}

function splitKey(key: string): [string, string] {
	const at = key.indexOf(':');
	return [key.slice(0, at), key.slice(at + 1)];
}

function stampOf(file: CatalogFile): string {
	return `${file.kind}:${file.label}:${file.mtimeMs}:${file.size}`;
}

interface Staged {
	table: string;
	/** The column definitions DuckDB inferred, as CREATE TABLE takes them (tried on the reader first). */
	columns: string;
}

/** Reads a CSV or Parquet file into a table of the reader engine, so a bad file fails here and not in the engine's transaction. */
async function stage(read: DuckDBConnection, file: CatalogFile, n: number): Promise<Staged> {
	const table = `staged_${n}`;
	const reader = file.kind === 'table' ? 'read_csv' : 'read_parquet';
	await read.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${reader}(${literal(file.path)})`);
	const result = await read.run(`SELECT * FROM ${table} LIMIT 0`);
	const columns = result.columnNames().map((column, i) => `${identifier(column)} ${result.columnType(i).toString()}`).join(', ');
	await read.run(`CREATE OR REPLACE TEMP TABLE staged_check (${columns})`);
	await read.run('DROP TABLE staged_check');
	return { table, columns };
}

/** Copies a staged table into the engine chunk by chunk, with the column names and types DuckDB inferred. */
async function copyTable(read: DuckDBConnection, from: Staged, write: DuckDBConnection, name: string): Promise<void> {
	await write.run(`CREATE TABLE ${identifier(name)} (${from.columns})`);
	const result = await read.stream(`SELECT * FROM ${from.table}`);
	const appender = await write.createAppender(name);
	for (;;) {
		const chunk = await result.fetchChunk();
		if (!chunk || chunk.rowCount === 0) break;
		appender.appendDataChunk(chunk);
	}
	appender.closeSync();
}

/** Appends parsed price series to `prices`, chunk by chunk. */
async function appendPrices(connection: DuckDBConnection, series: Map<CatalogFile, PriceSeries>): Promise<void> {
	const appender = await connection.createAppender('prices');
	const types = [VARCHAR, DATE, ...PRICE_COLUMNS.map(() => DOUBLE)];
	const size = 2048;
	for (const [file, { dates, columns: values }] of series) {
		for (let from = 0; from < dates.length; from += size) {
			const to = Math.min(dates.length, from + size);
			const columns: DuckDBValue[][] = [new Array(to - from).fill(file.name), Array.from(dates.subarray(from, to), (ms) => dateValue(Math.round(ms / DAY_MS)))];
			for (const [, source] of PRICE_COLUMNS) {
				const column = values[source];
				columns.push(column ? Array.from(column.subarray(from, to)) : new Array(to - from).fill(null));
			}
			const chunk = DuckDBDataChunk.create(types, to - from);
			chunk.setColumns(columns);
			appender.appendDataChunk(chunk);
		}
	}
	appender.closeSync();
}

function identifier(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

function literal(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}

function firstParagraph(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split(/\n\s*\n/)[0].trim();
}
