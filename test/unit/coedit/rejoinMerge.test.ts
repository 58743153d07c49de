/**
 * The three-way merge a page rejoining a reopened room makes (rejoinMerge.ts): base is what the
 * room last had as far as the page knows, ours the page now, theirs the new room. Nothing typed
 * on either side may be lost, and nothing doubled.
 */
import { describe, expect, it } from 'vitest';
import type { Cell, Notebook } from '$lib/notebook';
import { mergeRejoin } from '$lib/coedit/rejoinMerge';

const cell = (id: string, source: string): Cell => ({ id, kind: 'code', source, options: {} });
const notebook = (...cells: Cell[]): Notebook => ({ meta: { title: 'T' }, cells });
const base = notebook(cell('a', 'const a = 1;'), cell('b', 'const b = 1;'), cell('c', 'const c = 1;'));
const sources = (nb: Notebook) => nb.cells.map((c) => c.source);

describe('a rejoin merging the page\'s offline edits into the new room', () => {
	it('keeps a cell added offline after the cell it follows on the page, once', () => {
		const ours = notebook(base.cells[0], cell('new', 'const n = 1;'), base.cells[1], base.cells[2]);
		const theirs = notebook(cell('a', 'const a = 1;'), cell('b', 'const b = 2; // pulled'), cell('c', 'const c = 1;'));
		expect(sources(mergeRejoin(base, ours, theirs).notebook)).toEqual(['const a = 1;', 'const n = 1;', 'const b = 2; // pulled', 'const c = 1;']);
	});

	it('drops a cell deleted offline, unless the room changed it meanwhile', () => {
		const ours = notebook(base.cells[0], base.cells[2]);
		expect(sources(mergeRejoin(base, ours, base).notebook)).toEqual(['const a = 1;', 'const c = 1;']);
		const theirs = notebook(base.cells[0], cell('b', 'const b = 2; // pulled'), base.cells[2]);
		expect(sources(mergeRejoin(base, ours, theirs).notebook)).toEqual(['const a = 1;', 'const b = 2; // pulled', 'const c = 1;']);
	});

	it('brings back a cell the room removed only when it was typed in offline', () => {
		const theirs = notebook(base.cells[0], base.cells[2]);
		expect(sources(mergeRejoin(base, base, theirs).notebook)).toEqual(['const a = 1;', 'const c = 1;']);
		const ours = notebook(base.cells[0], cell('b', 'const b = 10;'), base.cells[2]);
		expect(sources(mergeRejoin(base, ours, theirs).notebook)).toEqual(['const a = 1;', 'const b = 10;', 'const c = 1;']);
	});

	it('keeps the page\'s text where both changed a cell differently and names that cell; the same change is no conflict', () => {
		const ours = notebook(cell('a', 'const a = 10;'), base.cells[1], base.cells[2]);
		const theirs = notebook(cell('a', 'const a = 2; // pulled'), base.cells[1], base.cells[2]);
		const merged = mergeRejoin(base, ours, theirs);
		expect(sources(merged.notebook)[0]).toBe('const a = 10;');
		expect(merged.conflicts).toEqual(['const a = 10;']);
		expect(mergeRejoin(base, ours, ours).conflicts).toEqual([]);
	});

	it('keeps a cell moved offline where the page put it, with the room\'s changes to the cells', () => {
		const ours = notebook(base.cells[2], base.cells[0], base.cells[1]);
		const theirs = notebook(base.cells[0], cell('b', 'const b = 2; // pulled'), base.cells[2]);
		expect(sources(mergeRejoin(base, ours, theirs).notebook)).toEqual(['const c = 1;', 'const a = 1;', 'const b = 2; // pulled']);
	});

	it('keeps both an offline move and the room\'s move of other cells; the room\'s order stands for a cell both moved', () => {
		const five = notebook(...base.cells, cell('d', 'const d = 1;'), cell('e', 'const e = 1;'));
		const [a, b, c, d, e] = five.cells;
		// The page moved b after d; the room (a pull) put e before c.
		expect(sources(mergeRejoin(five, notebook(a, c, d, b, e), notebook(a, b, e, c, d)).notebook)).toEqual(['const a = 1;', 'const e = 1;', 'const c = 1;', 'const d = 1;', 'const b = 1;']);
		// Both moved b, to different places: the room's.
		expect(sources(mergeRejoin(five, notebook(a, c, d, b, e), notebook(a, c, d, e, b)).notebook)).toEqual(['const a = 1;', 'const c = 1;', 'const d = 1;', 'const e = 1;', 'const b = 1;']);
	});

	it('takes the front-matter keys the page changed, and the room\'s others', () => {
		const ours = { ...base, meta: { title: 'Mine' } };
		const theirs = { ...base, meta: { title: 'T', tags: ['pulled'] } };
		expect(mergeRejoin(base, ours, theirs).notebook.meta).toEqual({ title: 'Mine', tags: ['pulled'] });
	});
});
