/**
 * A page rejoining a reopened room (roomEpoch.ts) brings what it typed since its connection
 * dropped. Per cell, three texts: base (the page's shared notebook when the connection dropped),
 * ours (the page now), theirs (the new room: the file as the old room left it, plus any outside
 * change meanwhile, a `git pull`). All three carry the page's cell ids (theirs through CellIdMap).
 *
 * - a cell only one side changed takes that side's change (offline typing and a `git pull` both
 *   survive); one both changed alike is that;
 * - one both changed differently takes ours: the person is looking at it and just typed it. The
 *   room's version is not lost: the page asks the room to keep its text as a History version
 *   first (`conflicts` says which cells);
 * - a cell added offline is put after the cell it follows on the page; one deleted offline goes
 *   unless the room changed it meanwhile; one the room removed comes back only if typed in
 *   offline (nothing typed is dropped);
 * - a cell moved offline goes after the cell it follows on the page, unless the room moved it too
 *   (then the room's order stands for it);
 * - front-matter keys: each key ours changed is ours, the others theirs.
 */
import type { Cell, Notebook } from '$lib/notebook';
import { cellLabel } from './typingRemoved';

export interface RejoinMerge {
	notebook: Notebook;
	/** The cells both sides changed differently, by their first line (ours kept, theirs to History). */
	conflicts: string[];
}

const content = (cell: Cell) => JSON.stringify([cell.kind, cell.language ?? null, cell.source, Object.entries(cell.options).sort(([a], [b]) => (a < b ? -1 : 1))]);

export function mergeRejoin(base: Notebook, ours: Notebook, theirs: Notebook): RejoinMerge {
	const baseById = new Map(base.cells.map((cell) => [cell.id, cell]));
	const oursById = new Map(ours.cells.map((cell) => [cell.id, cell]));
	const theirIds = new Set(theirs.cells.map((cell) => cell.id));
	const conflicts: string[] = [];
	const cells: Cell[] = [];
	for (const their of theirs.cells) {
		const was = baseById.get(their.id);
		const mine = oursById.get(their.id);
		if (!was) cells.push(their);
		else if (!mine) {
			if (content(their) !== content(was)) cells.push(their);
		} else if (content(mine) === content(was) || content(their) === content(was) || content(their) === content(mine)) {
			cells.push(content(mine) === content(was) ? their : mine);
		} else {
			// Named as the page shows it: the person finds it by what they typed.
			conflicts.push(cellLabel(mine.source));
			cells.push(mine);
		}
	}
	// Cells of ours the room has not: added offline, or typed in offline after the room removed them.
	let previous = -1;
	for (const mine of ours.cells) {
		const at = cells.findIndex((cell) => cell.id === mine.id);
		if (at >= 0) {
			previous = at;
			continue;
		}
		const was = baseById.get(mine.id);
		if (theirIds.has(mine.id) || (was && content(was) === content(mine))) continue;
		cells.splice(++previous, 0, mine);
	}
	keepOfflineMoves(cells, base, ours, theirs);
	const meta: Record<string, unknown> = structuredClone(theirs.meta);
	for (const key of new Set([...Object.keys(base.meta), ...Object.keys(ours.meta)])) {
		const mine = (ours.meta as Record<string, unknown>)[key];
		if (JSON.stringify(mine) === JSON.stringify((base.meta as Record<string, unknown>)[key])) continue;
		if (mine === undefined) delete meta[key];
		else meta[key] = structuredClone(mine);
	}
	return { notebook: { ...theirs, meta: meta as Notebook['meta'], cells }, conflicts };
}

/**
 * Which ids of `after` moved since `before` (same ids, another order): those outside a longest
 * common subsequence of the two, the fewest cells that explain the new order.
 */
function movedIds(before: string[], after: string[]): Set<string> {
	const n = before.length;
	const m = after.length;
	const lengths = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
	for (let i = n - 1; i >= 0; i--)
		for (let j = m - 1; j >= 0; j--) lengths[i][j] = before[i] === after[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
	const stayed = new Set<string>();
	for (let i = 0, j = 0; i < n && j < m; ) {
		if (before[i] === after[j]) stayed.add(before[i]), i++, j++;
		else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
		else j++;
	}
	return new Set(after.filter((id) => !stayed.has(id)));
}

/** Puts each cell the page moved offline, and the room did not, after the cell it follows on the page (in place, on `cells`). */
function keepOfflineMoves(cells: Cell[], base: Notebook, ours: Notebook, theirs: Notebook): void {
	const everywhere = (nb: Notebook, ...others: Notebook[]) =>
		nb.cells.map((cell) => cell.id).filter((id) => others.every((other) => other.cells.some((cell) => cell.id === id)));
	const byPage = movedIds(everywhere(base, ours, theirs), everywhere(ours, base, theirs));
	if (!byPage.size) return;
	const byRoom = movedIds(everywhere(base, ours, theirs), everywhere(theirs, base, ours));
	for (const [i, mine] of ours.cells.entries()) {
		if (!byPage.has(mine.id) || byRoom.has(mine.id)) continue;
		const from = cells.findIndex((cell) => cell.id === mine.id);
		if (from < 0) continue;
		const [cell] = cells.splice(from, 1);
		let after = -1;
		for (let k = i - 1; k >= 0 && after < 0; k--) after = cells.findIndex((other) => other.id === ours.cells[k].id);
		cells.splice(after + 1, 0, cell);
	}
}
