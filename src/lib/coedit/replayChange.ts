/**
 * Turning a change of the notebook (cells added, removed, retyped) into edits of its shared
 * document: for the page's own edits (the browser), and for a change made to the file outside
 * Tape (a `git pull`), merged into the live document without losing what people typed meanwhile. The change is replayed as edits on a copy
 * of the document as it was when the file was last read or written (the base), then that copy's
 * new edits are applied to the live document: Yjs merges them with the live edits like those of
 * any other peer, so both survive.
 */
import * as Y from 'yjs';
import type { Cell, Notebook } from '$lib/notebook';
import { notebooksEqual } from '$lib/notebook';
import { cellsOf, readNotebook, sharedCell } from './sharedNotebook';

/** The smallest single replacement turning `before` into `after`, applied to `text`. */
export function applyTextChange(text: Y.Text, before: string, after: string): void {
	if (before === after) return;
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) start++;
	let end = 0;
	while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
	// Never split a surrogate pair.
	if (start > 0 && /[\uD800-\uDBFF]/.test(before[start - 1])) start--;
	if (end > 0 && /[\uDC00-\uDFFF]/.test(before[before.length - end])) end--;
	const removed = before.length - start - end;
	if (removed > 0) text.delete(start, removed);
	const inserted = after.slice(start, after.length - end);
	if (inserted) text.insert(start, inserted);
}

function sameShape(a: Cell, b: Cell): boolean {
	return a.kind === b.kind && a.language === b.language && JSON.stringify(a.options) === JSON.stringify(b.options);
}

function sameCell(a: Cell, b: Cell): boolean {
	return sameShape(a, b) && a.source === b.source;
}

/** Replays `before` → `after` on `doc`, which must read as `before`. */
export function replayChange(doc: Y.Doc, before: Notebook, after: Notebook): void {
	doc.transact(() => {
		if (JSON.stringify(before.meta) !== JSON.stringify(after.meta) || before.frontMatterSource !== after.frontMatterSource) {
			const file = doc.getMap('file');
			file.set('meta', structuredClone(after.meta));
			if (after.frontMatterSource !== undefined) file.set('frontMatterSource', after.frontMatterSource);
			else file.delete('frontMatterSource');
		}
		const old = before.cells;
		const next = after.cells;
		let head = 0;
		while (head < old.length && head < next.length && sameCell(old[head], next[head])) head++;
		let tail = 0;
		while (tail < old.length - head && tail < next.length - head && sameCell(old[old.length - 1 - tail], next[next.length - 1 - tail])) tail++;
		const oldMiddle = old.slice(head, old.length - tail);
		const newMiddle = next.slice(head, next.length - tail);
		const cells = cellsOf(doc);
		if (oldMiddle.length === newMiddle.length) {
			// Same number of cells changed: edit them in place, so live typing in them merges.
			newMiddle.forEach((cell, i) => {
				const shared = cells.get(head + i);
				const was = oldMiddle[i];
				if (!sameShape(was, cell)) {
					shared.set('kind', cell.kind);
					if (cell.language) shared.set('language', cell.language);
					else shared.delete('language');
					shared.set('options', structuredClone(cell.options));
				}
				applyTextChange(shared.get('source') as Y.Text, was.source, cell.source);
			});
		} else {
			cells.delete(head, oldMiddle.length);
			cells.insert(head, newMiddle.map(sharedCell));
		}
	});
}

/**
 * Merges the file's change `before` → `after` into `live`. `base` is the document's state (an
 * update) when it last matched `before`. Returns the new base (the state that reads as `after`),
 * or null when the base does not read as `before` (nothing is changed then).
 */
export function mergeOutsideChange(live: Y.Doc, base: Uint8Array, before: Notebook, after: Notebook): Uint8Array | null {
	const copy = new Y.Doc();
	try {
		Y.applyUpdate(copy, base);
		if (!notebooksEqual(readNotebook(copy), before)) return null;
		const baseVector = Y.encodeStateVector(copy);
		replayChange(copy, before, after);
		Y.applyUpdate(live, Y.encodeStateAsUpdate(copy, baseVector), 'outside');
		return Y.encodeStateAsUpdate(copy);
	} finally {
		copy.destroy();
	}
}

