/**
 * The mouse side of drawing on a chart (the editor's frame only): with a tool chosen, a drag from
 * one bar to another draws (a click, for a level); the handles on each drawing's points drag them.
 * Points snap to bars' prices; nothing is drawn here for good: the drawing is handed to `add` or
 * `move`, which write it into the cell, and the chart redraws from its code.
 */
import type { Drawable } from './drawable.js';
import { chartView } from '../interact/index.js';
import { snapPoint, type Snapped } from './snap.js';
import { anchorsOf, type Drawing, type DrawingKind } from './types.js';

export interface ToolCallbacks {
	/** the tool the reader chose, if any */
	tool(): DrawingKind | undefined;
	add(drawing: Drawing): void;
	move(index: number, drawing: Drawing): void;
	/** the reader clicked a drawing's handle (undefined: clicked elsewhere) */
	select(index: number | undefined): void;
}

const SVG = 'http://www.w3.org/2000/svg';
type Scale = { apply(value: unknown): number; invert?(value: number): unknown };

/** The svg a Plot figure draws in (Plot wraps it in a <figure> when there is a title). */
export function plotSvg(plot: Element): SVGSVGElement | null {
	return plot instanceof SVGSVGElement || plot.localName === 'svg' ? (plot as SVGSVGElement) : plot.querySelector(':scope > svg');
}

/** The drawing with one point moved to `to` (point 0 is `from`, 1 is `to`). */
export function withPoint(drawing: Drawing, point: 0 | 1, to: Snapped): Drawing {
	if (drawing.kind === 'level') return { kind: 'level', from: to.day, anchor: to.anchor };
	const anchors = anchorsOf(drawing);
	anchors[point] = to.anchor;
	return { ...drawing, [point === 0 ? 'from' : 'to']: to.day, anchor: anchors[0] === anchors[1] ? anchors[0] : anchors };
}

/** A new drawing of `kind` from the drag's start to its end; undefined for a click where two bars are needed. */
export function drawnFrom(kind: DrawingKind, start: Snapped, end: Snapped): Drawing | undefined {
	if (kind === 'level') return { kind, from: start.day, anchor: start.anchor };
	if (start.index === end.index) return undefined;
	return { kind, from: start.day, to: end.day, anchor: start.anchor === end.anchor ? start.anchor : [start.anchor, end.anchor] };
}

/**
 * Where the tools draw their handles and hear the pointer: over an interactive chart, the overlay
 * its view keeps across re-renders (which takes the pointer for pan and brush); on a static Plot
 * figure, its own svg. `toPlot` turns a pointer into the figure's pixels, `fromPlot` back.
 */
interface Surface {
	layer: SVGSVGElement;
	figure(): PlotFigure | undefined;
	toPlot(event: PointerEvent): { x: number; y: number };
	fromPlot(x: number, y: number): { x: number; y: number };
	/** calls `redraw` after each re-render; returns how to stop */
	onRedraw(redraw: () => void): () => void;
	holdPan(on: boolean): void;
}
type PlotFigure = Element & { scale?(name: string): Scale | undefined };

function surfaceOf(element: Element): Surface | undefined {
	const view = chartView(element);
	if (view) {
		return {
			layer: view.overlay,
			figure: () => view.plot,
			toPlot: (event) => {
				const box = view.overlay.getBoundingClientRect();
				// CSS pixels per screen pixel, as the view counts them (a scaled page shrinks the chart).
				const k = box.width && view.overlay.clientWidth ? view.overlay.clientWidth / box.width : 1;
				return { x: (event.clientX - box.left) * k - view.offset.left, y: (event.clientY - box.top) * k - view.offset.top };
			},
			fromPlot: (x, y) => ({ x: x + view.offset.left, y: y + view.offset.top }),
			onRedraw: (redraw) => {
				element.addEventListener('tape-view', redraw);
				return () => element.removeEventListener('tape-view', redraw);
			},
			holdPan: (on) => view.suspendPan(on)
		};
	}
	const svg = plotSvg(element);
	if (!svg) return undefined;
	return {
		layer: svg,
		figure: () => element as PlotFigure,
		toPlot: (event) => {
			const matrix = svg.getScreenCTM();
			return matrix ? new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse()) : { x: event.offsetX, y: event.offsetY };
		},
		fromPlot: (x, y) => ({ x, y }),
		onRedraw: () => () => {},
		holdPan: (on) => (svg.style.cursor = on ? 'crosshair' : '')
	};
}

export interface DrawingTools {
	/** the reader chose a tool (or none): a drag on the chart then draws rather than pans */
	setTool(tool: DrawingKind | undefined): void;
	detach(): void;
}

export function attachDrawingTools(drawable: Drawable, callbacks: ToolCallbacks): DrawingTools {
	const surface = surfaceOf(drawable.element);
	if (!surface) return { setTool: () => {}, detach: () => {} };
	const { layer: target } = surface;
	const doc = target.ownerDocument;
	const layer = doc.createElementNS(SVG, 'g');
	layer.setAttribute('class', 'tape-drawing-handles');
	const preview = doc.createElementNS(SVG, 'line');
	preview.setAttribute('class', 'tape-drawing-preview');
	preview.setAttribute('stroke', 'currentColor');
	preview.setAttribute('stroke-dasharray', '4,3');
	preview.setAttribute('pointer-events', 'none');
	preview.setAttribute('visibility', 'hidden');
	layer.append(preview);
	const handles: { element: SVGCircleElement; date: Date; price: number }[] = [];
	drawable.resolved.forEach((r, k) => {
		r.points.forEach((p, j) => {
			const handle = doc.createElementNS(SVG, 'circle');
			handle.setAttribute('class', 'tape-drawing-handle');
			handle.setAttribute('r', '5');
			handle.setAttribute('fill', 'var(--plot-background, white)');
			handle.setAttribute('stroke', 'currentColor');
			handle.setAttribute('data-drawing', String(k));
			handle.setAttribute('data-point', String(j));
			handle.setAttribute('aria-label', `drawing ${k + 1} (${r.kind}), ${j ? 'second' : 'first'} point: drag to move`);
			handle.style.cursor = 'grab';
			layer.append(handle);
			handles.push({ element: handle, date: p.date, price: p.price });
		});
	});
	target.append(layer);

	const scales = () => {
		const figure = surface.figure();
		const x = figure?.scale?.('x');
		const y = figure?.scale?.('y');
		return x?.invert && y?.invert ? { x, y } : undefined;
	};
	/** Handles follow the view; one whose point is out of the window is hidden. */
	const place = () => {
		const s = scales();
		for (const h of handles) {
			const px = s ? s.x.apply(h.date) : NaN;
			const range = (s?.x as { range?: number[] } | undefined)?.range ?? [-Infinity, Infinity];
			const inside = Number.isFinite(px) && px >= Math.min(...range) - 1 && px <= Math.max(...range) + 1;
			h.element.setAttribute('visibility', inside ? 'visible' : 'hidden');
			if (!inside || !s) continue;
			const at = surface.fromPlot(px, s.y.apply(h.price));
			h.element.setAttribute('cx', String(at.x));
			h.element.setAttribute('cy', String(at.y));
		}
	};
	place();
	const stopRedraw = surface.onRedraw(place);

	const snapAt = (event: PointerEvent): Snapped | undefined => {
		const s = scales();
		if (!s) return undefined;
		const local = surface.toPlot(event);
		return snapPoint(drawable.bars, +(s.x.invert!(local.x) as Date), Number(s.y.invert!(local.y)));
	};
	const showPreview = (from: { index: number; price: number }, to: Snapped) => {
		const s = scales();
		if (!s) return;
		const a = surface.fromPlot(s.x.apply(drawable.bars.dates[from.index]), s.y.apply(from.price));
		const b = surface.fromPlot(s.x.apply(drawable.bars.dates[to.index]), s.y.apply(to.price));
		preview.setAttribute('x1', String(a.x));
		preview.setAttribute('y1', String(a.y));
		preview.setAttribute('x2', String(b.x));
		preview.setAttribute('y2', String(b.y));
		preview.setAttribute('visibility', 'visible');
	};

	let gesture: { kind: 'draw'; tool: DrawingKind; start: Snapped } | { kind: 'drag'; index: number; point: 0 | 1; fixed: { index: number; price: number }; from: { index: number; anchor: string }; moved: boolean } | undefined;

	const down = (event: PointerEvent) => {
		if (event.button !== 0) return;
		const handle = (event.target as Element).closest?.('.tape-drawing-handle');
		const tool = callbacks.tool();
		if (!handle && !tool) return callbacks.select(undefined);
		const start = handle ? undefined : snapAt(event);
		if (!handle && !start) return;
		// Ours: not a pan, a brush, a tip or a text selection (no mousedown follows a prevented pointerdown).
		event.preventDefault();
		event.stopImmediatePropagation();
		// A prevented pointerdown moves no focus, and the workspace takes a drawing only from a frame
		// that holds the focus (sandbox/gesture.ts): focus the chart as a click on it would.
		const focusable = drawable.element.closest<HTMLElement>('[tabindex]') ?? (drawable.element as HTMLElement);
		if (typeof focusable.focus === 'function') focusable.focus({ preventScroll: true });
		else doc.defaultView?.focus();
		target.setPointerCapture?.(event.pointerId);
		if (handle) {
			const index = Number(handle.getAttribute('data-drawing'));
			const point = Number(handle.getAttribute('data-point')) as 0 | 1;
			const r = drawable.resolved[index];
			const own = r.points[point] ?? r.points[0];
			const other = r.points[point === 0 ? 1 : 0] ?? own;
			gesture = { kind: 'drag', index, point, fixed: other, from: own, moved: false };
		} else gesture = { kind: 'draw', tool: tool!, start: start! };
	};
	const move = (event: PointerEvent) => {
		if (!gesture) return;
		event.stopImmediatePropagation();
		const at = snapAt(event);
		if (!at) return;
		if (gesture.kind === 'draw') showPreview(gesture.start, at);
		else {
			gesture.moved ||= at.index !== gesture.from.index || at.anchor !== gesture.from.anchor;
			showPreview(gesture.fixed, at);
		}
	};
	const up = (event: PointerEvent) => {
		if (!gesture) return;
		event.stopImmediatePropagation();
		const done = gesture;
		gesture = undefined;
		preview.setAttribute('visibility', 'hidden');
		target.releasePointerCapture?.(event.pointerId);
		const at = snapAt(event);
		if (!at) return;
		if (done.kind === 'draw') {
			const drawing = drawnFrom(done.tool, done.start, at);
			if (drawing) callbacks.add(drawing);
		} else if (!done.moved && at.index === done.from.index && at.anchor === done.from.anchor) callbacks.select(done.index);
		else callbacks.move(done.index, withPoint(drawable.drawings[done.index], done.point, at));
	};
	const cancel = () => {
		gesture = undefined;
		preview.setAttribute('visibility', 'hidden');
	};
	target.addEventListener('pointerdown', down, { capture: true });
	target.addEventListener('pointermove', move, { capture: true });
	target.addEventListener('pointerup', up, { capture: true });
	target.addEventListener('pointercancel', cancel);
	return {
		setTool(tool) {
			surface.holdPan(tool !== undefined);
		},
		detach() {
			stopRedraw();
			surface.holdPan(false);
			target.removeEventListener('pointerdown', down, { capture: true });
			target.removeEventListener('pointermove', move, { capture: true });
			target.removeEventListener('pointerup', up, { capture: true });
			target.removeEventListener('pointercancel', cancel);
			layer.remove();
		}
	};
}
