/**
 * Bringing a notebook in from outside: a .md file, an exported .html (its embedded notebook), or
 * a share link. An import is always a new notebook: it never replaces one in the workspace.
 */
import { createNotebook, toNotebookName } from '../ui/notebooksApi';
import { readEmbeddedNotebook, type EmbeddedNotebook } from './embedded';
import { unzipText } from './zip';

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

/** A notebook downloaded "with data": the one notebook at the top of the zip and its data/SYMBOL.csv files. */
export function notebookFromZip(fileName: string, bytes: Uint8Array): EmbeddedNotebook & { data: Record<string, string> } {
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
	return { name: notebooks[0], text: files[notebooks[0]], data };
}

/** Saves under `name`, or the first free `name-2.md`, `name-3.md`, … (the server picks); resolves to the name used. */
export async function saveAsNewNotebook(name: string, text: string, create = createNotebook): Promise<string> {
	return (await create(toNotebookName(name) || 'imported.md', text, true)).name;
}
