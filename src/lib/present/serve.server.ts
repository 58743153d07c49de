/**
 * The server side of presenting: report and slides documents for a saved notebook, and its
 * exports (self-contained HTML, zip with data). Routes stay one line each over these. Notebook
 * code never runs here: what data a document carries is found by reading the code
 * (reachable-data.ts) plus, for exports, what the workspace saw the notebook load.
 */
import { titleOf, parseNotebook, type Notebook } from '../notebook/index';
import { createServerSource } from '../server/data/index';
import { notebookStore } from '../server/store/index';
import { collectData, dataLines, type CollectedData } from './collect-data';
import { buildPresentDocument, servedPolicy, type PresentMode } from './document';
import { exportHtml } from './export';
import { reachableData } from './reachable-data';
import { runtimeCell } from '../runtime/sql-cell';
import { SQL_RESULTS_FILE, zip } from './zip';
import { collectSql, reportSqlQueries, sqlSummary, type CollectedSql } from './collect-sql';
import type { SqlQuery } from '../runtime/sql';
import { serverSql } from '../server/sql-runner';

/**
 * The report or slides document, with its data embedded; its policy sandboxes it into an opaque
 * origin and lets it make no request for data (see servedPolicy). A GET must stay cheap and
 * harmless whoever triggers it, so only files the data folder and its cache already have are read.
 */
export async function presentResponse(mode: PresentMode, name: string, host: string, version?: { text: string }): Promise<Response> {
	// A version from the history is shown like the notebook is now: same data, same sandbox.
	const { text } = version ?? (await notebookStore().open(name));
	const notebook = parseNotebook(text, name);
	const local = createServerSource({ providers: [] });
	const { series, tables, from } = await collectData(reachableData(codeOf(notebook)), { named: local, local });
	const { results: sql, leftOut: sqlLeftOut } = await collectSql(reportSqlQueries(notebook), serverSql());
	const html = buildPresentDocument({ mode, notebook: { name, text }, title: titleOf(notebook, name), assets: { kind: 'linked' }, data: series, dataFrom: from, tables, sql, sqlLeftOut });
	return new Response(html, {
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': servedPolicy(host) }
	});
}

/** What the workspace saw the notebook load (symbols, table names), checked by the route. */
export interface SeenData {
	symbols: string[];
	tables: string[];
	/** SQL queries it saw the notebook run (an HTML export embeds their results). */
	queries?: SqlQuery[];
}

/** The data an export carries: names in the code (literal ones may be downloaded now) and what the workspace saw. */
async function exportData(notebook: Notebook, seen: SeenData): Promise<CollectedData> {
	return collectData(reachableData(codeOf(notebook)), { named: createServerSource(), local: createServerSource({ providers: [] }) }, seen);
}

export async function exportHtmlResponse(name: string, seen: SeenData): Promise<Response> {
	const { text } = await notebookStore().open(name);
	const notebook = parseNotebook(text, name);
	const data = await exportData(notebook, seen);
	const sql = await collectSql([...reportSqlQueries(notebook), ...(seen.queries ?? [])], serverSql());
	const { html } = await exportHtml(name, text, { ...data, sql: sql.results, sqlLeftOut: sql.leftOut });
	return download(html, `${name.replace(/\.md$/, '')}.html`, 'text/html; charset=utf-8', data, sql);
}

/**
 * notebook + data/SYMBOL.csv and data/<table>.csv + sql-results.json (the SQL results, as an HTML
 * export embeds them) + a README saying where each goes in the colleague's workspace.
 */
export async function exportZipResponse(name: string, seen: SeenData): Promise<Response> {
	const { text } = await notebookStore().open(name);
	const notebook = parseNotebook(text, name);
	const data = await exportData(notebook, seen);
	const sql = await collectSql([...reportSqlQueries(notebook), ...(seen.queries ?? [])], serverSql());
	const files = new Map<string, string>();
	for (const [symbol, csv] of Object.entries(data.series)) files.set(`data/${symbol}.csv`, csv);
	// A table may be a price file read as it is (loadTable('IWM')): one copy of it is enough.
	for (const [file, csv] of Object.entries(data.tables)) if (!files.has(`data/${file}`)) files.set(`data/${file}`, csv);
	const results = Object.keys(sql.results).length;
	if (results > 0) files.set(SQL_RESULTS_FILE, JSON.stringify(sql.results));
	const bytes = zip([
		{ path: name, content: text },
		...[...files].map(([path, content]) => ({ path, content })),
		{ path: 'README.txt', content: zipReadme(name, [...Object.keys(data.series), ...Object.keys(data.tables)], results, dataLines(data)) }
	]);
	return download(bytes, `${name.replace(/\.md$/, '')}.zip`, 'application/zip', data, sql);
}

export function zipReadme(name: string, symbols: string[], sqlResults = 0, data: string[] = []): string {
	return [
		`${name} is a Tape notebook. To open it in your workspace, import this whole zip from the`,
		`notebook list (Import): the notebook becomes a new notebook and data/ goes to your data folder.`,
		`By hand instead: copy ${name} into your notebooks folder${symbols.length ? ` and the files in data/ (${symbols.join(', ')}) into your data folder (TAPE_DATA_DIR, ./data by default)` : ''}.`,
		symbols.length ? '' : 'This notebook loads no price data.',
		...(sqlResults
			? [`${SQL_RESULTS_FILE} holds ${sqlResults} SQL result${sqlResults === 1 ? '' : 's'} as they were when this zip was made (by query: its text and values; each result Arrow IPC in base64), as an HTML export carries them.`]
			: []),
		...(data.length ? ['Data (where each series came from, and the dates its file covers):', ...data.map((line) => `  ${line}`), ''] : []),
		''
	].join('\n');
}

/** The Share menu says what a download carries: `x-tape-embedded` lists the series and tables in it (JSON, URI-encoded). */
export const EMBEDDED_HEADER = 'x-tape-embedded';
/** …and `x-tape-embedded-sql` how many SQL results it carries, their size, and how many the cap left out (URI-encoded text). */
export const EMBEDDED_SQL_HEADER = 'x-tape-embedded-sql';

function download(body: string | Uint8Array, fileName: string, type: string, data: CollectedData, sql: CollectedSql): Response {
	const summary = sqlSummary(sql);
	return new Response(body as BodyInit, {
		headers: {
			...(summary ? { [EMBEDDED_SQL_HEADER]: encodeURIComponent(summary) } : {}),
			'content-type': type,
			'content-disposition': `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`,
			'cache-control': 'no-store',
			[EMBEDDED_HEADER]: encodeURIComponent(JSON.stringify([...Object.keys(data.series), ...Object.keys(data.tables)]))
		}
	});
}

function codeOf(notebook: Notebook): string[] {
	return notebook.cells.flatMap((cell) => (cell.kind === 'code' ? [runtimeCell(cell).source] : []));
}
