/**
 * The HTML documents that show a notebook outside the editor: the report and slides served by
 * the workspace (frame bundle linked from /sandbox/), and the self-contained export (bundle,
 * styles, notebook and data inlined, opening from file:// with no network). Pure strings.
 */
import type { DataFrom } from '../data/index';
import { NOTEBOOK_ELEMENT_ID, DATA_ELEMENT_ID, DATA_FROM_ELEMENT_ID, TABLES_ELEMENT_ID, SQL_ELEMENT_ID, type EmbeddedNotebook, type EmbeddedSqlResult } from './embedded';

export type PresentMode = 'report' | 'slides';

export type FrameAssets = { kind: 'linked' } | { kind: 'inline'; js: string; css: string };

export interface PresentDocument {
	mode: PresentMode;
	notebook: EmbeddedNotebook;
	/** The page title (the notebook's title). */
	title: string;
	assets: FrameAssets;
	/** Symbol → CSV text the notebook loads (reports and exports fetch nothing). */
	data?: Record<string, string>;
	/** Where each of those series came from (the page's Data line says so, never a path). */
	dataFrom?: Record<string, DataFrom>;
	/** Table file name → CSV text the notebook loads with loadTable. */
	tables?: Record<string, string>;
	/** SQL results by query key (sqlQueryKey), answered when the page was made. */
	sql?: Record<string, EmbeddedSqlResult>;
	/** How many SQL results the size cap left out: the page's cells say so when theirs is one of them. */
	sqlLeftOut?: number;
}

/**
 * The policy for served reports and slides. `sandbox` gives the document an opaque origin, so its
 * code cannot read the workspace or write through its API; the data is embedded in the document,
 * so it may make no request but for the frame bundle (`connect-src 'none'`). No `allow-downloads`:
 * a notebook's code could start one as the page opens (chart files are saved from the workspace).
 * `frame-ancestors 'self'`: no other site can show the report inside its own page. Sources name the
 * host without a scheme (the scheme then follows the page's): behind adapter-node the server cannot
 * tell http from https itself.
 */
export function servedPolicy(host: string): string {
	return [
		'sandbox allow-scripts allow-popups allow-modals',
		"default-src 'none'",
		`script-src ${host}/sandbox/ 'unsafe-eval'`,
		`style-src ${host}/sandbox/ 'unsafe-inline'`,
		`img-src ${host} data: blob:`,
		`font-src ${host} data:`,
		"connect-src 'none'",
		"form-action 'none'",
		"frame-ancestors 'self'",
		"base-uri 'none'"
	].join('; ');
}

/** The export's own policy (a meta tag, since file:// has no headers): nothing leaves the file. */
export const EXPORT_POLICY =
	"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

/** Tape's icon (static/favicon.svg) inline: a served report may not fetch it and an export has no server. */
const FAVICON =
	'data:image/svg+xml,' +
	encodeURIComponent(
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f2937"/><path d="M6 22 L12 14 L17 18 L26 8" stroke="#34d399" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>'
	);

export function buildPresentDocument(doc: PresentDocument): string {
	const { assets } = doc;
	const head =
		assets.kind === 'inline'
			? `<meta http-equiv="Content-Security-Policy" content="${EXPORT_POLICY}">\n<style>${escapeStyle(assets.css)}</style>`
			: '<link rel="stylesheet" href="/sandbox/frame.css">';
	const script = assets.kind === 'inline' ? `<script>${escapeScript(assets.js)}</script>` : '<script src="/sandbox/frame.js"></script>';
	const data =
		(doc.data ? `\n<script type="application/json" id="${DATA_ELEMENT_ID}">${jsonForScript(doc.data)}</script>` : '') +
		(doc.dataFrom && Object.keys(doc.dataFrom).length ? `\n<script type="application/json" id="${DATA_FROM_ELEMENT_ID}">${jsonForScript(doc.dataFrom)}</script>` : '') +
		(doc.tables ? `\n<script type="application/json" id="${TABLES_ELEMENT_ID}">${jsonForScript(doc.tables)}</script>` : '') +
		(doc.sql && Object.keys(doc.sql).length ? `\n<script type="application/json" id="${SQL_ELEMENT_ID}">${jsonForScript(doc.sql)}</script>` : '');
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Tape">
<title>${escapeHtml(doc.title)}</title>
<link rel="icon" href="${FAVICON}">
${head}
</head>
<body data-mode="${doc.mode}"${assets.kind === 'inline' ? ' data-downloads="direct"' : ''}${doc.sqlLeftOut ? ` data-sql-left-out="${Math.floor(doc.sqlLeftOut)}"` : ''}>
<div id="cells"></div>
<script type="application/json" id="${NOTEBOOK_ELEMENT_ID}">${jsonForScript(doc.notebook)}</script>${data}
${script}
</body>
</html>
`;
}

/** JSON safe inside <script>: no "<" at all, so no "</script>" or "<!--" can end or bend the element. */
export function jsonForScript(value: unknown): string {
	return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Inline JavaScript: "<script", "</script" and "<!--" would end the element or switch the HTML
 * parser's script states. In a bundle they occur only in strings and templates, where \x3C reads as "<".
 */
export function escapeScript(js: string): string {
	return js.replace(/<(?=\/?script|!--)/gi, '\\x3C');
}

function escapeStyle(css: string): string {
	return css.replace(/<\/style/gi, '<\\/style');
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
