/**
 * The server side of presenting: report and slides documents for a saved notebook, and its
 * exports (self-contained HTML, zip with data). Routes stay one line each over these.
 */
import { titleOf, parseNotebook } from '../notebook/index';
import { commonBuiltins } from '../runtime/builtins';
import { createServerSource } from '../server/data/index';
import { notebookStore } from '../server/store/index';
import { buildPresentDocument, servedPolicy, type PresentMode } from './document';
import { exportHtml } from './export';
import { literalTables, recordData, type RecordOptions } from './record';
import { zip } from './zip';

/**
 * The report or slides document; its policy sandboxes it into an opaque origin (see servedPolicy).
 * Series are fetched from the read-only /view/data route; tables, which may be private (holdings),
 * are not served to any origin like prices are: those named literally in loadTable('…') calls are
 * embedded in the document instead.
 */
export async function presentResponse(mode: PresentMode, name: string, host: string): Promise<Response> {
	const { text } = await notebookStore().open(name);
	const notebook = parseNotebook(text, name);
	const tables = await embeddedTables(notebook.cells.filter((cell) => cell.kind === 'code').map((cell) => cell.source).join('\n'));
	const html = buildPresentDocument({ mode, notebook: { name, text }, title: titleOf(notebook, name), assets: { kind: 'linked' }, tables });
	return new Response(html, {
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': servedPolicy(host) }
	});
}

/**
 * The server has no DOM, so cells that draw are not run here: the data a notebook loads is found
 * from the cells that do run plus literal loadSeries('…') calls (the CLI export runs everything).
 */
function recordOptions(symbols: string[] = [], tables: string[] = []): RecordOptions {
	return { source: createServerSource(), builtins: (source) => commonBuiltins(source), timeoutMs: 20_000, symbols, tables };
}

/** The tables literal loadTable('…') calls name, read from the data folder; those missing are left out. */
async function embeddedTables(code: string): Promise<Record<string, string> | undefined> {
	const source = createServerSource();
	const entries: [string, string][] = [];
	for (const file of literalTables(code)) {
		const table = await source.fetchTable!(file).catch(() => undefined);
		if (table) entries.push([file, table.text]);
	}
	return entries.length ? Object.fromEntries(entries) : undefined;
}

/** `symbols`, `tables`: what the notebook loaded in the browser, so data only drawing cells load is kept too. */
export async function exportHtmlResponse(name: string, symbols: string[] = [], tables: string[] = []): Promise<Response> {
	const { text } = await notebookStore().open(name);
	const { html } = await exportHtml(name, text, recordOptions(symbols, tables));
	return download(html, `${name.replace(/\.md$/, '')}.html`, 'text/html; charset=utf-8');
}

/** notebook + data/SYMBOL.csv and data/<table>.csv + a README saying where each goes in the colleague's workspace. */
export async function exportZipResponse(name: string, symbols: string[] = [], tables: string[] = []): Promise<Response> {
	const { text } = await notebookStore().open(name);
	const data = await recordData(text, name, recordOptions(symbols, tables));
	const files = new Map<string, string>();
	for (const [symbol, csv] of Object.entries(data.series)) files.set(`data/${symbol}.csv`, csv);
	// A table may be a price file read as it is (loadTable('IWM')): one copy of it is enough.
	for (const [file, csv] of Object.entries(data.tables)) if (!files.has(`data/${file}`)) files.set(`data/${file}`, csv);
	const bytes = zip([
		{ path: name, content: text },
		...[...files].map(([path, content]) => ({ path, content })),
		{ path: 'README.txt', content: zipReadme(name, [...Object.keys(data.series), ...Object.keys(data.tables)]) }
	]);
	return download(bytes, `${name.replace(/\.md$/, '')}.zip`, 'application/zip');
}

export function zipReadme(name: string, symbols: string[]): string {
	return [
		`${name} is a Tape notebook. To open it in your workspace, import this whole zip from the`,
		`notebook list (Import): the notebook becomes a new notebook and data/ goes to your data folder.`,
		`By hand instead: copy ${name} into your notebooks folder${symbols.length ? ` and the files in data/ (${symbols.join(', ')}) into your data folder (TAPE_DATA_DIR, ./data by default)` : ''}.`,
		symbols.length ? '' : 'This notebook loads no price data.',
		''
	].join('\n');
}

function download(body: string | Uint8Array, fileName: string, type: string): Response {
	return new Response(body as BodyInit, {
		headers: { 'content-type': type, 'content-disposition': `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`, 'cache-control': 'no-store' }
	});
}
