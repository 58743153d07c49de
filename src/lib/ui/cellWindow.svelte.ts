/**
 * Which cells are on the page in full. A cell far from the viewport is a light stand-in (its code
 * as text, its last height remembered), so a notebook of thousands of cells costs the page tens
 * of full cells: opening 4,000 full cells kept every frame busy for seconds (mounting, then the
 * layout of every cell and every output slot). Stand-ins keep the cell's element and text, so the
 * browser's find, cell counts and keyboard moves between cells still see every cell.
 */

/** Stand-ins this close to the viewport become full cells, ahead of being scrolled to. */
const NEAR = '1200px 0px';
/** Full cells this far away become stand-ins again (further than NEAR, so a small scroll back redoes nothing). */
const FAR = '3600px 0px';
/** Cells shown in full before the observers have said anything: a short notebook opens whole at once. */
const FIRST = 40;

export class CellWindow {
	/** Ids of the cells shown in full. */
	full = $state.raw(new Set<string>());
	/** Each cell's height the last time it was shown in full, for its stand-in. */
	#heights = new Map<string, number>();
	#elements = new Map<Element, string>();
	#near: IntersectionObserver | undefined;
	#far: IntersectionObserver | undefined;
	#adds = new Set<string>();
	#drops = new Set<string>();
	#frame = 0;

	constructor(firstIds: string[]) {
		this.full = new Set(firstIds.slice(0, FIRST));
	}

	/** Shows a cell in full now, wherever it is (one the reader asked to focus). */
	show(id: string): void {
		this.#drops.delete(id);
		if (!this.full.has(id)) this.full = new Set(this.full).add(id);
	}

	rememberedHeight(id: string): number | undefined {
		return this.#heights.get(id);
	}

	/** Follows a cell's element (full or stand-in) as it nears or leaves the viewport; returns the unwatch. */
	watch(element: HTMLElement, id: string): () => void {
		this.#near ??= new IntersectionObserver((entries) => this.#seen(entries, true), { rootMargin: NEAR });
		this.#far ??= new IntersectionObserver((entries) => this.#seen(entries, false), { rootMargin: FAR });
		this.#elements.set(element, id);
		this.#near.observe(element);
		this.#far.observe(element);
		return () => {
			this.#elements.delete(element);
			this.#near?.unobserve(element);
			this.#far?.unobserve(element);
		};
	}

	#seen(entries: IntersectionObserverEntry[], near: boolean) {
		for (const entry of entries) {
			const id = this.#elements.get(entry.target);
			if (id === undefined) continue;
			if (near && entry.isIntersecting) {
				this.#drops.delete(id);
				if (!this.full.has(id)) this.#adds.add(id);
			} else if (!near && !entry.isIntersecting && this.full.has(id)) {
				// Never take a cell from under the reader's caret.
				if (entry.target.contains(document.activeElement)) continue;
				// The observer measured it already: remembering costs no layout.
				this.#heights.set(id, Math.round(entry.boundingClientRect.height));
				this.#adds.delete(id);
				this.#drops.add(id);
			}
		}
		// One change of the set per frame, however many cells crossed.
		this.#frame ||= requestAnimationFrame(() => {
			this.#frame = 0;
			if (!this.#adds.size && !this.#drops.size) return;
			const next = new Set(this.full);
			for (const id of this.#adds) next.add(id);
			for (const id of this.#drops) next.delete(id);
			this.#adds.clear();
			this.#drops.clear();
			this.full = next;
		});
	}

	dispose() {
		this.#near?.disconnect();
		this.#far?.disconnect();
		if (this.#frame) cancelAnimationFrame(this.#frame);
	}
}
