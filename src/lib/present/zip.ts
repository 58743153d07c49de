/**
 * "Download with data" archives: a notebook, its CSVs and a README, zipped and unzipped with
 * fflate (the same code in the server, the CLI and the browser's Import).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** The SQL results a zip carries: the same map (query key → result) an HTML export embeds. */
export const SQL_RESULTS_FILE = 'sql-results.json';

export interface ZipEntry {
	path: string;
	content: string | Uint8Array;
}

export function zip(entries: ZipEntry[], date = new Date()): Uint8Array {
	return zipSync(
		Object.fromEntries(entries.map(({ path, content }) => [path, [typeof content === 'string' ? strToU8(content) : content, { mtime: date }]]))
	);
}

/** The archive's files as text, by path; throws on a file that is not a zip. */
export function unzipText(bytes: Uint8Array): Record<string, string> {
	return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
}
