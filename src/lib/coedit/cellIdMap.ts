/**
 * The page's cell ids and the live room's, for the same cells. A page has usually run its cells
 * before it joins the room (outputs belong to cell ids), and the room parsed the file on its own,
 * with ids of its own: the shared cells that are the page's cells (matched by content, as a
 * `git pull` is) keep the page's ids on the page, translated here both ways. A cell either side
 * adds later has one id on both sides, so it needs no entry.
 */
import type { Notebook } from '$lib/notebook';
import { matchCells } from './replayChange';

export class CellIdMap {
	/** Shared id → the page's id, and back. */
	#pageIds = new Map<string, string>();
	#sharedIds = new Map<string, string>();

	/**
	 * Pairs the shared cells with the page's by content (edited cells between unchanged ones pair
	 * too), as the page joins; a join again starts over from the ids the page shows now.
	 */
	adopt(page: Notebook, shared: Notebook): void {
		this.#pageIds.clear();
		this.#sharedIds.clear();
		matchCells(page.cells, shared.cells, 'content').forEach((i, j) => {
			if (i < 0 || page.cells[i].id === shared.cells[j].id) return;
			this.#pageIds.set(shared.cells[j].id, page.cells[i].id);
			this.#sharedIds.set(page.cells[i].id, shared.cells[j].id);
		});
	}

	/** The id the shared document knows the page's cell `pageId` by. */
	sharedId(pageId: string): string {
		return this.#sharedIds.get(pageId) ?? pageId;
	}

	/** The id the page knows the shared cell `sharedId` by. */
	pageId(sharedId: string): string {
		return this.#pageIds.get(sharedId) ?? sharedId;
	}

	/** The shared notebook with the page's ids. */
	toPage(shared: Notebook): Notebook {
		return { ...shared, cells: shared.cells.map((cell) => ({ ...cell, id: this.pageId(cell.id) })) };
	}

	/** The page's notebook with the shared document's ids. */
	toShared(page: Notebook): Notebook {
		return { ...page, cells: page.cells.map((cell) => ({ ...cell, id: this.sharedId(cell.id) })) };
	}
}
