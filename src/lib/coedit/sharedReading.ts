/**
 * The shared document read as a Notebook (with the page's cell ids), kept up to date from each
 * transaction's changes: someone's keystroke re-reads the one cell it changed, not the whole
 * document (reading 10,000 cells took ~100 ms, at every keystroke of every person in the room).
 * A change to the cell order, to which cells there are or to the front matter reads the document
 * whole again, when next asked.
 *
 * The notebooks it returns are never changed afterwards (a change makes a new one, sharing the
 * cells that did not change), so they can be kept as "what the room had then" (rejoinMerge.ts).
 */
import * as Y from 'yjs';
import type { Notebook } from '$lib/notebook';
import { cellsByIdOf, readCell, readNotebook, type SharedCell } from './sharedNotebook';

export class SharedReading {
	readonly #doc: Y.Doc;
	readonly #pageId: (sharedId: string) => string;
	#read: { notebook: Notebook; at: Map<string, number> } | undefined;
	/** Positions of the cells changed since last taken; undefined: anything may have changed. */
	#changed: Set<number> | undefined;
	readonly #track = (transaction: Y.Transaction) => this.#note(transaction);

	constructor(doc: Y.Doc, pageId: (sharedId: string) => string) {
		this.#doc = doc;
		this.#pageId = pageId;
		doc.on('afterTransaction', this.#track);
	}

	/** The document now, with the page's ids. */
	notebook(): Notebook {
		if (!this.#read) {
			const shared = readNotebook(this.#doc);
			this.#read = {
				notebook: { ...shared, cells: shared.cells.map((cell) => ({ ...cell, id: this.#pageId(cell.id) })) },
				at: new Map(shared.cells.map((cell, i) => [cell.id, i]))
			};
		}
		return this.#read.notebook;
	}

	/** Where the shared cell `sharedId` stands in notebook(), if it is shown. */
	indexOf(sharedId: string): number | undefined {
		this.notebook();
		return this.#read!.at.get(sharedId);
	}

	/** The positions of the only cells that changed since the last call; undefined when more than cells may have (read it whole). */
	takeChanged(): number[] | undefined {
		const changed = this.#changed;
		this.#changed = new Set();
		return changed && [...changed];
	}

	dispose(): void {
		this.#doc.off('afterTransaction', this.#track);
	}

	#note({ changed }: Y.Transaction): void {
		if (!changed.size) return;
		const byId = cellsByIdOf(this.#doc);
		const cells = new Map<string, SharedCell>();
		for (const type of changed.keys()) {
			// The cell (a value of cellsById) the changed type is, or is part of.
			let cell: typeof type | null = type;
			while (cell && cell.parent !== byId) cell = cell.parent;
			const id = cell?._item?.parentSub;
			// The order, the set of cells, the front matter.
			if (!(cell instanceof Y.Map) || typeof id !== 'string') return this.#forget();
			cells.set(id, cell);
		}
		// Nothing read to keep up to date: the next reading is whole.
		if (!this.#read) return this.#forget();
		const { notebook, at } = this.#read;
		const list = notebook.cells.slice();
		for (const [id, cell] of cells) {
			const i = at.get(id);
			// A cell no longer in the order (deleted while someone typed in it) is not shown.
			if (i === undefined) continue;
			const read = readCell(cell);
			list[i] = { ...read, id: this.#pageId(read.id) };
			this.#changed?.add(i);
		}
		this.#read = { notebook: { ...notebook, cells: list }, at };
	}

	#forget(): void {
		this.#read = undefined;
		this.#changed = undefined;
	}
}
