/**
 * How a report document carries its notebook and data: JSON in <script type="application/json">
 * elements. Written by document.ts, read by the frame, and read back when an exported HTML file
 * is imported.
 */
export const NOTEBOOK_ELEMENT_ID = 'tape-notebook';
export const DATA_ELEMENT_ID = 'tape-data';
/** Tables the notebook loads with loadTable, by file name (holdings.csv → CSV text). */
export const TABLES_ELEMENT_ID = 'tape-tables';

/** Where each embedded series came from (symbol → DataFrom), for the report's Data line. */
export const DATA_FROM_ELEMENT_ID = 'tape-data-from';

/** Results of SQL queries, by sqlQueryKey (see EmbeddedSqlResult): a page never queries a database. */
export const SQL_ELEMENT_ID = 'tape-sql';

/** Past this many bytes of results (base64), further results are left out: the page would be too big to open. */
export const MAX_EMBEDDED_SQL_BYTES = 64 * 2 ** 20;

/** One query's result as a page carries it: the Arrow IPC bytes in base64, and how it was answered. */
export interface EmbeddedSqlResult {
	ipc: string;
	rows: number;
	ms: number;
	truncated: boolean;
}

export interface EmbeddedNotebook {
	/** The file name it was saved as (e.g. welcome.md). */
	name: string;
	/** The notebook file's text, exactly. */
	text: string;
}

/** The notebook inside an exported HTML file, or undefined when the file is not a Tape export. */
export function readEmbeddedNotebook(html: string): EmbeddedNotebook | undefined {
	const match = new RegExp(`<script type="application/json" id="${NOTEBOOK_ELEMENT_ID}">([^<]*)</script>`).exec(html);
	if (!match) return undefined;
	try {
		const value = JSON.parse(match[1]) as Partial<EmbeddedNotebook>;
		if (typeof value.name === 'string' && typeof value.text === 'string') return { name: value.name, text: value.text };
	} catch {
		// Not JSON: a damaged or foreign file.
	}
	return undefined;
}

/** The data map inside an exported HTML file (symbol → CSV text); empty when there is none. */
export function readEmbeddedData(html: string): Record<string, string> {
	return readEmbeddedMap(html, DATA_ELEMENT_ID);
}

/** The tables inside an exported HTML file (file name → CSV text); empty when there are none. */
export function readEmbeddedTables(html: string): Record<string, string> {
	return readEmbeddedMap(html, TABLES_ELEMENT_ID);
}

function readEmbeddedMap(html: string, id: string): Record<string, string> {
	const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
	if (!match) return {};
	try {
		const value = JSON.parse(match[1]) as unknown;
		if (!value || typeof value !== 'object') return {};
		return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
	} catch {
		return {};
	}
}
