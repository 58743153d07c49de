/**
 * Bringing a notebook in from outside: a .md file, an exported .html (its embedded notebook), a
 * zip with its data, or a share link. An import is always a new notebook: it never replaces one
 * in the workspace, and a data file of a zip never replaces the user's without asking.
 */
import type { DataConflictInfo } from '../data/conflict';
import { createNotebook, toNotebookName } from '../ui/notebooksApi';
import { readEmbeddedNotebook, type EmbeddedNotebook, type EmbeddedSqlResult } from './embedded';
import { SQL_RESULTS_FILE, unzipText } from './zip';

export class ImportError extends Error {}

/** The notebook in a picked file; throws ImportError for files that are not one. */
export function notebookFromFile(fileName: string, text: string): EmbeddedNotebook {
	if (/\.html?$/i.test(fileName)) {
		const embedded = readEmbeddedNotebook(text);
		if (!embedded) throw new ImportError(`${fileName} is not an HTML file exported by Tape (it holds no notebook)`);
		return embedded;
	}
	if (/\.(md|markdown)$/i.test(fileName)) return { name: fileName, text };
	throw new ImportError(`${fileName}: pick a notebook (.md), an HTML file exported by Tape (.html), or a notebook downloaded with its data (.zip)`);
}

/** A notebook downloaded "with data": the one notebook at the top of the zip, its data/SYMBOL.csv files and the SQL results it carries. */
export function notebookFromZip(fileName: string, bytes: Uint8Array): EmbeddedNotebook & { data: Record<string, string>; sql: Record<string, EmbeddedSqlResult> } {
	let files: Record<string, string>;
	try {
		files = unzipText(bytes);
	} catch (e) {
		throw new ImportError(`${fileName} is not a readable zip (${(e as Error).message})`);
	}
	const notebooks = Object.keys(files).filter((path) => /^[^/]+\.md$/i.test(path));
	if (notebooks.length !== 1) {
		throw new ImportError(`${fileName} should hold one notebook (.md) at its top level; it holds ${notebooks.length || 'none'}`);
	}
	const data = Object.fromEntries(
		Object.entries(files)
			.filter(([path]) => /^data\/[^/]+\.csv$/i.test(path))
			.map(([path, csv]) => [path.slice('data/'.length, -'.csv'.length), csv])
	);
	const sql = files[SQL_RESULTS_FILE] === undefined ? {} : sqlResults(fileName, files[SQL_RESULTS_FILE]);
	return { name: notebooks[0], text: files[notebooks[0]], data, sql };
}

/** The zip's SQL results, checked entry by entry: a damaged file is refused by name, not half read. */
function sqlResults(fileName: string, json: string): Record<string, EmbeddedSqlResult> {
	const refuse = (why: string) => new ImportError(`${fileName}: ${SQL_RESULTS_FILE} ${why}`);
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch (e) {
		throw refuse(`is not JSON (${(e as Error).message})`);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw refuse('should map each query to its result');
	for (const [key, result] of Object.entries(value)) {
		if (!isQueryKey(key) || !isEmbeddedSqlResult(result)) throw refuse(`holds an entry that is not a query and its result: ${key.slice(0, 80)}`);
	}
	return value as Record<string, EmbeddedSqlResult>;
}

function isQueryKey(key: string): boolean {
	try {
		const [database, sql, params] = JSON.parse(key) as unknown[];
		return typeof database === 'string' && typeof sql === 'string' && Array.isArray(params);
	} catch {
		return false;
	}
}

function isEmbeddedSqlResult(value: unknown): value is EmbeddedSqlResult {
	const r = value as Partial<EmbeddedSqlResult> | null;
	return !!r && typeof r.ipc === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(r.ipc) && Number.isInteger(r.rows) && typeof r.ms === 'number' && typeof r.truncated === 'boolean';
}

/** Saves under `name`, or the first free `name-2.md`, `name-3.md`, … (the server picks); resolves to the name used. */
export async function saveAsNewNotebook(name: string, text: string, create = createNotebook): Promise<string> {
	return (await create(toNotebookName(name) || 'imported.md', text, true)).name;
}

/** What became of one data file of an imported zip. */
export type DataImport =
	| { status: 'added' | 'unchanged'; name: string }
	| { status: 'replaced'; name: string; trashed: string }
	| { status: 'conflict'; name: string; conflict: DataConflictInfo };

/**
 * Adds `data/<name>.csv` of an imported zip to the data folder, validated by the server like any
 * upload. A file of that name with other content is left alone and its difference returned
 * (`conflict`), unless `replaces` is the revision of that file as the user was shown it: then it
 * is replaced and the old one kept in the data folder's trash. The same bytes are skipped.
 */
export async function importDataFile(name: string, csv: string, replaces?: string, fetchImpl: typeof fetch = fetch): Promise<DataImport> {
	const form = new FormData();
	form.set('file', new File([csv], `${name}.csv`, { type: 'text/csv' }));
	form.set('name', name);
	if (replaces) form.set('replaces', replaces);
	else form.set('ifExists', 'ask');
	const response = await fetchImpl('/api/data/upload', { method: 'POST', body: form });
	const body = (await response.json().catch(() => ({}))) as { error?: string; conflict?: DataConflictInfo; unchanged?: boolean; trashed?: string; symbol?: string; name?: string };
	const stored = body.symbol ?? body.name ?? name;
	if (response.status === 409 && body.conflict) return { status: 'conflict', name, conflict: body.conflict };
	if (!response.ok) throw new ImportError(`data/${name}.csv was not added: ${body.error ?? response.statusText}`);
	if (body.unchanged) return { status: 'unchanged', name: stored };
	return body.trashed ? { status: 'replaced', name: stored, trashed: body.trashed } : { status: 'added', name: stored };
}
