/**
 * Which cells are on the page in full. A cell far from the viewport is a light stand-in (its code
 * as text, its last height remembered), so a notebook of thousands of cells costs the page tens
 * of full cells: opening 4,000 full cells kept every frame busy for seconds (mounting, then the
 * layout of every cell and every output slot). Stand-ins keep the cell's element and text, so the
 * browser's find, cell counts and keyboard moves between cells still see every cell.
 *
 * The cells near the viewport are found by a binary search over the cells' positions on scroll,
 * not by observing every cell: an IntersectionObserver with thousands of targets works on each
 * of them every frame.
 */

/** Stand-ins this close to the viewport become full cells, ahead of being scrolled to. */
const NEAR = 1200;
/** Full cells this far away become stand-ins again (further than NEAR, so a small scroll back redoes nothing). */
const FAR = 3600;
/** Cells shown in full before the first look at the viewport: a short notebook opens whole at once. */
const FIRST = 40;

export class CellWindow {
	/** Ids of the cells shown in full. */
	full = $state.raw(new Set<string>());
	/** Each cell's height the last time it was shown in full, for its stand-in. */
	#heights = new Map<string, number>();
	#elements = new Map<string, HTMLElement>();
	#order: string[] = [];
	#frame = 0;
	#listening = false;

	constructor(firstIds: string[]) {
		this.full = new Set(firstIds.slice(0, FIRST));
	}

	/** Shows a cell in full now, wherever it is (one the reader asked to focus). */
	show(id: string): void {
		if (!this.full.has(id)) this.full = new Set(this.full).add(id);
	}

	rememberedHeight(id: string): number | undefined {
		return this.#heights.get(id);
	}

	/** The cells on the page, in page order. */
	setOrder(ids: string[]): void {
		this.#order = ids;
		this.#schedule();
	}

	/** Something moved the cells without a scroll (outputs grew or shrank): look again. */
	refresh(): void {
		this.#schedule();
	}

	/** Knows a cell's element (full or stand-in) while it is on the page; returns the forget. */
	watch(element: HTMLElement, id: string): () => void {
		this.#elements.set(id, element);
		if (!this.#listening) {
			this.#listening = true;
			addEventListener('scroll', this.#schedule, { passive: true });
			addEventListener('resize', this.#schedule);
		}
		this.#schedule();
		return () => {
			if (this.#elements.get(id) === element) this.#elements.delete(id);
		};
	}

	#schedule = () => {
		this.#frame ||= requestAnimationFrame(() => {
			this.#frame = 0;
			this.#update();
		});
	};

	#update(): void {
		const order = this.#order.filter((id) => this.#elements.has(id));
		if (!order.length) return;
		const rect = (i: number) => this.#elements.get(order[i])!.getBoundingClientRect();
		const first = firstIndex(order.length, (i) => rect(i).bottom >= -NEAR);
		const last = firstIndex(order.length, (i) => rect(i).top > innerHeight + NEAR) - 1;
		const next = new Set<string>();
		for (let i = first; i <= last; i++) next.add(order[i]);
		for (const id of this.full) {
			if (next.has(id)) continue;
			const element = this.#elements.get(id);
			if (!element) continue;
			const r = element.getBoundingClientRect();
			// Never take a cell from under the reader's caret; keep what is not far yet.
			if (element.contains(document.activeElement) || (r.bottom >= -FAR && r.top <= innerHeight + FAR)) next.add(id);
			else this.#heights.set(id, Math.round(r.height));
		}
		if (next.size === this.full.size && [...next].every((id) => this.full.has(id))) return;
		this.full = next;
		// Cells shown in full may be taller or shorter than their stand-ins: look again once they are.
		this.#schedule();
	}

	dispose() {
		removeEventListener('scroll', this.#schedule);
		removeEventListener('resize', this.#schedule);
		if (this.#frame) cancelAnimationFrame(this.#frame);
	}
}

/** The first index in [0, n) for which `test` holds, `test` being false then true along the list; n if none. */
function firstIndex(n: number, test: (i: number) => boolean): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (test(mid)) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}
