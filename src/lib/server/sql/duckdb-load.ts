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

/** Parsed price files by path, kept while their mtime and size stay the same. */
export type SeriesCache = Map<string, { mtimeMs: number; size: number; series: PriceSeries }>;

/**
 * A fresh in-memory DuckDB holding `files`, then locked: every table is copied in while the
 * engine may still read files, and afterwards it may not (no file, network or extension access,
 * settings frozen). So no view points at a path a query could read or show, and a reload builds
 * a new instance instead of reopening this one. Files that fail to load are listed in
 * `load_errors(file, error)` next to the tables that did.
 */
export async function buildEngine(files: CatalogFile[], scanned: CatalogProblem[], settings: EngineSettings, cache: SeriesCache): Promise<DuckDBInstance> {
	const instance = await DuckDBInstance.create(':memory:', {
		threads: String(settings.threads),
		memory_limit: `${Math.floor(settings.memoryBytes / 1024 / 1024)}MB`,
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
	});
	const setup = await instance.connect();
	try {
		const problems = [...scanned];
		await loadPrices(setup, files.filter((f) => f.kind === 'price'), cache, problems);
		for (const file of files) {
			if (file.kind === 'price') continue;
			const reader = file.kind === 'table' ? 'read_csv' : 'read_parquet';
			try {
				await setup.run(`CREATE TABLE ${identifier(file.name)} AS SELECT * FROM ${reader}(${literal(file.path)})`);
			} catch (e) {
				problems.push({ file: file.label, error: firstParagraph(e).split(file.path).join(file.label) });
			}
		}
		await setup.run('CREATE TABLE load_errors (file VARCHAR, error VARCHAR)');
		const appender = await setup.createAppender('load_errors');
		for (const problem of problems) {
			appender.appendVarchar(problem.file);
			appender.appendVarchar(problem.error);
			appender.endRow();
		}
		appender.closeSync();
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

/** Parses every price file with the project's own reader (every layout it accepts) and appends the bars chunk by chunk. */
async function loadPrices(connection: DuckDBConnection, files: CatalogFile[], cache: SeriesCache, problems: CatalogProblem[]): Promise<void> {
	await connection.run(
		'CREATE TABLE prices (symbol VARCHAR, date DATE, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, adj_close DOUBLE, volume DOUBLE)'
	);
	const appender = await connection.createAppender('prices');
	const types = [VARCHAR, DATE, ...PRICE_COLUMNS.map(() => DOUBLE)];
	const size = 2048;
	for (const file of files) {
		let series: PriceSeries;
		try {
			series = await parsed(file, cache);
		} catch (e) {
			problems.push({ file: file.label, error: (e as Error).message.split(file.path).join(file.label) });
			continue;
		}
		for (let from = 0; from < series.dates.length; from += size) {
			const to = Math.min(series.dates.length, from + size);
			const columns: DuckDBValue[][] = [new Array(to - from).fill(file.name), Array.from(series.dates.subarray(from, to), (ms) => dateValue(Math.round(ms / DAY_MS)))];
			for (const [, source] of PRICE_COLUMNS) {
				const values = series.columns[source];
				columns.push(values ? Array.from(values.subarray(from, to)) : new Array(to - from).fill(null));
			}
			const chunk = DuckDBDataChunk.create(types, to - from);
			chunk.setColumns(columns);
			appender.appendDataChunk(chunk);
		}
	}
	appender.closeSync();
}

async function parsed(file: CatalogFile, cache: SeriesCache): Promise<PriceSeries> {
	const known = cache.get(file.path);
	if (known && known.mtimeMs === file.mtimeMs && known.size === file.size) return known.series;
	const { series } = parsePriceSeries(await readFile(file.path, 'utf8'), file.label);
	cache.set(file.path, { mtimeMs: file.mtimeMs, size: file.size, series });
	return series;
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
