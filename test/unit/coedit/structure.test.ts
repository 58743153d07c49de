/**
 * Co-editing the notebook's structure: cells inserted, deleted, moved, retyped and their options
 * changed by several people at once, each replayed on their own copy of the shared document the
 * way the page does, the copies exchanging updates in every order. Nothing anyone did may be lost
 * except by a delete of its cell, and every copy ends the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseNotebook, serializeNotebook, type Notebook } from '$lib/notebook';
import { mergeOutsideChange, replayChange } from '$lib/coedit/replayChange';
import { cellOrderOf, cellsByIdOf, readNotebook, tidyOrder, writeNotebook } from '$lib/coedit/sharedNotebook';
import { SharedReading } from '$lib/coedit/sharedReading';
import { edit, Ledger, losses, OPTION_KEYS, type Op } from '../../coedit-ops';

const NOTEBOOK = ['Cell one.', 'const two = 2;', 'Cell three.', 'const four = 4;', 'Cell five.', 'const six = 6;', 'Cell seven.', 'const eight = 8;']
	.map((source, i) => (i % 2 ? `\`\`\`ts\n${source}\n\`\`\`` : source))
	.join('\n\n');

/** Peers that all start from the same document, as browsers joining the server's room. */
function peers(count: number, text = NOTEBOOK): Y.Doc[] {
	const first = new Y.Doc();
	writeNotebook(first, parseNotebook(text));
	const state = Y.encodeStateAsUpdate(first);
	return [first, ...Array.from({ length: count - 1 }, () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		return doc;
	})];
}

/** What `from` has that `to` has not, applied to `to`. */
function send(from: Y.Doc, to: Y.Doc): void {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function syncAll(docs: Y.Doc[]): void {
	for (const from of docs) for (const to of docs) if (from !== to) send(from, to);
}

/** The page's own edit, replayed as the page does. */
function change(doc: Y.Doc, make: (notebook: Notebook) => void): void {
	const before = readNotebook(doc);
	const after = structuredClone(before);
	make(after);
	replayChange(doc, before, after);
}

const sources = (doc: Y.Doc) => readNotebook(doc).cells.map((cell) => cell.source);
const same = (docs: Y.Doc[]) => docs.every((doc) => JSON.stringify(readNotebook(doc)) === JSON.stringify(readNotebook(docs[0])));

describe('two people changing the structure at once', () => {
	it.each([
		['A first', false],
		['B first', true]
	])('an insert after cell 2 and typing in cell 5 are both kept (%s)', (_, bFirst) => {
		const [a, b] = peers(2);
		change(a, (nb) => nb.cells.splice(2, 0, { id: 'new', kind: 'code', source: 'const inserted = 1;', options: {} }));
		change(b, (nb) => (nb.cells[4].source += ' Typed by B.'));
		if (bFirst) send(b, a), send(a, b);
		else send(a, b), send(b, a);
		expect(same([a, b])).toBe(true);
		expect(sources(a).slice(1, 6)).toEqual(['const two = 2;', 'const inserted = 1;', 'Cell three.', 'const four = 4;', 'Cell five. Typed by B.']);
	});

	it('a delete of cell 3 and an insert after cell 7 are both kept', () => {
		const [a, b] = peers(2);
		change(a, (nb) => nb.cells.splice(2, 1));
		change(b, (nb) => nb.cells.splice(7, 0, { id: 'new', kind: 'markdown', source: 'Inserted by B.', options: {} }));
		syncAll([a, b]);
		expect(same([a, b])).toBe(true);
		expect(sources(a)).toEqual(['Cell one.', 'const two = 2;', 'const four = 4;', 'Cell five.', 'const six = 6;', 'Cell seven.', 'Inserted by B.', 'const eight = 8;']);
	});

	it('cell 1 moved to the end carries the text typed into it meanwhile', () => {
		const [a, b] = peers(2);
		change(a, (nb) => nb.cells.push(nb.cells.shift()!));
		change(b, (nb) => (nb.cells[0].source = 'Cell one, edited by B.'));
		syncAll([a, b]);
		expect(same([a, b])).toBe(true);
		expect(sources(a)).toEqual(['const two = 2;', 'Cell three.', 'const four = 4;', 'Cell five.', 'const six = 6;', 'Cell seven.', 'const eight = 8;', 'Cell one, edited by B.']);
	});

	it('two different options of the same cell, changed by two people, are both kept', () => {
		const [a, b] = peers(2);
		change(a, (nb) => (nb.cells[1].options.echo = true));
		change(b, (nb) => (nb.cells[1].options.hidden = true));
		syncAll([a, b]);
		expect(same([a, b])).toBe(true);
		expect(serializeNotebook(readNotebook(a))).toContain('```ts echo hidden\nconst two = 2;');
	});

	it('a kind changed by one and an option by the other are both kept', () => {
		const [a, b] = peers(2);
		change(a, (nb) => (nb.cells[2].kind = 'code'));
		change(b, (nb) => (nb.cells[2].options.collapsed = true));
		syncAll([a, b]);
		expect(same([a, b])).toBe(true);
		expect(readNotebook(a).cells[2]).toMatchObject({ kind: 'code', source: 'Cell three.', options: { collapsed: true } });
	});

	it('the title changed by one and the tags by the other are both kept, with the author\'s comment and key order', () => {
		const text = '---\ntitle: Breadth\n# why these tags: see the README\ntags: [breadth]\nowner: olga\n---\n\nCell one.\n';
		const [a, b] = peers(2, text);
		change(a, (nb) => (nb.meta.title = 'Breadth, weekly'));
		change(b, (nb) => (nb.meta.tags = ['breadth', 'small caps']));
		syncAll([a, b]);
		expect(same([a, b])).toBe(true);
		expect(readNotebook(a).meta).toEqual({ title: 'Breadth, weekly', tags: ['breadth', 'small caps'], owner: 'olga' });
		expect(serializeNotebook(readNotebook(a))).toBe('---\ntitle: Breadth, weekly\n# why these tags: see the README\ntags: [breadth, small caps]\nowner: olga\n---\n\nCell one.\n');
	});

	it('a key added by one and another removed by the other are both done', () => {
		const [a, b] = peers(2, '---\nowner: olga\n---\n\nCell one.\n');
		change(a, (nb) => (nb.meta.description = 'Weekly breadth'));
		change(b, (nb) => {
			delete nb.meta.owner;
			nb.meta.title = 'Breadth';
		});
		syncAll([a, b]);
		expect(same([a, b])).toBe(true);
		expect(serializeNotebook(readNotebook(a))).toBe('---\ntitle: Breadth\ndescription: Weekly breadth\n---\n\nCell one.\n');
	});

	it('the same cell moved by two people at once shows once, at the same place for both', () => {
		const [a, b] = peers(2);
		change(a, (nb) => nb.cells.push(nb.cells.shift()!));
		change(b, (nb) => nb.cells.splice(3, 0, nb.cells.shift()!));
		syncAll([a, b]);
		expect(same([a, b])).toBe(true);
		expect(sources(a).filter((source) => source === 'Cell one.')).toHaveLength(1);
		expect(sources(a)).toHaveLength(8);
	});
});

const op: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ type: fc.constant('type' as const), cell: fc.nat(30), at: fc.nat(30) }) },
	{ weight: 2, arbitrary: fc.record({ type: fc.constant('insert' as const), at: fc.nat(30), markdown: fc.boolean() }) },
	{ weight: 1, arbitrary: fc.record({ type: fc.constant('delete' as const), cell: fc.nat(30) }) },
	{ weight: 2, arbitrary: fc.record({ type: fc.constant('move' as const), cell: fc.nat(30), to: fc.nat(30) }) },
	{ weight: 2, arbitrary: fc.record({ type: fc.constant('option' as const), cell: fc.nat(30), key: fc.constantFrom(...OPTION_KEYS), on: fc.boolean() }) },
	{ weight: 1, arbitrary: fc.record({ type: fc.constant('kind' as const), cell: fc.nat(30) }) }
);

/**
 * A step of three people: one edits, or some updates travel between two of them, then maybe the
 * first (standing for the server's room) tidies its cell order, as the room does after edits.
 */
const step = fc.oneof(
	{ weight: 3, arbitrary: fc.record({ who: fc.nat(2), op }) },
	{ weight: 1, arbitrary: fc.record({ from: fc.nat(2), to: fc.nat(2), tidy: fc.boolean() }) }
);

/** Ids in the order whose cell is gone, and ids listed more than once. */
function untidy(doc: Y.Doc): { dead: string[]; repeated: string[] } {
	const ids = cellOrderOf(doc).toArray();
	return {
		dead: ids.filter((id) => !cellsByIdOf(doc).has(id)),
		repeated: ids.filter((id, k) => ids.indexOf(id) !== k)
	};
}

describe('random structural and text edits by three people, updates crossing in any order', () => {
	it('every copy ends the same, nothing is lost but what a delete took, and the order lists each live cell once', () => {
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
				const docs = peers(3);
				const initial = readNotebook(docs[0]);
				const ledger = new Ledger();
				for (const s of steps) {
					if ('op' in s) expect(edit(docs[s.who], s.op, 'abc'[s.who], ledger), 'the document reads as the page after a replay').toBe(true);
					else {
						if (s.from !== s.to) send(docs[s.from], docs[s.to]);
						if (s.tidy) tidyOrder(docs[0]);
					}
				}
				syncAll(docs);
				tidyOrder(docs[0]);
				syncAll(docs);
				expect(same(docs)).toBe(true);
				expect(losses(readNotebook(docs[0]), initial, ledger)).toEqual([]);
				for (const doc of docs) expect(untidy(doc)).toEqual({ dead: [], repeated: [] });
			}),
			{ numRuns: Number(process.env.COEDIT_RUNS ?? 200) }
		);
	});
});

describe('a page showing the shared document as it changes (SharedReading: only the cells an edit touched are read again)', () => {
	it('after any edits of anyone, the notebook it reads, and the page that changed only the cells it was told of, are the document read whole', () => {
		const pageId = (id: string) => `page-${id}`;
		const whole = (doc: Y.Doc): Notebook => {
			const read = readNotebook(doc);
			return { ...read, cells: read.cells.map((cell) => ({ ...cell, id: pageId(cell.id) })) };
		};
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
				const docs = peers(3);
				const readings = docs.map((doc) => new SharedReading(doc, pageId));
				const shown = readings.map((reading) => structuredClone(reading.notebook()));
				readings.forEach((reading) => reading.takeChanged());
				const ledger = new Ledger();
				for (const s of steps) {
					if ('op' in s) edit(docs[s.who], s.op, 'abc'[s.who], ledger);
					else {
						if (s.from !== s.to) send(docs[s.from], docs[s.to]);
						if (s.tidy) tidyOrder(docs[0]);
					}
					docs.forEach((doc, k) => {
						const notebook = readings[k].notebook();
						const changed = readings[k].takeChanged();
						expect(notebook).toEqual(whole(doc));
						if (!changed) shown[k] = structuredClone(notebook);
						else for (const i of changed) shown[k].cells[i] = structuredClone(notebook.cells[i]);
						expect(shown[k]).toEqual(whole(doc));
					});
				}
				readings.forEach((reading) => reading.dispose());
			}),
			{ numRuns: Number(process.env.COEDIT_RUNS ?? 200) }
		);
	});

	it('a notebook it returned stays as it was while the document changes on', () => {
		const [doc] = peers(1);
		const reading = new SharedReading(doc, (id) => id);
		const then = reading.notebook();
		const copy = structuredClone(then);
		change(doc, (nb) => (nb.cells[1].source += ' // typed'));
		expect(reading.notebook().cells[1].source).toBe('const two = 2; // typed');
		expect(reading.takeChanged()).toBeUndefined();
		change(doc, (nb) => (nb.cells[1].source += '!'));
		expect(reading.takeChanged()).toEqual([1]);
		expect(then).toEqual(copy);
	});
});

describe('a change of structure from outside (git pull) while people edit', () => {
	it('adds, removes and moves the cells the pull did, keeping what was typed live in each', () => {
		const [live] = peers(1);
		const base = Y.encodeStateAsUpdate(live);
		// Typed live, not yet written: into cell 2 (which the pull moves to the top) and cell 5.
		change(live, (nb) => {
			nb.cells[1].source += ' // live in two';
			nb.cells[4].source += ' Live in five.';
		});
		const before = parseNotebook(NOTEBOOK);
		const pulled = structuredClone(before);
		pulled.cells.unshift(pulled.cells.splice(1, 1)[0]); // cell 2 to the top
		pulled.cells.splice(3, 1); // cell 4 removed
		pulled.cells.splice(5, 0, { id: 'x', kind: 'markdown', source: 'Added by the pull.', options: {} });
		pulled.cells[6].source = 'Cell seven, pulled.';
		const merged = mergeOutsideChange(live, base, before, parseNotebook(serializeNotebook(pulled)));
		expect(merged?.dropped).toEqual([]);
		expect(sources(live)).toEqual([
			'const two = 2; // live in two',
			'Cell one.',
			'Cell three.',
			'Cell five. Live in five.',
			'const six = 6;',
			'Added by the pull.',
			'Cell seven, pulled.',
			'const eight = 8;'
		]);
	});

	it('keeps live typing in a cell the pull moved and edited (alike enough to be the same cell)', () => {
		const [live] = peers(1);
		const base = Y.encodeStateAsUpdate(live);
		change(live, (nb) => (nb.cells[3].source += ' // live in four'));
		const before = parseNotebook(NOTEBOOK);
		const pulled = structuredClone(before);
		const [four] = pulled.cells.splice(3, 1);
		pulled.cells.unshift({ ...four, source: 'const four = 4; // checked' });
		const merged = mergeOutsideChange(live, base, before, parseNotebook(serializeNotebook(pulled)));
		expect(merged?.dropped).toEqual([]);
		// Both added at the end of the same text: their order is Yjs's, the same for everyone.
		expect(sources(live)[0]).toMatch(/^const four = 4;(?= .*\/\/ live in four)(?= .*\/\/ checked)/);
		expect(sources(live)).toHaveLength(8);
	});

	it('merges random pulls (cells added, removed, moved, retyped) with random live typing, losing none of it', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 12 }), fc.array(fc.record({ cell: fc.nat(30), at: fc.nat(30) }), { maxLength: 12 }), (pull, typing) => {
				const [live, file] = peers(2);
				const base = Y.encodeStateAsUpdate(live);
				const before = readNotebook(file);
				const ledger = new Ledger();
				// The pull, made on another copy (as if by someone else's Tape); its cell ids are not the live ones.
				for (const o of pull) edit(file, o, 'p', ledger);
				const after = parseNotebook(serializeNotebook(readNotebook(file)));
				for (const t of typing) edit(live, { type: 'type', ...t }, 'l', ledger);
				const typedLive = [...ledger.typed.keys()].filter((token) => token.startsWith('<l'));
				const merge = mergeOutsideChange(live, base, before, after);
				expect(merge).not.toBeNull();
				const merged = readNotebook(live);
				// Without the live typing the document says what the pulled file says…
				const withoutLive = merged.cells.map((cell) => typedLive.reduce((source, token) => source.replace(token, ''), cell.source));
				expect(withoutLive).toEqual(after.cells.map((cell) => cell.source));
				// …and the live typing is there, or in a cell the pull removed (a cell it deleted, or
				// rewrote beyond likeness and moved), named with its live text for the room to keep.
				const text = merged.cells.map((cell) => cell.source).join('\n');
				const dropped = merge!.dropped.map((cell) => cell.source).join('\n');
				for (const token of typedLive) expect(text.includes(token) || dropped.includes(token), `${token} kept`).toBe(true);
				for (const cell of merge!.dropped) expect(merged.cells.some((shown) => shown.id === cell.id)).toBe(false);
			}),
			{ numRuns: Number(process.env.COEDIT_RUNS ?? 200) }
		);
	});
});
