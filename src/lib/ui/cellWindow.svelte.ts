/**
 * Which cells are on the page in full. A cell far from the viewport is a light stand-in (its code
 * as text, its last height remembered), so a notebook of thousands of cells costs the page tens
 * of full cells: opening 4,000 full cells kept every frame busy for seconds (mounting, then the
 * layout of every cell and every output slot). Stand-ins keep the cell's element and text, so the
 * browser's find, cell counts and keyboard moves between cells still see every cell.
 *
 * The cells near the viewport are found by a binary search over the cells' positions on scroll,
 * not by observing every cell: an IntersectionObserver with thousands of targets works on each
 * of them every frame. Whether a cell is shown in full is tracked per cell (KeyedState), and only a
 * few cells change per frame, nearest the viewport first: a fast scroll otherwise mounted thirty
 * full cells in one frame and re-checked all 4,000 stand-ins on each change.
 */
import { KeyedState } from './keyedState.svelte';

/** Stand-ins this close to the viewport become full cells, ahead of being scrolled to. */
const NEAR = 1200;
/** Full cells this far away become stand-ins again (further than NEAR, so a small scroll back redoes nothing). */
const FAR = 3600;
/** Cells shown in full before the first look at the viewport. */
const FIRST = 40;
/** A notebook this short is always shown whole: its cells cost less than the stand-ins' churn. */
const SMALL = 150;
/** Cells made full per frame (mounting one costs a few ms), and made stand-ins again. */
const SHOW_PER_FRAME = 6;
const HIDE_PER_FRAME = 12;

export class CellWindow {
	/** Ids of the cells shown in full (not reactive: see isFull). */
	#full = new Set<string>();
	#flags = new KeyedState(false);
	/** Each cell's height the last time it was shown in full, for its stand-in. */
	#heights = new Map<string, number>();
	#elements = new Map<string, HTMLElement>();
	#order: string[] = [];
	#frame = 0;
	#listening = false;

	constructor(firstIds: string[]) {
		for (const id of firstIds.length <= SMALL ? firstIds : firstIds.slice(0, FIRST)) this.#set(id, true);
	}

	/** Whether the cell is shown in full (reactive, for this cell only). */
	isFull(id: string): boolean {
		return this.#flags.get(id);
	}

	/** Shows a cell in full now, wherever it is (one the reader asked to focus). */
	show(id: string): void {
		this.#set(id, true);
	}

	#set(id: string, full: boolean): void {
		if (full) this.#full.add(id);
		else this.#full.delete(id);
		this.#flags.set(id, full);
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
		if (this.#order.length <= SMALL) {
			for (const id of this.#order) if (!this.#full.has(id)) this.#set(id, true);
			return;
		}
		const order = this.#order.filter((id) => this.#elements.has(id));
		if (!order.length) return;
		const rect = (i: number) => this.#elements.get(order[i])!.getBoundingClientRect();
		const first = firstIndex(order.length, (i) => rect(i).bottom >= -NEAR);
		const last = firstIndex(order.length, (i) => rect(i).top > innerHeight + NEAR) - 1;
		// The cells in view come first, then outwards from them.
		const top = firstIndex(order.length, (i) => rect(i).bottom >= 0);
		const bottom = firstIndex(order.length, (i) => rect(i).top > innerHeight) - 1;
		const distance = (i: number) => (i < top ? top - i : i > bottom ? i - bottom : 0);
		const wanted: number[] = [];
		const near = new Set<string>();
		for (let i = first; i <= last; i++) {
			near.add(order[i]);
			if (!this.#full.has(order[i])) wanted.push(i);
		}
		wanted.sort((a, b) => distance(a) - distance(b));
		const hide: string[] = [];
		for (const id of this.#full) {
			if (near.has(id)) continue;
			const element = this.#elements.get(id);
			if (!element) continue;
			const r = element.getBoundingClientRect();
			// Never take a cell from under the reader's caret; keep what is not far yet.
			if (element.contains(document.activeElement) || (r.bottom >= -FAR && r.top <= innerHeight + FAR)) continue;
			this.#heights.set(id, Math.round(r.height));
			hide.push(id);
		}
		for (const i of wanted.slice(0, SHOW_PER_FRAME)) this.#set(order[i], true);
		for (const id of hide.slice(0, HIDE_PER_FRAME)) this.#set(id, false);
		// The rest next frame; and cells shown in full may be taller or shorter than their stand-ins: look again once they are.
		if (wanted.length || hide.length) this.#schedule();
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
