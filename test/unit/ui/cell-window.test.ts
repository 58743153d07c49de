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
		for (let i = 0; i < 100; i++) nextFrame();
		return { view, ids, elements };
	}

	it('of a 4,000-cell notebook, shows in full only the cells near the viewport', () => {
		const { view, ids } = open(4000);
		// The first 40 shown on opening stay (within 3,600 px); nothing further down is in full.
		expect(fullOf(view, ids)).toHaveLength(40);
		expect(view.isFull('c20')).toBe(true);
		expect(view.isFull('c40')).toBe(false);
		// A small scroll down brings in the cells within 1,200 px of the new viewport.
		scrollTo(2_000);
		expect(view.isFull('c40')).toBe(true);
		expect(view.isFull('c41')).toBe(true);
		expect(view.isFull('c42')).toBe(false);
	});

	it('follows a scroll: cells near the new viewport come in full, far ones stand in with the height they had', () => {
		const { view } = open(4000);
		scrollTo(200_000);
		expect(view.isFull('c2000')).toBe(true);
		expect(view.isFull('c1987')).toBe(true);
		expect(view.isFull('c1986')).toBe(false);
		expect(view.isFull('c0')).toBe(false);
		expect(view.rememberedHeight('c0')).toBe(CELL);
	});

	it('keeps the cell that has the focus, however far the page scrolls', () => {
		const { view, elements } = open(4000);
		elements[3].focus();
		scrollTo(300_000);
		expect(view.isFull('c3')).toBe(true);
		expect(view.isFull('c4')).toBe(false);
	});

	it('shows a cell asked for (to take the focus) wherever it is', () => {
		const { view } = open(4000);
		view.show('c3999');
		expect(view.isFull('c3999')).toBe(true);
	});

	it('shows a short notebook whole, however tall', () => {
		const { view, ids } = open(150);
		expect(fullOf(view, ids)).toHaveLength(150);
		scrollTo(14_000);
		expect(fullOf(view, ids)).toHaveLength(150);
	});

	it('after a long jump, shows a few cells in full per frame, those in view first', () => {
		const { view, ids } = open(4000);
		// Cells 1999–2009 touch the viewport; 1987–2021 are within 1,200 px of it.
		scrollTo(200_000, 1);
		const first = fullOf(view, ids.slice(1900, 2100));
		expect(first.length).toBeGreaterThan(0);
		expect(first.length).toBeLessThanOrEqual(6);
		for (const id of first) expect(Number(id.slice(1))).toSatisfy((n: number) => n >= 1999 && n <= 2009);
		// Frames later, the whole neighbourhood is in full and the cells left behind stand in.
		scrollTo(200_000);
		expect(fullOf(view, ids.slice(1900, 2100))).toEqual(ids.slice(1987, 2022));
		expect(fullOf(view, ids.slice(0, 100))).toEqual([]);
	});
});
