/** The names and texts the store makes itself: a new notebook's text, titles that follow a rename, copy names. */
import { NotebookParseError, newCellId, parseNotebook, serializeNotebook } from '../../notebook/index';

/** "small-caps_study.md" → "Small caps study". */
function titleFromName(name: string): string {
	const words = name.replace(/\.md$/, '').replace(/[-_]+/g, ' ').trim();
	return words ? words[0].toUpperCase() + words.slice(1) : 'Untitled';
}

/** A title with an empty code cell to start from. */
export function defaultNotebookText(name: string): string {
	return serializeNotebook({ meta: { title: titleFromName(name) }, cells: [{ id: newCellId(), kind: 'code', source: '', options: {} }] });
}

/**
 * The text with the title made from `to` when its title is the one Tape made from `from` (a title
 * the author chose stays); undefined when nothing changes or the file does not parse.
 */
export function retitle(text: string, from: string, to: string): string | undefined {
	try {
		const notebook = parseNotebook(text, from);
		if (notebook.meta.title !== titleFromName(from) || titleFromName(to) === titleFromName(from)) return undefined;
		return serializeNotebook({ ...notebook, meta: { ...notebook.meta, title: titleFromName(to) } });
	} catch (error) {
		if (error instanceof NotebookParseError) return undefined;
		throw error;
	}
}

/** `<name>-copy.md`, then `<name>-copy-2.md`, … */
export function copyName(name: string, attempt: number): string {
	const stem = name.replace(/\.md$/, '');
	return attempt === 1 ? `${stem}-copy.md` : `${stem}-copy-${attempt}.md`;
}
