/**
 * The page keeps its own cell ids once it joins a live room (its outputs belong to them), and
 * translates them to the room's ids both ways (CellIdMap, used by liveNotebook.svelte.ts): after a
 * join matched by content, after the room's and the page's own inserts, deletes and moves, and
 * after a join again. Each test plays the page the way LiveNotebook does: its edits are replayed
 * on its copy of the shared document through toShared, and what others did is shown through
 * toPage; typing goes straight into the shared text of sharedId (Monaco's binding).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newCellId, parseNotebook, serializeNotebook, type Cell, type Notebook } from '$lib/notebook';
import { CellIdMap } from '$lib/coedit/cellIdMap';
import { replayChange } from '$lib/coedit/replayChange';
import { readNotebook, sourceOf, writeNotebook } from '$lib/coedit/sharedNotebook';

const TEXT = ['# Intro', '```ts\nconst a = 1;\n```', 'Middle words.', '```ts\nconst b = a + 1;\n```'].join('\n\n') + '\n';

function send(from: Y.Doc, to: Y.Doc): void {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** A room that parsed `text` itself, a page that parsed it too (other ids), joined. */
function joined(text = TEXT, roomFirst?: (room: Y.Doc) => void) {
	const room = new Y.Doc();
	writeNotebook(room, parseNotebook(text));
	roomFirst?.(room);
	const client = new Y.Doc();
	send(room, client);
	const ids = new CellIdMap();
	const page = { notebook: parseNotebook(text) };
	ids.adopt(page.notebook, readNotebook(client));
	return { room, client, ids, page };
}

type Joined = ReturnType<typeof joined>;

/** Someone else (the room's side) changes the document; the page shows it. */
function roomChange({ room, client, ids, page }: Joined, make: (cells: Cell[]) => void): void {
	const before = readNotebook(room);
	const after = structuredClone(before);
	make(after.cells);
	replayChange(room, before, after);
	send(room, client);
	page.notebook = ids.toPage(readNotebook(client));
}

/** The page changes its notebook; LiveNotebook.changed replays it on the shared document. */
function pageChange({ room, client, ids, page }: Joined, make: (cells: Cell[]) => void): void {
	make(page.notebook.cells);
	replayChange(client, readNotebook(client), ids.toShared(page.notebook));
	send(client, room);
}

const idsOf = (notebook: Notebook) => notebook.cells.map((cell) => cell.id);
const sourcesOf = (notebook: Notebook) => notebook.cells.map((cell) => cell.source);
const code = (source: string): Cell => ({ id: newCellId(), kind: 'code', source, options: {} });

describe('page ids and room ids', () => {
	it('after a join matched by content, the page keeps its ids (also for a cell the room edited meanwhile), and a cell the room added keeps the room id', () => {
		const j = joined(TEXT, (room) => {
			const before = readNotebook(room);
			const after = structuredClone(before);
			after.cells[1].source = 'const a = 10;';
			after.cells.push({ ...code('const added = 1;'), id: 'room-added' });
			replayChange(room, before, after);
		});
		const pageIds = idsOf(j.page.notebook);
		const shared = readNotebook(j.client);
		expect(idsOf(shared).slice(0, 4)).not.toEqual(pageIds);
		const shown = j.ids.toPage(shared);
		expect(idsOf(shown)).toEqual([...pageIds, 'room-added']);
		expect(sourcesOf(shown)[1]).toBe('const a = 10;');
		expect(idsOf(j.ids.toShared(shown))).toEqual(idsOf(shared));
		expect(j.ids.sharedId(pageIds[1])).toBe(shared.cells[1].id);
	});

	it('after the room inserts, deletes and moves cells, the page ids stay on the same cells', () => {
		const j = joined();
		const [intro, a, middle, b] = idsOf(j.page.notebook);
		roomChange(j, (cells) => cells.splice(1, 0, { ...code('const inserted = 0;'), id: 'ins' }));
		roomChange(j, (cells) => cells.splice(cells.findIndex((cell) => cell.source === 'Middle words.'), 1));
		roomChange(j, (cells) => cells.push(...cells.splice(0, 1)));
		expect(idsOf(j.page.notebook)).toEqual(['ins', a, b, intro]);
		expect(sourcesOf(j.page.notebook)).toEqual(['const inserted = 0;', 'const a = 1;', 'const b = a + 1;', '# Intro']);
		expect(j.page.notebook.cells.map((cell) => cell.id)).not.toContain(middle);
	});

	it('after the page inserts, deletes and moves cells, the room has them in its order, and the page ids come back unchanged', () => {
		const j = joined();
		const ids = idsOf(j.page.notebook);
		const mine = code('const mine = 3;');
		pageChange(j, (cells) => cells.splice(2, 0, mine));
		pageChange(j, (cells) => cells.splice(0, 1));
		pageChange(j, (cells) => cells.unshift(...cells.splice(3, 1)));
		const expected = ['const b = a + 1;', 'const a = 1;', 'const mine = 3;', 'Middle words.'];
		expect(sourcesOf(readNotebook(j.room))).toEqual(expected);
		expect(idsOf(j.ids.toPage(readNotebook(j.client)))).toEqual([ids[3], ids[1], mine.id, ids[2]]);
		expect(j.ids.toPage(readNotebook(j.client))).toEqual(j.page.notebook);
	});

	it("the page's typing lands in the room's cell that is the same cell, also after moves", () => {
		const j = joined();
		const b = j.page.notebook.cells[3].id;
		roomChange(j, (cells) => cells.unshift(...cells.splice(3, 1)));
		sourceOf(j.client, j.ids.sharedId(b))!.insert(0, '// typed\n');
		send(j.client, j.room);
		expect(readNotebook(j.room).cells[0].source).toBe('// typed\nconst b = a + 1;');
		expect(sourceOf(j.client, b)).toBeUndefined();
	});

	it('a join again (the room parsed the file afresh) pairs the ids the page shows now, its own and the ones it took from the room', () => {
		const j = joined();
		roomChange(j, (cells) => cells.push({ ...code('const fromRoom = 1;'), id: 'room-cell' }));
		pageChange(j, (cells) => cells.splice(1, 1));
		const shownBefore = structuredClone(j.page.notebook);
		const fresh = new Y.Doc();
		writeNotebook(fresh, parseNotebook(serializeNotebook(readNotebook(j.room))));
		j.ids.adopt(j.page.notebook, readNotebook(fresh));
		expect(j.ids.toPage(readNotebook(fresh))).toEqual({ ...readNotebook(fresh), cells: shownBefore.cells });
		expect(idsOf(j.ids.toShared(shownBefore))).toEqual(idsOf(readNotebook(fresh)));
	});

	it('random inserts, deletes, moves and typing on either side: a bijection over the live cells, and every edit in its own cell (property)', () => {
		const op = fc.record({
			side: fc.constantFrom('room', 'page'),
			kind: fc.constantFrom('insert', 'delete', 'move', 'type'),
			at: fc.nat(20),
			to: fc.nat(20)
		});
		fc.assert(
			fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
				const j = joined();
				let made = 0;
				for (const { side, kind, at, to } of ops) {
					const cells = side === 'room' ? readNotebook(j.room).cells : j.page.notebook.cells;
					const i = cells.length ? at % cells.length : 0;
					if (kind !== 'insert' && !cells.length) continue;
					if (kind === 'type') {
						// Typing goes into the shared text (Monaco's binding on the page), and the page's model has it too.
						const id = cells[i].id;
						const text = side === 'room' ? sourceOf(j.room, id)! : sourceOf(j.client, j.ids.sharedId(id))!;
						text.insert(text.length, ` +${side}`);
						if (side === 'room') send(j.room, j.client), (j.page.notebook = j.ids.toPage(readNotebook(j.client)));
						else (j.page.notebook.cells[i].source += ` +${side}`), send(j.client, j.room);
						continue;
					}
					const make = (list: Cell[]) => {
						if (kind === 'insert') list.splice(at % (list.length + 1), 0, code(`const made${made++} = 0;`));
						else if (kind === 'delete') list.splice(i, 1);
						else list.splice(to % list.length, 0, ...list.splice(i, 1));
					};
					const before = structuredClone(j.page.notebook);
					if (side === 'room') {
						roomChange(j, make);
						// A cell the page had keeps its page id.
						const had = new Map(before.cells.map((cell) => [cell.source, cell.id]));
						for (const cell of j.page.notebook.cells) if (had.has(cell.source)) expect(cell.id).toBe(had.get(cell.source));
					} else pageChange(j, make);

					const shared = readNotebook(j.client);
					expect(readNotebook(j.room)).toEqual(shared);
					// Both ways, one to one over the live cells, and each page cell is the room's cell of the same text.
					expect(j.ids.toPage(shared)).toEqual(j.page.notebook);
					expect(idsOf(j.ids.toShared(j.page.notebook))).toEqual(idsOf(shared));
					expect(new Set(idsOf(j.page.notebook)).size).toBe(j.page.notebook.cells.length);
					for (const cell of j.page.notebook.cells) expect(sourceOf(j.room, j.ids.sharedId(cell.id))?.toString()).toBe(cell.source);
				}
			}),
			{ numRuns: 300 }
		);
	});
});
