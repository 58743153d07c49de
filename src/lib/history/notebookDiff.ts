/**
 * What changed between two versions of a notebook, cell by cell: cells are matched by content
 * (their ids are not kept in the file), a removed cell next to an added one is the same cell
 * edited, and an edited cell carries its line diff. The computed conclusions are compared along
 * the same matching, by each code cell's number in its own version (as the report numbers them).
 */
import { diffArrays, diffLines, diffWords, type ChangeObject } from 'diff';
import { parseNotebook, type Cell } from '../notebook/index';

export type CellChange = 'same' | 'changed' | 'added' | 'removed';

export interface CellDiff {
	change: CellChange;
	kind: Cell['kind'];
	/** "Cell 3" (its place in the newer version; in the older one for a removed cell). */
	label: string;
	lines: ChangeObject<string>[];
	/** Code cells' numbers in each version (1-based among code cells), to match their outputs. */
	before?: number;
	after?: number;
}

interface Numbered {
	cell: Cell;
	/** 1-based among all cells. */
	place: number;
	/** 1-based among code cells. */
	code?: number;
}

function numbered(text: string, name: string): Numbered[] {
	let code = 0;
	return parseNotebook(text, name).cells.map((cell, i) => ({ cell, place: i + 1, ...(cell.kind === 'code' && { code: ++code }) }));
}

const keyOf = (entry: Numbered) => `${entry.cell.kind}\u0000${entry.cell.language ?? ''}\u0000${entry.cell.source}`;

export function diffNotebooks(beforeText: string, afterText: string, name: string): CellDiff[] {
	const before = numbered(beforeText, name);
	const after = numbered(afterText, name);
	const runs = diffArrays(before, after, { comparator: (a, b) => keyOf(a) === keyOf(b) });
	const diffs: CellDiff[] = [];
	let removed: Numbered[] = [];
	let added: Numbered[] = [];
	const flush = () => {
		const paired = Math.min(removed.length, added.length);
		for (let i = 0; i < paired; i++) diffs.push(pairOf(removed[i], added[i]));
		for (const old of removed.slice(paired)) diffs.push({ change: 'removed', kind: old.cell.kind, label: `Cell ${old.place}`, lines: diffLines(old.cell.source, ''), before: old.code });
		for (const fresh of added.slice(paired)) diffs.push({ change: 'added', kind: fresh.cell.kind, label: `Cell ${fresh.place}`, lines: diffLines('', fresh.cell.source), after: fresh.code });
		removed = [];
		added = [];
	};
	// Indices into both versions: a run's value may come from either, so it is counted, not read.
	let b = 0;
	let a = 0;
	for (const run of runs) {
		const count = run.value.length;
		if (run.removed) removed.push(...before.slice(b, (b += count)));
		else if (run.added) added.push(...after.slice(a, (a += count)));
		else {
			flush();
			for (let i = 0; i < count; i++) {
				const old = before[b + i];
				const fresh = after[a + i];
				diffs.push({ change: 'same', kind: fresh.cell.kind, label: `Cell ${fresh.place}`, lines: diffLines(old.cell.source, fresh.cell.source), before: old.code, after: fresh.code });
			}
			b += count;
			a += count;
		}
	}
	flush();
	return diffs;
}

function pairOf(old: Numbered, fresh: Numbered): CellDiff {
	// A text cell turned into code (or back) is a removal and an addition, shown as one change.
	return { change: 'changed', kind: fresh.cell.kind, label: `Cell ${fresh.place}`, lines: diffLines(old.cell.source, fresh.cell.source), before: old.code, after: fresh.code };
}

export interface ConclusionDiff {
	label: string;
	before: string;
	after: string;
	words: ChangeObject<string>[];
}

/**
 * The code cells whose shown output differs between the versions, given what each version's
 * report showed per code cell number; cells that show the same are left out.
 */
export function diffConclusions(cells: CellDiff[], before: Map<number, string>, after: Map<number, string>): ConclusionDiff[] {
	const out: ConclusionDiff[] = [];
	for (const cell of cells) {
		if (cell.kind !== 'code') continue;
		const old = cell.before === undefined ? '' : (before.get(cell.before) ?? '');
		const fresh = cell.after === undefined ? '' : (after.get(cell.after) ?? '');
		if (old !== fresh) out.push({ label: cell.label, before: old, after: fresh, words: diffWords(old, fresh) });
	}
	return out;
}
