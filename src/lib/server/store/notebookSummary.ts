/**
 * The folder's list of notebooks, each with its title, description and tags (or where it fails to
 * parse), read again only for files whose identity changed since the last list.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { NotebookParseError, parseNotebook, titleOf } from '../../notebook/index';
import { isNotebookName, realDir, resolveNotebookPath } from '../paths';
import { OutsideNotebooksError, UnsafeNameError } from './errors';
import { identityOf, type FileIdentity } from './fileIdentity';
import { revisionOf } from './revision';

export interface NotebookLocation {
	message: string;
	line: number;
	column: number;
}

export interface NotebookSummary {
	name: string;
	title: string;
	description?: string;
	tags: string[];
	/** ISO time of the last change on disk. */
	modified: string;
	size: number;
	revision: string;
	/** Set when the file does not parse; the rest then comes from the file name. */
	error?: NotebookLocation;
}

export class NotebookList {
	/** List entries by name, kept while the file's identity is unchanged: the list reads only what changed. */
	#summaries = new Map<string, { identity: FileIdentity; summary: NotebookSummary }>();

	constructor(readonly dir: string) {}

	/** Every notebook in the folder; a file that doesn't parse is listed with its error. */
	async list(): Promise<NotebookSummary[]> {
		let entries;
		try {
			entries = await readdir(await realDir(this.dir), { withFileTypes: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
			throw error;
		}
		const names = entries.filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && isNotebookName(entry.name)).map((entry) => entry.name);
		const summaries = await Promise.all(names.map((name) => this.#summary(name)));
		const present = new Set(names);
		for (const name of this.#summaries.keys()) if (!present.has(name)) this.#summaries.delete(name);
		return summaries.filter((summary): summary is NotebookSummary => summary !== null).sort((a, b) => a.name.localeCompare(b.name));
	}

	async #summary(name: string): Promise<NotebookSummary | null> {
		let file: string;
		try {
			file = await resolveNotebookPath(this.dir, name);
		} catch (error) {
			if (error instanceof OutsideNotebooksError || error instanceof UnsafeNameError) return null;
			throw error;
		}
		// The file may vanish or turn out not to be a file between readdir and here.
		const info = await stat(file, { bigint: true }).catch(() => null);
		if (!info?.isFile()) return null;
		const identity = identityOf(info);
		const cached = this.#summaries.get(name);
		if (cached?.identity === identity) return cached.summary;
		const bytes = await readFile(file).catch(() => null);
		if (bytes === null) return null;
		const summary = summaryOf(name, bytes, info.mtime);
		// Kept under the identity seen before the read: had the file changed while being read, the
		// next list sees another identity and reads it again.
		this.#summaries.set(name, { identity, summary });
		return summary;
	}
}

function summaryOf(name: string, bytes: Buffer, modified: Date): NotebookSummary {
	const base = { name, modified: modified.toISOString(), size: bytes.length, revision: revisionOf(bytes) };
	try {
		const nb = parseNotebook(bytes.toString('utf8'), name);
		return { ...base, title: titleOf(nb, name), description: nb.meta.description, tags: nb.meta.tags ?? [] };
	} catch (error) {
		if (!(error instanceof NotebookParseError)) throw error;
		return { ...base, title: name.replace(/\.md$/, ''), tags: [], error: locationOf(error) };
	}
}

function locationOf(error: NotebookParseError): NotebookLocation {
	return { message: error.reason, line: error.line, column: error.column };
}

/** Where `text` fails to parse, or undefined when it parses. */
export function parseErrorOf(text: string, name: string): NotebookLocation | undefined {
	try {
		parseNotebook(text, name);
		return undefined;
	} catch (error) {
		if (error instanceof NotebookParseError) return locationOf(error);
		throw error;
	}
}
