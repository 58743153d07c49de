import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isTableName } from '../../data/table-name';
import { hasPriceHeader, SERIES_LIMIT_BYTES } from '../data/server-source';
import { candidateFileNames, canonicalSymbol, isSymbol } from '../data/symbols';
import { TABLE_LIMIT_BYTES } from '../data/tables';

/** Parquet files are read by DuckDB itself, column by column; this bounds what one file may hold. */
export const PARQUET_LIMIT_BYTES = 1024 * 1024 * 1024;

/** The names the engine gives itself; a data file of that name is reported, not loaded. */
export const RESERVED_TABLES = ['prices', 'load_errors'];

/** One file the embedded database shows, and the state it was read in. */
export interface CatalogFile {
	/** `price`: rows of `prices`; `table`: a CSV table; `parquet`: a Parquet table. */
	kind: 'price' | 'table' | 'parquet';
	/** The symbol (for a price file) or the table's name. */
	name: string;
	path: string;
	/** The file as answers may name it: `holdings.csv`, `sample/IWM.csv` (never the folder's path). */
	label: string;
	mtimeMs: number;
	size: number;
}

/** A file left out, and why (it is shown in the `load_errors` table). */
export interface CatalogProblem {
	file: string;
	error: string;
}

/** Whether a file (by path, mtime and size) starts with a price header: scanning on every query opens only new or changed files. */
export type HeaderCache = Map<string, boolean>;

interface Entry {
	file: string;
	path: string;
	mtimeMs: number;
	size: number;
}

/**
 * What the database holds for these folders, in the order `locate()` answers a symbol: every
 * price CSV of the data folder (its stem the symbol), then the sample's price files for symbols
 * the data folder has no file for; every other CSV of the data folder as a table named after its
 * file (as `loadTable` names it), and its Parquet files. Files over their size limit, hidden
 * files and names that are neither symbols nor table names are listed as problems.
 */
export async function scanCatalog(dataDir: string, sampleDir: string | null, headers: HeaderCache = new Map()): Promise<{ files: CatalogFile[]; problems: CatalogProblem[] }> {
	const isPriceFile = async (entry: Entry) => {
		const key = `${entry.path}:${entry.mtimeMs}:${entry.size}`;
		let known = headers.get(key);
		if (known === undefined) headers.set(key, (known = await hasPriceHeader(entry.path)));
		return known;
	};
	const files: CatalogFile[] = [];
	const problems: CatalogProblem[] = [];
	const own = await listFiles(dataDir);
	const symbols = new Set<string>();
	const tables = new Set<string>(RESERVED_TABLES);
	const ownNames = new Set(own.map((entry) => entry.file));

	for (const entry of own) {
		const lower = entry.file.toLowerCase();
		if (lower.endsWith('.csv')) {
			const stem = entry.file.slice(0, -4);
			if (isSymbol(stem) && (await isPriceFile(entry))) {
				const symbol = canonicalSymbol(stem);
				if (entry.size > SERIES_LIMIT_BYTES) problems.push({ file: entry.file, error: `over the ${SERIES_LIMIT_BYTES / 1024 / 1024} MB a price series may have` });
				else if (symbols.has(symbol)) problems.push({ file: entry.file, error: `another file of the data folder already holds ${symbol}` });
				else {
					symbols.add(symbol);
					files.push({ kind: 'price', name: symbol, label: entry.file, ...stamp(entry) });
				}
				continue;
			}
			addTable(entry, stem, 'table', TABLE_LIMIT_BYTES);
		} else if (lower.endsWith('.parquet')) {
			addTable(entry, entry.file.slice(0, -'.parquet'.length), 'parquet', PARQUET_LIMIT_BYTES);
		}
	}

	if (sampleDir) {
		for (const entry of await listFiles(sampleDir)) {
			if (!entry.file.toLowerCase().endsWith('.csv')) continue;
			const stem = entry.file.slice(0, -4);
			if (!isSymbol(stem) || entry.size > SERIES_LIMIT_BYTES || !(await isPriceFile(entry))) continue;
			const symbol = canonicalSymbol(stem);
			// The data folder's own file answers for the symbol, as locate() finds it first.
			if (symbols.has(symbol) || candidateFileNames(stem).some((name) => ownNames.has(name))) continue;
			symbols.add(symbol);
			files.push({ kind: 'price', name: symbol, label: `sample/${entry.file}`, ...stamp(entry) });
		}
	}
	return { files, problems };

	function addTable(entry: Entry, name: string, kind: 'table' | 'parquet', limit: number): void {
		if (!isTableName(name)) problems.push({ file: entry.file, error: 'not a table name: use letters, digits, spaces and . _ = -' });
		else if (entry.size > limit) problems.push({ file: entry.file, error: `over the ${limit / 1024 / 1024} MB a table may have` });
		else if (tables.has(name.toLowerCase())) problems.push({ file: entry.file, error: `another table is already named ${name}` });
		else {
			tables.add(name.toLowerCase());
			files.push({ kind, name, label: entry.file, ...stamp(entry) });
		}
	}
}

function stamp(entry: Entry): Pick<CatalogFile, 'path' | 'mtimeMs' | 'size'> {
	return { path: entry.path, mtimeMs: entry.mtimeMs, size: entry.size };
}

/** What changes when any file is added, removed, replaced or edited: compared to decide on a reload. */
export function catalogSignature(files: CatalogFile[]): string {
	return files.map((f) => `${f.kind}:${f.name}:${f.label}:${f.mtimeMs}:${f.size}`).join('\n');
}

/** Regular files directly in `dir`, sorted by name; hidden files (the download cache) left out; none for a missing folder. */
async function listFiles(dir: string): Promise<Entry[]> {
	const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => !name.startsWith('.')).sort();
	const entries: Entry[] = [];
	for (const file of names) {
		const path = join(dir, file);
		const info = await stat(path).catch(() => undefined);
		if (info?.isFile()) entries.push({ file, path, mtimeMs: info.mtimeMs, size: info.size });
	}
	return entries;
}
