/**
 * Turning a change of the notebook (cells added, removed, moved, retyped) into the smallest edits
 * of its shared document (sharedNotebook.ts says how they merge): for the page's own edits (the
 * browser; cells known by id), and for a change made to the file outside Tape (a `git pull`;
 * cells known by content), merged into the live document without losing what people typed
 * meanwhile. The outside change is replayed as edits on a copy of the document as it was when the
 * file was last read or written (the base), then that copy's new edits are applied to the live
 * document: Yjs merges them with the live edits like those of any other peer, so both survive.
 * A file read from disk has no cell ids, so its cells are matched by content: unchanged cells
 * (even moved ones), then changed ones between them, in order or by likeness, then changed ones
 * anywhere by likeness (moved and edited). A cell the pull rewrote beyond likeness and moved, or
 * next to cells it added or removed, counts as removed and added again: what was typed in it live
 * since the last write leaves the document, and mergeOutsideChange names those cells (the room
 * keeps the live text in the history first).
 */
import * as Y from 'yjs';
import type { Cell, Notebook } from '$lib/notebook';
import { newCellId, notebooksEqual } from '$lib/notebook';
import { cellOptionWords } from '$lib/notebook/cellOptions';
import { cellOrderOf, cellsByIdOf, cellsOf, fileOf, metaOf, readNotebook, sharedCell, type SharedCell } from './sharedNotebook';

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

function sameCell(a: Cell, b: Cell): boolean {
	return a.kind === b.kind && a.language === b.language && a.source === b.source && JSON.stringify(cellOptionWords(a.options)) === JSON.stringify(cellOptionWords(b.options));
}

/**
 * How the cells of `before` and `after` are told to be the same cell: by id for the page's own
 * edits (the page shows the document's ids), by content for a file read from disk (its ids are
 * new at every parse).
 */
export type MatchBy = 'id' | 'content';

/** For each cell of `after`, the index of the same cell in `before`, or -1 for a new cell. */
export function matchCells(before: Cell[], after: Cell[], by: MatchBy): number[] {
	const match = after.map(() => -1);
	if (by === 'id') {
		const index = new Map(before.map((cell, i) => [cell.id, i]));
		after.forEach((cell, j) => {
			const i = index.get(cell.id);
			if (i !== undefined) {
				match[j] = i;
				index.delete(cell.id);
			}
		});
		return match;
	}
	const used = before.map(() => false);
	const pair = (i: number, j: number) => ((match[j] = i), (used[i] = true));
	// Unchanged cells in order (a longest common subsequence) anchor the rest.
	const anchors = commonSubsequence(before, after, sameCell);
	anchors.forEach(([i, j]) => pair(i, j));
	// An unchanged cell found elsewhere was moved.
	after.forEach((cell, j) => {
		if (match[j] >= 0) return;
		const i = before.findIndex((was, i) => !used[i] && sameCell(was, cell));
		if (i >= 0) pair(i, j);
	});
	// Between two anchors, the cells that changed are the same cells edited (so live typing in
	// them merges with the change): in order when as many are left on both sides, else the most
	// alike first. The ones left over were added or removed.
	const bounds: [number, number][] = [[-1, -1], ...anchors, [before.length, after.length]];
	for (let k = 1; k < bounds.length; k++) {
		const olds = range(bounds[k - 1][0] + 1, bounds[k][0]).filter((i) => !used[i]);
		const news = range(bounds[k - 1][1] + 1, bounds[k][1]).filter((j) => match[j] < 0);
		if (olds.length === news.length) olds.forEach((i, n) => pair(i, news[n]));
		else pairAlike(olds, news, before, after).forEach(([i, j]) => pair(i, j));
	}
	// A cell both moved and edited lies between other anchors on each side: the most alike left over, anywhere.
	const olds = range(0, before.length).filter((i) => !used[i]);
	const news = range(0, after.length).filter((j) => match[j] < 0);
	pairAlike(olds, news, before, after, true).forEach(([i, j]) => pair(i, j));
	return match;
}

/** How alike two texts are: the share of the longer one kept as a common start and end. */
function likeness(a: string, b: string): number {
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let end = 0;
	while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
	return (start + end) / Math.max(a.length, b.length, 1);
}

/** Pairs of old and new cells that are alike (half their text or more), most alike first, never crossing unless `moved`. */
function pairAlike(olds: number[], news: number[], before: Cell[], after: Cell[], moved = false): [number, number][] {
	const candidates = olds
		.flatMap((i) => news.map((j) => ({ i, j, score: likeness(before[i].source, after[j].source) })))
		.filter(({ score }) => score >= 0.5)
		.sort((x, y) => y.score - x.score);
	const pairs: [number, number][] = [];
	for (const { i, j } of candidates) {
		if (pairs.some(([pi, pj]) => pi === i || pj === j || (!moved && pi < i !== pj < j))) continue;
		pairs.push([i, j]);
	}
	return pairs;
}

function range(from: number, to: number): number[] {
	return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

/** Index pairs of a longest common subsequence of `a` and `b`. */
function commonSubsequence<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): [number, number][] {
	let head = 0;
	while (head < a.length && head < b.length && same(a[head], b[head])) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++;
	const n = a.length - head - tail;
	const m = b.length - head - tail;
	// lengths[i][j]: the longest common subsequence of a's middle from i and b's middle from j.
	const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lengths[i][j] = same(a[head + i], b[head + j]) ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
		}
	}
	const pairs: [number, number][] = range(0, head).map((k) => [k, k]);
	for (let i = 0, j = 0; i < n && j < m; ) {
		if (same(a[head + i], b[head + j])) pairs.push([head + i++, head + j++]);
		else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
		else j++;
	}
	for (let k = tail; k > 0; k--) pairs.push([a.length - k, b.length - k]);
	return pairs;
}

/** Positions (in `values`) of a longest increasing subsequence. */
function increasingSubsequence(values: number[]): Set<number> {
	const tails: number[] = []; // tails[k]: position of the smallest last value of an increasing run of length k + 1
	const previous: number[] = values.map(() => -1);
	values.forEach((value, p) => {
		let lo = 0;
		let hi = tails.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (values[tails[mid]] < value) lo = mid + 1;
			else hi = mid;
		}
		if (lo > 0) previous[p] = tails[lo - 1];
		tails[lo] = p;
	});
	const kept = new Set<number>();
	for (let p = tails.at(-1) ?? -1; p >= 0; p = previous[p]) kept.add(p);
	return kept;
}

/** Changes a cell's kind, language and options key by key, and its text by the smallest replacement. */
export function updateCell(shared: SharedCell, was: Cell, cell: Cell): void {
	if (was.kind !== cell.kind) shared.set('kind', cell.kind);
	if (was.language !== cell.language) {
		if (cell.language) shared.set('language', cell.language);
		else shared.delete('language');
	}
	const options = shared.get('options') as Y.Map<unknown>;
	const wasOptions = was.options as Record<string, unknown>;
	const nowOptions = cell.options as Record<string, unknown>;
	for (const key of new Set([...Object.keys(wasOptions), ...Object.keys(nowOptions)])) {
		if (JSON.stringify(wasOptions[key]) === JSON.stringify(nowOptions[key])) continue;
		if (nowOptions[key] === undefined) options.delete(key);
		else options.set(key, structuredClone(nowOptions[key]));
	}
	applyTextChange(shared.get('source') as Y.Text, was.source, cell.source);
}

/** Changes the front matter key by key (like a cell's options), and its source when it changed. */
function updateMeta(doc: Y.Doc, before: Notebook, after: Notebook): void {
	const was = before.meta as Record<string, unknown>;
	const now = after.meta as Record<string, unknown>;
	const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]));
	if (keys.length) {
		const meta = metaOf(doc);
		for (const key of keys) {
			if (now[key] === undefined) meta.delete(key);
			else meta.set(key, structuredClone(now[key]));
		}
	}
	if (before.frontMatterSource === after.frontMatterSource) return;
	const file = fileOf(doc);
	if (after.frontMatterSource !== undefined) file.set('frontMatterSource', after.frontMatterSource);
	else file.delete('frontMatterSource');
}

/** Takes every occurrence of `id` out of the cell order. */
function unlist(order: Y.Array<string>, id: string): void {
	for (let k = order.length - 1; k >= 0; k--) if (order.get(k) === id) order.delete(k, 1);
}

/**
 * Replays `before` → `after` on `doc`, which must read as `before`, as the smallest edits: cells
 * added, removed or moved one by one, options key by key, text by the smallest replacement.
 */
export function replayChange(doc: Y.Doc, before: Notebook, after: Notebook, by: MatchBy = 'id'): void {
	doc.transact(() => {
		updateMeta(doc, before, after);
		const shown = cellsOf(doc);
		if (shown.length !== before.cells.length) throw new Error(`the shared document has ${shown.length} cells, not the ${before.cells.length} it was said to have`);
		const ids = shown.map((cell) => String(cell.get('id')));
		const order = cellOrderOf(doc);
		const byId = cellsByIdOf(doc);
		const match = matchCells(before.cells, after.cells, by);

		const kept = new Set(match.filter((i) => i >= 0));
		ids.forEach((id, i) => {
			if (kept.has(i)) return;
			unlist(order, id);
			byId.delete(id);
		});
		match.forEach((i, j) => {
			if (i >= 0) updateCell(shown[i], before.cells[i], after.cells[j]);
		});

		// Cells that keep their order relative to each other stay where they are; each other one
		// is put right after the cell it now follows.
		const matched = match.map((i, j) => [i, j]).filter(([i]) => i >= 0);
		const inPlace = new Set([...increasingSubsequence(matched.map(([i]) => i))].map((p) => matched[p][1]));
		let previous: string | undefined;
		after.cells.forEach((cell, j) => {
			const i = match[j];
			let id = i >= 0 ? ids[i] : cell.id;
			if (!inPlace.has(j)) {
				if (i >= 0) unlist(order, id);
				else {
					// Ids are per load: one from another load could, rarely, already be taken.
					if (byId.has(id)) id = newCellId();
					unlist(order, id);
					byId.set(id, sharedCell({ ...cell, id }));
				}
				order.insert(previous === undefined ? 0 : order.toArray().indexOf(previous) + 1, [id]);
			}
			previous = id;
		});
	});
}

export interface OutsideMerge {
	/** The new base: the state that reads as `after`. */
	base: Uint8Array;
	/** Cells the change removed that had live edits not in `before` (as they were live): their edits are gone from the document. */
	dropped: Cell[];
}

/**
 * Merges the file's change `before` → `after` into `live`. `base` is the document's state (an
 * update) when it last matched `before`. Returns the new base and the cells whose live edits the
 * change removed with them (for the caller to keep), or null when the base does not read as
 * `before` (nothing is changed then).
 */
export function mergeOutsideChange(live: Y.Doc, base: Uint8Array, before: Notebook, after: Notebook): OutsideMerge | null {
	const copy = new Y.Doc();
	try {
		Y.applyUpdate(copy, base);
		const was = readNotebook(copy);
		if (!notebooksEqual(was, before)) return null;
		const baseVector = Y.encodeStateVector(copy);
		replayChange(copy, before, after, 'content');
		const kept = new Set(cellsOf(copy).map((cell) => String(cell.get('id'))));
		const wasById = new Map(was.cells.map((cell) => [cell.id, cell]));
		const dropped = readNotebook(live).cells.filter((cell) => wasById.has(cell.id) && !kept.has(cell.id) && !sameCell(cell, wasById.get(cell.id)!));
		Y.applyUpdate(live, Y.encodeStateAsUpdate(copy, baseVector), 'outside');
		return { base: Y.encodeStateAsUpdate(copy), dropped };
	} finally {
		copy.destroy();
	}
}

