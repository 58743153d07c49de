// @vitest-environment happy-dom
/**
 * Which cells a long notebook shows in full (src/lib/ui/cellWindow.svelte.ts): those near the
 * viewport, found by their positions; far ones stand in, keeping their height; the focused cell
 * stays; a short notebook is always whole.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CellWindow } from '../../../src/lib/ui/cellWindow.svelte';

const CELL = 100;
const VIEWPORT = 900;
let scrollTop = 0;

/** Cells 100 px tall, one under the other, as laid out with the page scrolled to `scrollTop`. */
function cellsOnPage(count: number) {
	const ids = Array.from({ length: count }, (_, i) => `c${i}`);
	const elements = ids.map((id, i) => {
		const element = document.createElement('section');
		element.dataset.cell = id;
		element.tabIndex = -1;
		document.body.append(element);
		element.getBoundingClientRect = () => ({ top: i * CELL - scrollTop, bottom: (i + 1) * CELL - scrollTop, height: CELL }) as DOMRect;
		return element;
	});
	return { ids, elements };
}

function nextFrame() {
	vi.advanceTimersByTime(20);
}

/** The reader scrolls the page, and a frame passes. */
function scrollTo(top: number) {
	scrollTop = top;
	dispatchEvent(new Event('scroll'));
	nextFrame();
}

describe('the cell window', () => {
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout'] });
		vi.stubGlobal('innerHeight', VIEWPORT);
		scrollTop = 0;
		document.body.innerHTML = '';
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	function open(count: number) {
		const { ids, elements } = cellsOnPage(count);
		const view = new CellWindow(ids);
		view.setOrder(ids);
		ids.forEach((id, i) => view.watch(elements[i], id));
		nextFrame();
		return { view, ids, elements };
	}

	it('of a 4,000-cell notebook, shows in full only the cells near the viewport', () => {
		const { view } = open(4000);
		// The first 40 shown on opening stay (within 3,600 px); nothing further down is in full.
		expect(view.full.size).toBe(40);
		expect(view.full.has('c20')).toBe(true);
		expect(view.full.has('c40')).toBe(false);
		// A small scroll down brings in the cells within 1,200 px of the new viewport.
		scrollTo(2_000);
		expect(view.full.has('c40')).toBe(true);
		expect(view.full.has('c41')).toBe(true);
		expect(view.full.has('c42')).toBe(false);
	});

	it('follows a scroll: cells near the new viewport come in full, far ones stand in with the height they had', () => {
		const { view } = open(4000);
		scrollTo(200_000);
		expect(view.full.has('c2000')).toBe(true);
		expect(view.full.has('c1987')).toBe(true);
		expect(view.full.has('c1986')).toBe(false);
		expect(view.full.has('c0')).toBe(false);
		expect(view.rememberedHeight('c0')).toBe(CELL);
	});

	it('keeps the cell that has the focus, however far the page scrolls', () => {
		const { view, elements } = open(4000);
		elements[3].focus();
		scrollTo(300_000);
		expect(view.full.has('c3')).toBe(true);
		expect(view.full.has('c4')).toBe(false);
	});

	it('shows a cell asked for (to take the focus) wherever it is', () => {
		const { view } = open(4000);
		view.show('c3999');
		expect(view.full.has('c3999')).toBe(true);
	});

	it('shows a short notebook whole, however tall', () => {
		const { view } = open(150);
		expect(view.full.size).toBe(150);
		scrollTo(14_000);
		expect(view.full.size).toBe(150);
	});
});
