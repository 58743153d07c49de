/**
 * A notebook as a Yjs document, so several editors can change it at once and merge without loss:
 * - `cells`: a Y.Array of Y.Maps { id, kind, language?, options (plain JSON), source: Y.Text };
 * - `file`: a Y.Map with the front matter (`meta` as JSON, `frontMatterSource` as read).
 * Cell order, kind and options are replaced whole (last writer wins); cell text merges per character.
 */
import * as Y from 'yjs';
import type { Cell, CellOptions, Notebook, NotebookMeta } from '$lib/notebook';

export type SharedCell = Y.Map<unknown>;

export function cellsOf(doc: Y.Doc): Y.Array<SharedCell> {
	return doc.getArray<SharedCell>('cells');
}

function fileOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('file');
}

export function sharedCell(cell: Cell): SharedCell {
	const map = new Y.Map<unknown>();
	map.set('id', cell.id);
	map.set('kind', cell.kind);
	if (cell.language) map.set('language', cell.language);
	map.set('options', structuredClone(cell.options));
	map.set('source', new Y.Text(cell.source));
	return map;
}

/** Fills an empty document with `notebook` (one transaction, so peers see it whole). */
export function writeNotebook(doc: Y.Doc, notebook: Notebook): void {
	doc.transact(() => {
		const file = fileOf(doc);
		file.set('meta', structuredClone(notebook.meta));
		if (notebook.frontMatterSource !== undefined) file.set('frontMatterSource', notebook.frontMatterSource);
		else file.delete('frontMatterSource');
		const cells = cellsOf(doc);
		if (cells.length) cells.delete(0, cells.length);
		cells.push(notebook.cells.map(sharedCell));
	});
}

export function readCell(map: SharedCell): Cell {
	const language = map.get('language') as Cell['language'];
	return {
		id: String(map.get('id')),
		kind: map.get('kind') as Cell['kind'],
		...(language && { language }),
		source: (map.get('source') as Y.Text | undefined)?.toString() ?? '',
		options: structuredClone((map.get('options') as CellOptions | undefined) ?? {})
	};
}

/** The document as a Notebook, ready for serializeNotebook. */
export function readNotebook(doc: Y.Doc): Notebook {
	const file = fileOf(doc);
	const frontMatterSource = file.get('frontMatterSource') as string | undefined;
	return {
		meta: structuredClone((file.get('meta') as NotebookMeta | undefined) ?? {}),
		cells: cellsOf(doc).toArray().map(readCell),
		...(frontMatterSource !== undefined && { frontMatterSource })
	};
}
