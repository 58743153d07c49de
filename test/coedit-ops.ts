/**
 * Random edits of a live notebook as a page makes them (cells typed in, inserted, deleted, moved,
 * retyped, their options changed), each replayed on the person's shared document the way the page
 * does (src/lib/ui/liveNotebook.svelte.ts), and a ledger of who did what, to tell afterwards
 * whether the merged notebook lost anything. Used by the unit property test and the reliability
 * suite's co-editing part.
 */
import type * as Y from 'yjs';
import { newCellId, notebooksEqual, type Cell, type Notebook } from '../src/lib/notebook';
import { replayChange } from '../src/lib/coedit/replayChange';
import { readNotebook } from '../src/lib/coedit/sharedNotebook';

export type Op =
	| { type: 'type'; cell: number; at: number }
	| { type: 'insert'; at: number; markdown: boolean }
	| { type: 'delete'; cell: number }
	| { type: 'move'; cell: number; to: number }
	| { type: 'option'; cell: number; key: 'echo' | 'hidden' | 'collapsed'; on: boolean }
	| { type: 'kind'; cell: number };

export const OPTION_KEYS = ['echo', 'hidden', 'collapsed'] as const;

/** What everyone did, by cell id. */
export class Ledger {
	/** Each token typed, with the cell it was typed into. */
	typed = new Map<string, string>();
	deleted = new Set<string>();
	inserted = new Set<string>();
	moved = new Set<string>();
	/** `${cell} ${key}` → who set it, and the value they set last. */
	options = new Map<string, Map<string, boolean>>();
	/** cell → who changed its kind, and the kind they set last. */
	kinds = new Map<string, Map<string, Cell['kind']>>();
	#count = 0;

	token(who: string): string {
		return `<${who}${this.#count++}>`;
	}
}

/** Places between tokens (so a token typed is never split by another). */
function cuts(source: string): number[] {
	return [0, ...[...source.matchAll(/>/g)].map((m) => m.index! + 1)];
}

/** Applies `op` to the page's notebook (a copy); returns false when it does not apply (no cells). */
function applyToPage(notebook: Notebook, op: Op, who: string, ledger: Ledger): boolean {
	const cells = notebook.cells;
	if (op.type === 'insert') {
		const id = newCellId();
		const token = ledger.token(who);
		cells.splice(op.at % (cells.length + 1), 0, { id, kind: op.markdown ? 'markdown' : 'code', source: token, options: {} });
		ledger.inserted.add(id);
		ledger.typed.set(token, id);
		return true;
	}
	if (!cells.length) return false;
	const cell = cells[op.cell % cells.length];
	switch (op.type) {
		case 'type': {
			const places = cuts(cell.source);
			const at = places[op.at % places.length];
			const token = ledger.token(who);
			cell.source = cell.source.slice(0, at) + token + cell.source.slice(at);
			ledger.typed.set(token, cell.id);
			break;
		}
		case 'delete':
			cells.splice(cells.indexOf(cell), 1);
			ledger.deleted.add(cell.id);
			break;
		case 'move': {
			cells.splice(cells.indexOf(cell), 1);
			cells.splice(op.to % (cells.length + 1), 0, cell);
			ledger.moved.add(cell.id);
			break;
		}
		case 'option': {
			if (op.on) cell.options[op.key] = true;
			else delete cell.options[op.key];
			const key = `${cell.id} ${op.key}`;
			if (!ledger.options.has(key)) ledger.options.set(key, new Map());
			ledger.options.get(key)!.set(who, op.on);
			break;
		}
		case 'kind': {
			cell.kind = cell.kind === 'code' ? 'markdown' : 'code';
			if (!ledger.kinds.has(cell.id)) ledger.kinds.set(cell.id, new Map());
			ledger.kinds.get(cell.id)!.set(who, cell.kind);
			break;
		}
	}
	return true;
}

/**
 * One person's edit: made on the page's notebook (the shared document as shown), then replayed
 * on the document. Returns whether the document then reads exactly as the page (ids included).
 */
export function edit(doc: Y.Doc, op: Op, who: string, ledger: Ledger): boolean {
	const before = readNotebook(doc);
	const after = structuredClone(before);
	if (!applyToPage(after, op, who, ledger)) return true;
	doc.transact(() => replayChange(doc, before, after), 'page');
	const now = readNotebook(doc);
	return notebooksEqual(now, after) && now.cells.every((cell, i) => cell.id === after.cells[i].id);
}

/** What the merged notebook lost or got wrong, each a sentence (empty: nothing). */
export function losses(merged: Notebook, initial: Notebook, ledger: Ledger): string[] {
	const problems: string[] = [];
	const byId = new Map(merged.cells.map((cell) => [cell.id, cell]));
	if (byId.size !== merged.cells.length) problems.push('a cell is shown twice');
	for (const id of [...initial.cells.map((cell) => cell.id), ...ledger.inserted]) {
		const kept = byId.has(id);
		if (ledger.deleted.has(id) && kept) problems.push(`cell ${id} was deleted but is still there`);
		if (!ledger.deleted.has(id) && !kept) problems.push(`cell ${id} was lost`);
	}
	for (const [token, id] of ledger.typed) {
		if (ledger.deleted.has(id)) continue;
		if (!byId.get(id)?.source.includes(token)) problems.push(`${token} typed in cell ${id} was lost`);
	}
	// An option or a kind set by one person only is theirs (last writer wins between people).
	for (const [key, setters] of ledger.options) {
		const [id, option] = key.split(' ');
		if (setters.size !== 1 || ledger.deleted.has(id)) continue;
		const [on] = setters.values();
		if (Boolean(byId.get(id)?.options[option as (typeof OPTION_KEYS)[number]]) !== on) problems.push(`option ${option} of cell ${id} was lost`);
	}
	for (const [id, setters] of ledger.kinds) {
		if (setters.size !== 1 || ledger.deleted.has(id)) continue;
		const [kind] = setters.values();
		if (byId.get(id)?.kind !== kind) problems.push(`the kind of cell ${id} was lost`);
	}
	// Cells nobody moved keep their order.
	const still = initial.cells.map((cell) => cell.id).filter((id) => byId.has(id) && !ledger.moved.has(id));
	const order = merged.cells.map((cell) => cell.id).filter((id) => still.includes(id));
	if (order.join() !== still.join()) problems.push('cells nobody moved changed order');
	return problems;
}
