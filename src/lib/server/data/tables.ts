import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataError } from '../../data/errors';
import { checkTableCsv } from '../../data/parse-table-csv';
import type { FetchedCsv } from '../../data/source';
import { tableFileName } from '../../data/table-name';
import { writeDataFileChecked, type ExistingPolicy, type Written } from './replace';

/** The upload limit: a table read by `loadTable` is parsed in the page, so larger files are refused, not read. */
export const TABLE_LIMIT_BYTES = 50 * 1024 * 1024;

export interface StoredTable extends Written {
	kind: 'table';
	/** The name to load it by: `loadTable('holdings')`. */
	name: string;
	file: string;
	columns: string[];
	rows: number;
	warnings: string[];
}

/**
 * Checks an uploaded CSV that is not a price series as a table (a header of distinct names, rows
 * of as many values; errors name file:line) and stores it as `<dataDir>/<name>.csv`, its name
 * kept as given; a file of that name is handled as `policy` says (see writeDataFileChecked).
 * Nothing is written when it fails.
 */
export async function storeTable(dataDir: string, name: string, text: string, policy: ExistingPolicy = {}): Promise<StoredTable> {
	const file = tableFileName(name);
	const { columns, rows, warnings } = checkTableCsv(text, file);
	const folder = resolve(dataDir);
	const written = await writeDataFileChecked(folder, file, text, policy);
	const path = join(folder, file);
	return { kind: 'table', ...written, name: file.slice(0, -'.csv'.length), file: path, columns, rows, warnings };
}

/**
 * The text of `<dataDir>/<name>.csv` for `loadTable`, unparsed (the page parses it). Only flat
 * names inside the data folder (see tableFileName); its hidden `.cache` is out of reach.
 */
export async function readTableFile(dataDir: string, name: string): Promise<FetchedCsv> {
	const path = await locateTableFile(dataDir, name);
	return { text: await readFile(path, 'utf8'), origin: path, from: 'folder' };
}

/** The path of `<dataDir>/<name>.csv`, checked to be a file within {@link TABLE_LIMIT_BYTES}; a DataError otherwise. */
export async function locateTableFile(dataDir: string, name: string): Promise<string> {
	const file = tableFileName(name);
	const path = join(dataDir, file);
	let size: number;
	try {
		const info = await stat(path);
		if (!info.isFile()) throw await notFound(dataDir, file);
		size = info.size;
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') throw await notFound(dataDir, file);
		throw e;
	}
	if (size > TABLE_LIMIT_BYTES) {
		throw new DataError(`${path} is ${(size / 1024 / 1024).toFixed(0)} MB, over the ${TABLE_LIMIT_BYTES / 1024 / 1024} MB a table may have`);
	}
	return path;
}

/** Says which file is missing where, and names a file that differs only in case (Holdings.csv for holdings). */
async function notFound(dataDir: string, file: string): Promise<DataError> {
	const entries = await readdir(dataDir).catch(() => [] as string[]);
	const near = entries.filter((entry) => entry !== file && entry.toLowerCase() === file.toLowerCase());
	const hint = near.length ? `; there is ${near.map((entry) => `loadTable('${entry.slice(0, -'.csv'.length)}')`).join(' and ')}` : '';
	return new DataError(`no table ${file} in ${dataDir}${hint}; drop the CSV on the notebook page (or pick it with + Data) to add it`);
}
