/**
 * A notebook as a Yjs document, so several editors can change it at once and merge without loss:
 * - `cellOrder`: a Y.Array of cell ids, the cells' order;
 * - `cellsById`: a Y.Map from cell id to the cell, a Y.Map { id, kind, language?, options: Y.Map
 *   (one key per option), source: Y.Text };
 * - `file`: a Y.Map with the front matter: `meta`, a Y.Map (one key per front-matter key), and
 *   `frontMatterSource`, the YAML as read (the layout and comments a save keeps).
 *
 * Every edit is the smallest Yjs operation (replayChange.ts), so concurrent edits merge:
 * - cell text merges per character;
 * - a cell inserted is its id inserted into `cellOrder`: concurrent inserts are all kept (those at
 *   the same place in the same order for everyone);
 * - a cell moved is its id taken out of `cellOrder` and put back elsewhere; the cell itself is not
 *   touched, so text typed into it meanwhile moves with it. Two people moving the same cell at
 *   once leave its id twice: it is shown at the first place (the same one for everyone), and the
 *   server's room takes the repeat out (tidyOrder);
 * - kind, language and each option are keys of their own (last writer wins per key), so two people
 *   changing different options of a cell both keep theirs;
 * - a cell deleted leaves both `cellOrder` and `cellsById`: the delete wins over edits made to that
 *   cell at the same time (its text, options, a move), which go with it (a move's id left in the
 *   order is skipped, and taken out by the room: tidyOrder).
 * - each front-matter key (title, description, tags…) is a key of its own too, so one person
 *   retitling while another retags keeps both. `frontMatterSource` is only the layout a save
 *   starts from: serializeNotebook sets each key of `meta` that differs from it, so whichever
 *   version of it wins, the file says what `meta` says.
 */
import * as Y from 'yjs';
import type { Cell, CellOptions, Notebook, NotebookMeta } from '$lib/notebook';

export type SharedCell = Y.Map<unknown>;

export function cellOrderOf(doc: Y.Doc): Y.Array<string> {
	return doc.getArray<string>('cellOrder');
}

export function cellsByIdOf(doc: Y.Doc): Y.Map<SharedCell> {
	return doc.getMap<SharedCell>('cellsById');
}

export function fileOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('file');
}

/** The front matter's keys, one per Y.Map key (made when missing). */
export function metaOf(doc: Y.Doc): Y.Map<unknown> {
	const file = fileOf(doc);
	let meta = file.get('meta');
	if (!(meta instanceof Y.Map)) {
		meta = new Y.Map<unknown>();
		file.set('meta', meta);
	}
	return meta as Y.Map<unknown>;
}

/** The keys people read first, in the order a new front matter lists them; the others follow, sorted. */
const FIRST_KEYS = ['title', 'description', 'tags'];
const keyRank = (key: string) => (FIRST_KEYS.includes(key) ? FIRST_KEYS.indexOf(key) : FIRST_KEYS.length);

function readMeta(doc: Y.Doc): NotebookMeta {
	const meta = fileOf(doc).get('meta');
	if (!(meta instanceof Y.Map)) return {};
	// One order for every peer (each holds the keys in the order it heard of them).
	const entries = [...meta.entries()].sort(([a], [b]) => keyRank(a) - keyRank(b) || (a < b ? -1 : a > b ? 1 : 0));
	return structuredClone(Object.fromEntries(entries)) as NotebookMeta;
}

/** The cells in their order as shown: ids whose cell was deleted are skipped, a repeated id shows once (at its first place). */
export function cellsOf(doc: Y.Doc): SharedCell[] {
	const byId = cellsByIdOf(doc);
	const seen = new Set<string>();
	const cells: SharedCell[] = [];
	for (const id of cellOrderOf(doc)) {
		const cell = byId.get(id);
		if (!cell || seen.has(id)) continue;
		seen.add(id);
		cells.push(cell);
	}
	return cells;
}

/**
 * Takes out of the order the ids whose cell is gone (a delete racing a move leaves its id there)
 * and every repeat of an id after its first place (two moves of one cell at once), in one
 * transaction; false when there was nothing to take out. Readers skip both anyway (cellsOf):
 * this keeps the order from growing with them.
 *
 * Only one peer may tidy: the server's room, whose copy holds every edit it has with everything
 * that edit's author had seen. Two peers tidying copies that differ could each keep a different
 * first place of a moved cell and drop the other's, and lose the cell from the order. One tidier
 * cannot: it drops a place only after an earlier one it still sees, and the moves it has not
 * seen yet each put their own place back. A gone cell never comes back under its id without a
 * new place made with it.
 */
export function tidyOrder(doc: Y.Doc, origin?: unknown): boolean {
	const order = cellOrderOf(doc);
	const byId = cellsByIdOf(doc);
	const seen = new Set<string>();
	const extra: number[] = [];
	order.forEach((id, k) => {
		if (!byId.has(id) || seen.has(id)) extra.push(k);
		else seen.add(id);
	});
	if (!extra.length) return false;
	doc.transact(() => {
		for (let k = extra.length - 1; k >= 0; k--) order.delete(extra[k], 1);
	}, origin);
	return true;
}

/** The shared text of a cell, or undefined when there is no such cell. */
export function sourceOf(doc: Y.Doc, cellId: string): Y.Text | undefined {
	return cellsByIdOf(doc).get(cellId)?.get('source') as Y.Text | undefined;
}

export function sharedCell(cell: Cell): SharedCell {
	const map = new Y.Map<unknown>();
	map.set('id', cell.id);
	map.set('kind', cell.kind);
	if (cell.language) map.set('language', cell.language);
	const options = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(cell.options)) if (value !== undefined) options.set(key, structuredClone(value));
	map.set('options', options);
	map.set('source', new Y.Text(cell.source));
	return map;
}

/** Fills an empty document with `notebook` (one transaction, so peers see it whole). */
export function writeNotebook(doc: Y.Doc, notebook: Notebook): void {
	doc.transact(() => {
		const file = fileOf(doc);
		const meta = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(notebook.meta)) if (value !== undefined) meta.set(key, structuredClone(value));
		file.set('meta', meta);
		if (notebook.frontMatterSource !== undefined) file.set('frontMatterSource', notebook.frontMatterSource);
		else file.delete('frontMatterSource');
		const order = cellOrderOf(doc);
		const byId = cellsByIdOf(doc);
		if (order.length) order.delete(0, order.length);
		for (const id of [...byId.keys()]) byId.delete(id);
		for (const cell of notebook.cells) byId.set(cell.id, sharedCell(cell));
		order.push(notebook.cells.map((cell) => cell.id));
	});
}

export function readCell(map: SharedCell): Cell {
	const language = map.get('language') as Cell['language'];
	// Keys sorted: peers may hold them in different orders, and every peer must read the same cell.
	const options = Object.fromEntries([...((map.get('options') as Y.Map<unknown> | undefined)?.entries() ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)));
	return {
		id: String(map.get('id')),
		kind: map.get('kind') as Cell['kind'],
		...(language && { language }),
		source: (map.get('source') as Y.Text | undefined)?.toString() ?? '',
		options: structuredClone(options) as CellOptions
	};
}

/** The document as a Notebook, ready for serializeNotebook. */
export function readNotebook(doc: Y.Doc): Notebook {
	const file = fileOf(doc);
	const frontMatterSource = file.get('frontMatterSource') as string | undefined;
	return {
		meta: readMeta(doc),
		cells: cellsOf(doc).map(readCell),
		...(frontMatterSource !== undefined && { frontMatterSource })
	};
}
