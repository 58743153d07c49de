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
import { recordSeries, type RecordOptions } from './record';
import { zip } from './zip';

/** The report or slides document; its policy sandboxes it into an opaque origin (see servedPolicy). */
export async function presentResponse(mode: PresentMode, name: string, host: string): Promise<Response> {
	const { text } = await notebookStore().open(name);
	const html = buildPresentDocument({ mode, notebook: { name, text }, title: titleOf(parseNotebook(text, name), name), assets: { kind: 'linked' } });
	return new Response(html, {
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': servedPolicy(host) }
	});
}

/**
 * The server has no DOM, so cells that draw are not run here: the data a notebook loads is found
 * from the cells that do run plus literal loadSeries('…') calls (the CLI export runs everything).
 */
function recordOptions(symbols: string[] = []): RecordOptions {
	return { source: createServerSource(), builtins: (source) => commonBuiltins(source), timeoutMs: 20_000, symbols };
}

/** `symbols`: what the notebook loaded in the browser, so series only drawing cells load are kept too. */
export async function exportHtmlResponse(name: string, symbols: string[] = []): Promise<Response> {
	const { text } = await notebookStore().open(name);
	const { html } = await exportHtml(name, text, recordOptions(symbols));
	return download(html, `${name.replace(/\.md$/, '')}.html`, 'text/html; charset=utf-8');
}

/** notebook + data/SYMBOL.csv + a README saying where each goes in the colleague's workspace. */
export async function exportZipResponse(name: string, symbols: string[] = []): Promise<Response> {
	const { text } = await notebookStore().open(name);
	const data = await recordSeries(text, name, recordOptions(symbols));
	const bytes = zip([
		{ path: name, content: text },
		...Object.entries(data).map(([symbol, csv]) => ({ path: `data/${symbol}.csv`, content: csv })),
		{ path: 'README.txt', content: zipReadme(name, Object.keys(data)) }
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
