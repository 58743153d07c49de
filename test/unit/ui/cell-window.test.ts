// @vitest-environment happy-dom
/**
 * Which cells of a long notebook are on the page, and which in full (src/lib/ui/cellWindow.svelte.ts):
 * only those within a few screens of the viewport are on the page, two spacers standing for the
 * others with the sum of their heights (measured when known); those near the viewport are in full,
 * once the page has stopped scrolling; a cell asked for is put on the page wherever it is; the
 * focused cell stays on the page wherever the reader scrolls; a short notebook is always whole.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CellWindow } from '../../../src/lib/ui/cellWindow.svelte';

const CELL = 100;
const VIEWPORT = 900;
let scrollTop = 0;
/** Heights that differ from CELL, as measured on the page. */
let tall: Record<string, number> = {};
/** Reads of a cell's layout (its rect) by the window. */
let cellReads = 0;

/**
 * The browser's ResizeObserver: after each layout (render), tells each observed element's border-box
 * height when first observed and whenever it changed since.
 */
class Sizes {
	static all = new Set<Sizes>();
	static heights = new Map<Element, number>();
	#told = new Map<Element, number>();
	#callback: ResizeObserverCallback;
	constructor(callback: ResizeObserverCallback) {
		this.#callback = callback;
		Sizes.all.add(this);
	}
	observe(element: Element) {
		this.#told.set(element, -1);
	}
	unobserve(element: Element) {
		this.#told.delete(element);
	}
	disconnect() {
		this.#told.clear();
		Sizes.all.delete(this);
	}
	static deliver() {
		for (const observer of Sizes.all) {
			const entries = [];
			for (const [target, told] of observer.#told) {
				const height = Sizes.heights.get(target) ?? 0;
				if (height === told) continue;
				observer.#told.set(target, height);
				entries.push({ target, borderBoxSize: [{ blockSize: height, inlineSize: 800 }] });
			}
			if (entries.length) observer.#callback(entries as unknown as ResizeObserverEntry[], observer as unknown as ResizeObserver);
		}
	}
}

/**
 * The cell list as Svelte renders it: the spacer above the range, then the cells of the range, each
 * watched while on the page. Cells are laid out one under the other, the page scrolled to `scrollTop`;
 * then the observers are told the sizes that changed.
 */
function page(ids: string[], view: CellWindow) {
	const top = document.createElement('div');
	top.getBoundingClientRect = () => ({ top: -scrollTop, bottom: -scrollTop, height: 0 }) as DOMRect;
	document.body.append(top);
	view.anchor(top);
	const onPage = new Map<string, { element: HTMLElement; forget: () => void }>();
	const heightOf = (id: string) => tall[id] ?? CELL;
	return function render() {
		let y = 0;
		for (let i = 0; i < view.start; i++) y += heightOf(ids[i]);
		for (const [id, { element, forget }] of onPage) {
			const i = ids.indexOf(id);
			if (i < view.start || i >= view.end) {
				forget();
				element.remove();
				onPage.delete(id);
			}
		}
		for (let i = view.start; i < view.end; i++) {
			const id = ids[i];
			let cell = onPage.get(id);
			if (!cell) {
				const element = document.createElement('section');
				element.dataset.cell = id;
				element.tabIndex = -1;
				document.body.append(element);
				cell = { element, forget: view.watch(element, id) };
				onPage.set(id, cell);
			}
			const at = y;
			cell.element.getBoundingClientRect = () => {
				cellReads++;
				return { top: at - scrollTop, bottom: at + heightOf(id) - scrollTop, height: heightOf(id) } as DOMRect;
			};
			Sizes.heights.set(cell.element, heightOf(id));
			y += heightOf(id);
		}
		Sizes.deliver();
		return onPage;
	};
}

const views: CellWindow[] = [];
let render: () => Map<string, { element: HTMLElement }>;

function nextFrame() {
	vi.advanceTimersByTime(20);
	render();
}

/** The reader scrolls the page, and frames pass until the window has caught up (`frames` of them when given). */
function scrollTo(top: number, frames = 100) {
	scrollTop = top;
	dispatchEvent(new Event('scroll'));
	for (let i = 0; i < frames; i++) nextFrame();
}

/** The ids shown in full among `ids`. */
function fullOf(view: CellWindow, ids: string[]): string[] {
	return ids.filter((id) => view.isFull(id));
}

describe('the cell window', () => {
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'performance'] });
		vi.stubGlobal('innerHeight', VIEWPORT);
		vi.stubGlobal('scrollY', 0);
		vi.stubGlobal('scrollTo', (options: ScrollToOptions) => scrollTo(options.top ?? 0, 0));
		vi.stubGlobal('ResizeObserver', Sizes);
		scrollTop = 0;
		tall = {};
		cellReads = 0;
		Sizes.heights.clear();
		document.body.innerHTML = '';
	});
	afterEach(() => {
		// Its frame's reads are shared with the page's others (frameReads.ts): none left for the next test's.
		for (const view of views.splice(0)) view.dispose();
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	function open(count: number) {
		const ids = Array.from({ length: count }, (_, i) => `c${i}`);
		const estimates = ids.map(() => CELL);
		const view = new CellWindow(ids, estimates);
		views.push(view);
		render = page(ids, view);
		view.setOrder(ids, estimates);
		render();
		for (let i = 0; i < 100; i++) nextFrame();
		return { view, ids };
	}

	it('of a 4,000-cell notebook, puts on the page only the cells within a few screens, and in full those near the viewport', () => {
		const { view, ids } = open(4000);
		// The first 40 put on the page on opening stay; the spacer below stands for the other 3,960.
		expect([view.start, view.end]).toEqual([0, 40]);
		expect([view.above, view.below]).toEqual([0, 3960 * CELL]);
		expect(render().size).toBe(40);
		// In full: those within 1,800 px of the viewport (its 900 px, and 28 cells in all).
		expect(fullOf(view, ids)).toEqual(ids.slice(0, 28));
		// A scroll down brings in the cells within 800 px of the new viewport.
		scrollTo(2_500);
		expect(view.isFull('c41')).toBe(true);
		expect(view.isFull('c42')).toBe(true);
		expect(view.isFull('c43')).toBe(false);
		expect(render().has('c43')).toBe(true);
	});

	it('follows a scroll: the range moves, the spacers take the place of the cells left, and those keep their height', () => {
		const { view } = open(4000);
		scrollTo(200_000);
		// On the page: from 1,800 px above the viewport to 1,800 px below it, and no further.
		expect(view.start).toBe(1982);
		expect(view.end).toBe(2027);
		expect(render().size).toBe(2027 - 1982);
		expect([view.above, view.below]).toEqual([1982 * CELL, (4000 - 2027) * CELL]);
		expect(view.isFull('c2000')).toBe(true);
		expect(view.isFull('c1991')).toBe(true);
		expect(view.isFull('c1990')).toBe(false);
		expect(view.isFull('c0')).toBe(false);
		expect(view.rememberedHeight('c0')).toBe(CELL);
		// A small scroll back keeps the range (nothing is mounted again).
		scrollTo(199_700);
		expect(view.start).toBe(1982);
	});

	it('sums the heights measured on the page, not the estimates, into the spacers', () => {
		tall = { c1: 300 };
		const { view } = open(4000);
		scrollTo(200_000 + 200);
		expect(view.above).toBe(view.start * CELL + 200);
		expect(view.below).toBe((4000 - view.end) * CELL);
	});

	it('takes a block of changed estimates into the spacers, for cells never measured only', () => {
		const { view, ids } = open(4000);
		scrollTo(200_000);
		const [above, below] = [view.above, view.below];
		// Cells 3,000-3,001 (below, never on the page) grew a line of code; cells 0-1 (measured on opening) too.
		view.setEstimates(3000, [CELL + 20, CELL + 20]);
		view.setEstimates(0, [CELL + 20, CELL + 20]);
		nextFrame();
		expect(view.below).toBe(below + 40);
		expect(view.above).toBe(above);
		// The same estimates again change nothing, and the cells stay where they were.
		view.setEstimates(3000, [CELL + 20, CELL + 20]);
		nextFrame();
		expect(view.below).toBe(below + 40);
		expect([view.start, view.end]).toEqual([1982, 2027]);
		expect(view.isFull(ids[2000])).toBe(true);
	});

	it("reads no cell's layout while the page scrolls: their heights come from the resize observer", () => {
		tall = { c2001: 400 };
		const { view } = open(4000);
		cellReads = 0;
		scrollTo(100_000);
		scrollTo(200_000);
		scrollTo(199_000);
		expect(cellReads).toBe(0);
		// The height measured on the page still goes into the spacer once the cell is above the range.
		scrollTo(300_000);
		expect(view.above).toBe(view.start * CELL + 300);
	});

	it('puts a cell asked for (to take the focus, found, in the Outline) on the page wherever it is, scrolled to', () => {
		const { view } = open(4000);
		view.show('c3999');
		expect(view.isFull('c3999')).toBe(true);
		expect(view.end).toBe(4000);
		expect(render().has('c3999')).toBe(true);
		expect(scrollTop).toBe(3999 * CELL - 56);
	});

	it('puts a short notebook on the page whole, however tall', () => {
		const { view, ids } = open(150);
		expect(fullOf(view, ids)).toHaveLength(150);
		scrollTo(14_000);
		expect(fullOf(view, ids)).toHaveLength(150);
		expect([view.start, view.end, view.above, view.below]).toEqual([0, 150, 0, 0]);
	});

	it('after a long jump, shows no cell in full while the page scrolls, then a few per frame, those in view first', () => {
		const { view, ids } = open(4000);
		// Cells 1999–2009 touch the viewport; 1991–2017 are within 800 px of it. The first frames
		// put the range on the page as stand-ins: the page is still scrolling.
		scrollTo(200_000, 2);
		expect(render().has('c2000')).toBe(true);
		expect(fullOf(view, ids.slice(1900, 2100))).toEqual([]);
		// Once it has not scrolled for 250 ms, the first of them in full.
		let frames = 2;
		while (!fullOf(view, ids.slice(1900, 2100)).length && frames < 50) {
			nextFrame();
			frames++;
		}
		expect(frames * 20).toBeGreaterThanOrEqual(240);
		const first = fullOf(view, ids.slice(1900, 2100));
		expect(first.length).toBeGreaterThan(0);
		expect(first.length).toBeLessThanOrEqual(6);
		for (const id of first) expect(Number(id.slice(1))).toSatisfy((n: number) => n >= 1999 && n <= 2009);
		// Frames later, the whole neighbourhood is in full and the cells left behind are off the page.
		scrollTo(200_000);
		expect(fullOf(view, ids.slice(1900, 2100))).toEqual(ids.slice(1991, 2018));
		expect(fullOf(view, ids.slice(0, 100))).toEqual([]);
	});

	it('keeps the focused cell on the page, in full, wherever the reader scrolls, between spacers of its own', () => {
		const { view } = open(4000);
		const typedIn = render().get('c2')!.element;
		typedIn.focus();
		typedIn.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
		scrollTo(200_000);
		expect([view.start, view.end]).toEqual([1982, 2027]);
		expect(view.pinned).toBe('c2');
		expect(view.isFull('c2')).toBe(true);
		expect(view.isFull('c3')).toBe(false);
		// Above it the two cells before it; between it and the range the cells in between; below, the rest.
		expect([view.above, view.gap, view.gapBefore, view.below]).toEqual([2 * CELL, (1982 - 3) * CELL, 'c1982', (4000 - 2027) * CELL]);
		// The reader types in another cell: the first leaves the page with the others off the range.
		scrollTo(5_000);
		const later = render().get('c60')!.element;
		later.focus();
		later.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
		nextFrame();
		expect(view.pinned).toBe('c60');
		expect(view.isFull('c2')).toBe(false);
		// Below the range, the gap comes before it.
		scrollTo(0);
		expect(view.end).toBeLessThan(60);
		expect(view.isFull('c60')).toBe(true);
		expect([view.above, view.gapBefore, view.gap, view.below]).toEqual([0, 'c60', (60 - view.end) * CELL, (4000 - 61) * CELL]);
	});
});
