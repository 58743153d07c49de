/**
 * Which cells are on the page, and which of those in full. A long notebook puts on the page only
 * the cells within a few screens of the viewport (the range), with two spacers standing for the
 * cells above and below it; their heights are the sum of those cells' heights, measured when they
 * were last on the page or estimated from their line counts. Every one of 4,000 cells on the page
 * as light stand-ins still cost each scrolling frame 100-170 ms of the browser's own work
 * (intersection checks, pre-paint, layout over every element). Within the range, cells near the
 * viewport are full, the others light stand-ins (their code as text, their last height kept).
 *
 * Far cells being out of the DOM, the browser's own find cannot reach them: the notebook's find bar
 * (FindBar.svelte) searches the notebook model and reveals its match here (`show`), as the Outline
 * and a focused cell do. A notebook of up to SMALL cells is always on the page whole.
 *
 * Whether a cell is shown in full is tracked per cell (KeyedState), and only a few cells change per
 * frame, nearest the viewport first, and none while the page scrolls: a fast scroll otherwise
 * mounted thirty full cells in one frame, and made full cells it passed at once.
 *
 * The cells' heights come from a ResizeObserver (delivered after the browser's own layout), and
 * where each cell is from their running sums: the page's layout is read once a frame, for where the
 * cells begin. Reading every cell's rect each frame cost the browser a layout check each (20-30 µs
 * with nothing to lay out): ~400 ms of a 40-wheel-turn scroll, ~40 ms now (issue 12 item 8).
 *
 * The cell that last took the focus (`pinned`) stays on the page, in full, wherever the range is,
 * between spacers of its own: its editor keeps the caret, selection and undo history while the
 * reader scrolls away and back.
 */
import { SCROLL_QUIET_MS } from '$lib/editor/lazyMount';
import { readNextFrame } from './frameReads';
import { KeyedState } from './keyedState.svelte';

/**
 * Stand-ins this close to the viewport become full cells, ahead of being scrolled to. Every element
 * on the page costs each frame its style, layout and pre-paint: the range is kept to two screens
 * either side, and cells are full about one screen either side (they wait for the scroll to rest).
 */
const NEAR = 800;
/** Cells this far beyond the viewport are put on the page when the range is moved... */
const AHEAD = 1800;
/** ...which happens once the range no longer reaches this far beyond it (so a small scroll redoes nothing): as far as cells are shown in full. */
const KEEP = NEAR;
/** Cells on the page, and shown in full, before the first look at the viewport. */
const FIRST = 40;
/** A notebook this short is always on the page whole: its cells cost less than the range's churn. */
const SMALL = 150;
/** Cells made full per frame (mounting one costs a few ms), and made stand-ins again. */
const SHOW_PER_FRAME = 6;
const HIDE_PER_FRAME = 12;
/** Below the sticky toolbar, not under it. */
export const TOOLBAR = 56;
/** How long a place is held while the cells around it mount and take their real heights (frames). */
const SETTLE_FRAMES = 90;

/** Whether a notebook of `count` cells has cells off the page (beyond the browser's find). */
export function isLong(count: number): boolean {
	return count > SMALL;
}

const REVEAL = 'tape:reveal-cell';

/** Asks the cell list to put a cell on the page (off it in a long notebook), from outside the list (the Outline). */
export function revealCell(id: string): void {
	dispatchEvent(new CustomEvent(REVEAL, { detail: id }));
}

/** A cell's height before it was ever measured: lines of 20 px, the editor's padding and border, the cell's padding. */
export function estimateHeight(kind: 'code' | 'markdown', source: string, outputHeight: number): number {
	let lines = 1;
	for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) lines++;
	return lines * 20 + 26 + (kind === 'code' ? outputHeight : 0);
}

export class CellWindow {
	/** Ids of the cells shown in full (not reactive: see isFull). */
	#full = new Set<string>();
	#flags = new KeyedState(false);
	/** Each cell's height the last time it was shown in full, for its stand-in. */
	#heights = new Map<string, number>();
	/** Each cell's height the last time it was on the page, full or not, for the spacers. */
	#measured = new Map<string, number>();
	#elements = new Map<string, HTMLElement>();
	/** Tells the cells' heights (border box) as they change; made with the first cell on the page (none on the server). */
	#sizes: ResizeObserver | undefined;
	#idOf = new WeakMap<Element, string>();
	#order: string[] = [];
	/** Each cell's place in #order, until the order changes. */
	#cachedIndex: Map<string, number> | undefined;
	/** Each cell's estimated height, in page order. */
	#estimates: number[];
	/** Each cell's height in page order (measured, else estimated), until the order changes: looking 10,000 heights up by id took ~1 ms a sum. */
	#cachedHeights: Float64Array | undefined;
	/** #offsets() until a height or the order changes: summing 10,000 heights took a few ms a frame. */
	#cachedOffsets: Float64Array | undefined;
	#cancelFrame: (() => void) | undefined;
	#listening = false;
	/** The spacer above the range: where the cells begin on the page. */
	#top: HTMLElement | undefined;

	/** The range of cells on the page, [start, end) in the notebook's order, and the spacers' heights. */
	start = $state(0);
	end = $state(0);
	above = $state(0);
	below = $state(0);
	/** The cell that last took the focus, kept on the page (see above). */
	pinned = $state<string>();
	/** Off the range, the pinned cell is apart from it: the height of the cells between them, and the cell after that gap. */
	gap = $state(0);
	gapBefore = $state<string>();
	#scrolledAt = -Infinity;

	constructor(firstIds: string[], estimates: number[]) {
		this.#estimates = estimates;
		this.#order = firstIds;
		const whole = firstIds.length <= SMALL;
		this.end = whole ? firstIds.length : FIRST;
		for (const id of firstIds.slice(0, this.end)) this.#set(id, true);
		if (!whole) this.below = estimates.slice(FIRST).reduce((sum, height) => sum + height, 0);
	}

	/** Whether the cell is shown in full (reactive, for this cell only). */
	isFull(id: string): boolean {
		return this.#flags.get(id);
	}

	/** Puts a cell on the page in full now, wherever it is (one the reader asked for), scrolling to it if it was off the page. */
	show(id: string): void {
		const index = this.#order.indexOf(id);
		if (index >= 0 && (index < this.start || index >= this.end)) {
			const offsets = this.#offsets();
			this.#place(offsets, offsets[index] - innerHeight / 2, offsets[index] + innerHeight);
			if (this.#top) scrollTo({ top: scrollY + this.#top.getBoundingClientRect().top + offsets[index] - TOOLBAR, behavior: 'instant' });
		}
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

	/** The cells of the notebook, in page order, and their estimated heights. */
	setOrder(ids: string[], estimates: number[]): void {
		const grown = ids.length - this.#order.length;
		this.#order = ids;
		this.#estimates = estimates;
		this.#cachedHeights = undefined;
		this.#cachedOffsets = undefined;
		this.#cachedIndex = undefined;
		if (ids.length <= SMALL) {
			this.start = 0;
			this.end = ids.length;
		} else if (grown) {
			// A cell added or removed within the range keeps the range's other cells on the page.
			this.end = Math.max(this.start, Math.min(ids.length, this.end + grown));
		}
		this.#schedule();
	}

	/**
	 * The estimated heights of the cells from `from` on in page order (the cells of one block whose
	 * code or outputs changed): only their entries change, the order and its lookups stay.
	 */
	setEstimates(from: number, estimates: number[]): void {
		let changed = false;
		for (let k = 0; k < estimates.length && from + k < this.#estimates.length; k++) {
			const i = from + k;
			if (this.#estimates[i] === estimates[k]) continue;
			this.#estimates[i] = estimates[k];
			if (this.#cachedHeights && !this.#measured.has(this.#order[i])) this.#cachedHeights[i] = estimates[k];
			changed = true;
		}
		if (!changed) return;
		this.#cachedOffsets = undefined;
		this.#schedule();
	}

	/** Something moved the cells without a scroll (outputs grew or shrank): look again. */
	refresh(): void {
		this.#schedule();
	}

	/** The spacer above the cells, where they begin on the page. */
	anchor = (element: HTMLElement) => {
		this.#top = element;
		this.#listen();
		return () => {
			if (this.#top === element) this.#top = undefined;
		};
	};

	/** Knows a cell's element (full or stand-in) and its height while it is on the page; returns the forget. */
	watch(element: HTMLElement, id: string): () => void {
		this.#elements.set(id, element);
		this.#idOf.set(element, id);
		(this.#sizes ??= new ResizeObserver(this.#onSizes)).observe(element, { box: 'border-box' });
		this.#listen();
		this.#schedule();
		return () => {
			this.#sizes?.unobserve(element);
			if (this.#elements.get(id) === element) this.#elements.delete(id);
		};
	}

	#onSizes = (entries: ResizeObserverEntry[]) => {
		let changed = false;
		for (const entry of entries) {
			const id = this.#idOf.get(entry.target);
			const height = entry.borderBoxSize?.[0]?.blockSize ?? 0;
			// A cell's element replaced (stand-in by full cell) may still report; one not laid out reports 0.
			if (id === undefined || this.#elements.get(id) !== entry.target || !(height > 0) || height === this.#measured.get(id)) continue;
			this.#measured.set(id, height);
			const i = this.#index().get(id);
			if (this.#cachedHeights && i !== undefined) this.#cachedHeights[i] = height;
			changed = true;
		}
		if (!changed) return;
		this.#cachedOffsets = undefined;
		this.#schedule();
	};

	#listen() {
		if (this.#listening) return;
		this.#listening = true;
		addEventListener('scroll', this.#onScroll, { passive: true });
		addEventListener('focusin', this.#onFocus);
		addEventListener('resize', this.#schedule);
		addEventListener('keydown', this.#onKey);
		addEventListener(REVEAL, this.#onReveal);
	}

	/** End on the page: the cells at the end replace the estimate of their heights with their own, so stay at the end while they do. */
	#onKey = (event: KeyboardEvent) => {
		if (event.key !== 'End' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
		if (this.#order.length <= SMALL || (event.target as Element | null)?.closest?.('input, textarea, select, [contenteditable], .monaco-editor')) return;
		holdInPlace(() => scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
	};

	#onScroll = () => {
		// A place being held is not a scroll to wait out: its cells are to mount and take their heights.
		if (!holding) this.#scrolledAt = performance.now();
		this.#schedule();
	};

	#onFocus = (event: FocusEvent) => {
		const id = (event.target as Element | null)?.closest?.('[data-cell]')?.getAttribute('data-cell');
		if (id && id !== this.pinned && this.#order.includes(id)) {
			// The cell pinned before leaves the page like the others off the range.
			const before = this.pinned === undefined ? -1 : this.#order.indexOf(this.pinned);
			if (before >= 0 && (before < this.start || before >= this.end)) this.#set(this.pinned!, false);
			this.pinned = id;
			this.#schedule();
		}
	};

	#onReveal = (event: Event) => this.show((event as CustomEvent<string>).detail);

	/** Looks again next frame, with the frame's other reads before any change (frameReads.ts): #update only reads the page (its changes are Svelte's, made after). */
	#schedule = () => {
		this.#cancelFrame = readNextFrame(this.#read);
	};

	#read = () => this.#update();

	/** Each cell's top below the first's, by measured or estimated heights; the last entry is their sum. */
	#offsets(): Float64Array {
		if (this.#cachedOffsets) return this.#cachedOffsets;
		const heights = (this.#cachedHeights ??= Float64Array.from(this.#order, (id, i) => this.#measured.get(id) ?? this.#estimates[i] ?? 0));
		const offsets = new Float64Array(heights.length + 1);
		for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i] + heights[i];
		return (this.#cachedOffsets = offsets);
	}

	#index(): Map<string, number> {
		return (this.#cachedIndex ??= new Map(this.#order.map((id, i) => [id, i])));
	}

	/** Puts on the page the cells from `from` to `to` (px below the first cell's top), and AHEAD beyond. */
	#place(offsets: Float64Array, from: number, to: number): void {
		const n = this.#order.length;
		let start = Math.min(firstIndex(n, (i) => offsets[i + 1] > from - AHEAD), n - 1);
		let end = Math.max(firstIndex(n, (i) => offsets[i] >= to + AHEAD), start + 1);
		start = Math.max(0, start);
		end = Math.min(n, end);
		for (let i = this.start; i < this.end; i++) {
			const id = this.#order[i];
			if ((i < start || i >= end) && this.#full.has(id) && id !== this.pinned) {
				const height = this.#measured.get(id);
				if (height !== undefined) this.#heights.set(id, height);
				this.#set(id, false);
			}
		}
		this.start = start;
		this.end = end;
		this.#spacers(offsets);
	}

	#spacers(offsets: Float64Array): void {
		const n = this.#order.length;
		const pinned = this.pinned === undefined ? -1 : (this.#index().get(this.pinned) ?? -1);
		let [above, gap, below, gapBefore] = [offsets[this.start], 0, offsets[n] - offsets[this.end], undefined as string | undefined];
		if (pinned >= 0 && pinned < this.start) {
			[above, gap, gapBefore] = [offsets[pinned], offsets[this.start] - offsets[pinned + 1], this.#order[this.start]];
		} else if (pinned >= this.end) {
			[gap, below, gapBefore] = [offsets[pinned] - offsets[this.end], offsets[n] - offsets[pinned + 1], this.pinned];
		}
		if (Math.abs(this.above - above) >= 1) this.above = above;
		if (Math.abs(this.below - below) >= 1) this.below = below;
		if (Math.abs(this.gap - gap) >= 1) this.gap = gap;
		if (this.gapBefore !== gapBefore) this.gapBefore = gapBefore;
	}

	#update(): void {
		if (this.#order.length <= SMALL) {
			for (const id of this.#order) if (!this.#full.has(id)) this.#set(id, true);
			return;
		}
		if (!this.#top) return;
		// The one read of the page's layout: first of the frame's reads, before any change to the page
		// (frameReads.ts), so the layout is mostly clean and the read cheap (in traces of 40 wheel turns,
		// 2-3 of ~200 frames had to lay out for it). Caching where the cells begin and reading the scroll
		// position instead would cost the same: scrollY too waits for a clean layout.
		const viewTop = -this.#top.getBoundingClientRect().top;
		const viewBottom = viewTop + innerHeight;
		const offsets = this.#offsets();
		const n = this.#order.length;
		const covered = (this.start === 0 || offsets[this.start] <= viewTop - KEEP) && (this.end === n || offsets[this.end] >= viewBottom + KEEP);
		if (covered && this.end <= n) this.#spacers(offsets);
		else this.#place(offsets, viewTop, viewBottom);
		this.#showNear(offsets, viewTop, viewBottom);
	}

	/** Within the range: the cells near the viewport (`viewTop` to `viewBottom`, px below the first cell's top) in full, the others stand-ins. */
	#showNear(offsets: Float64Array, viewTop: number, viewBottom: number): void {
		const { start, end } = this;
		if (start >= end) return;
		const at = (test: (i: number) => boolean) => start + firstIndex(end - start, (k) => test(start + k));
		const first = at((i) => offsets[i + 1] >= viewTop - NEAR);
		const last = at((i) => offsets[i] > viewBottom + NEAR) - 1;
		// The cells in view come first, then outwards from them.
		const top = at((i) => offsets[i + 1] >= viewTop);
		const bottom = at((i) => offsets[i] > viewBottom) - 1;
		const distance = (i: number) => (i < top ? top - i : i > bottom ? i - bottom : 0);
		const wanted: number[] = [];
		const near = new Set<string>();
		for (let i = first; i <= last; i++) {
			const id = this.#order[i];
			if (!this.#elements.has(id)) continue;
			near.add(id);
			if (!this.#full.has(id)) wanted.push(i);
		}
		wanted.sort((a, b) => distance(a) - distance(b));
		const index = this.#index();
		const hide: string[] = [];
		for (const id of this.#full) {
			if (near.has(id) || id === this.pinned) continue;
			const element = this.#elements.get(id);
			const i = index.get(id);
			if (!element || i === undefined) continue;
			// Never take a cell from under the reader's caret; keep what is not far yet.
			if (element.contains(document.activeElement) || (offsets[i + 1] >= viewTop - AHEAD && offsets[i] <= viewBottom + AHEAD)) continue;
			const height = this.#measured.get(id);
			if (height !== undefined) this.#heights.set(id, Math.round(height));
			hide.push(id);
		}
		for (const id of hide.slice(0, HIDE_PER_FRAME)) this.#set(id, false);
		const quiet = performance.now() - this.#scrolledAt;
		if (wanted.length && quiet < SCROLL_QUIET_MS) {
			setTimeout(this.#schedule, SCROLL_QUIET_MS - quiet);
			if (hide.length) this.#schedule();
			return;
		}
		for (const i of wanted.slice(0, SHOW_PER_FRAME)) this.#set(this.#order[i], true);
		// The rest next frame; and cells shown in full may be taller or shorter than their stand-ins: look again once they are.
		if (wanted.length || hide.length) this.#schedule();
	}

	dispose() {
		removeEventListener('scroll', this.#onScroll);
		removeEventListener('focusin', this.#onFocus);
		removeEventListener('resize', this.#schedule);
		removeEventListener('keydown', this.#onKey);
		removeEventListener(REVEAL, this.#onReveal);
		this.#sizes?.disconnect();
		this.#cancelFrame?.();
	}
}

/** Places being held now (holdInPlace). */
let holding = 0;

/**
 * Calls `place` every frame for a moment, while the cells around a place the reader went to mount
 * and take their real heights (which moves what is below them), unless the reader acts first.
 */
export function holdInPlace(place: () => void): void {
	const types = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
	let frames = 0;
	let frame = 0;
	let held = true;
	holding++;
	const stop = () => {
		if (held) holding--;
		held = false;
		cancelAnimationFrame(frame);
		for (const type of types) removeEventListener(type, stop, true);
	};
	const step = () => {
		place();
		if (++frames < SETTLE_FRAMES) frame = requestAnimationFrame(step);
		else stop();
	};
	step();
	// Not the event that brought the reader here, which may still be on its way.
	setTimeout(() => {
		if (frames < SETTLE_FRAMES) for (const type of types) addEventListener(type, stop, true);
	});
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
