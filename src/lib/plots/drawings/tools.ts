/**
 * The mouse side of drawing on a chart (the editor's frame only): with a tool chosen, a drag from
 * one bar to another draws (a click, for a level); the handles on each drawing's points drag them.
 * Points snap to bars' prices; nothing is drawn here for good: the drawing is handed to `add` or
 * `move`, which write it into the cell, and the chart redraws from its code.
 */
import type { Drawable } from './drawable.js';
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

export function attachDrawingTools(drawable: Drawable, callbacks: ToolCallbacks): () => void {
	const svg = plotSvg(drawable.plot);
	const plot = drawable.plot as Element & { scale?(name: string): Scale | undefined };
	const x = plot.scale?.('x');
	const y = plot.scale?.('y');
	if (!svg || !x?.invert || !y?.invert) return () => {};
	const doc = svg.ownerDocument;
	const layer = doc.createElementNS(SVG, 'g');
	layer.setAttribute('class', 'tape-drawing-handles');
	const preview = doc.createElementNS(SVG, 'line');
	preview.setAttribute('class', 'tape-drawing-preview');
	preview.setAttribute('stroke', 'currentColor');
	preview.setAttribute('stroke-dasharray', '4,3');
	preview.setAttribute('visibility', 'hidden');
	layer.append(preview);
	drawable.resolved.forEach((r, k) => {
		r.points.forEach((p, j) => {
			const handle = doc.createElementNS(SVG, 'circle');
			handle.setAttribute('class', 'tape-drawing-handle');
			handle.setAttribute('cx', String(x.apply(p.date)));
			handle.setAttribute('cy', String(y.apply(p.price)));
			handle.setAttribute('r', '5');
			handle.setAttribute('fill', 'var(--plot-background, white)');
			handle.setAttribute('stroke', 'currentColor');
			handle.setAttribute('data-drawing', String(k));
			handle.setAttribute('data-point', String(j));
			handle.setAttribute('aria-label', `drawing ${k + 1} (${r.kind}), ${j ? 'second' : 'first'} point: drag to move`);
			handle.style.cursor = 'grab';
			layer.append(handle);
		});
	});
	svg.append(layer);

	const snapAt = (event: PointerEvent): Snapped => {
		const matrix = svg.getScreenCTM();
		const local = matrix ? new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse()) : { x: event.offsetX, y: event.offsetY };
		const time = +(x.invert!(local.x) as Date);
		return snapPoint(drawable.bars, time, Number(y.invert!(local.y)));
	};
	const showPreview = (from: Snapped, to: Snapped) => {
		preview.setAttribute('x1', String(x.apply(drawable.bars.dates[from.index])));
		preview.setAttribute('y1', String(y.apply(from.price)));
		preview.setAttribute('x2', String(x.apply(drawable.bars.dates[to.index])));
		preview.setAttribute('y2', String(y.apply(to.price)));
		preview.setAttribute('visibility', 'visible');
	};

	let gesture: { kind: 'draw'; tool: DrawingKind; start: Snapped } | { kind: 'drag'; index: number; point: 0 | 1; fixed: Snapped; from: { index: number; anchor: string }; moved: boolean } | undefined;

	const down = (event: PointerEvent) => {
		if (event.button !== 0) return;
		const target = event.target as Element;
		const handle = target.closest?.('.tape-drawing-handle');
		const tool = callbacks.tool();
		if (!handle && !tool) return callbacks.select(undefined);
		// Ours: not a pan, a tip or a text selection (no mousedown follows a prevented pointerdown).
		event.preventDefault();
		event.stopPropagation();
		svg.setPointerCapture?.(event.pointerId);
		if (handle) {
			const index = Number(handle.getAttribute('data-drawing'));
			const point = Number(handle.getAttribute('data-point')) as 0 | 1;
			const r = drawable.resolved[index];
			const own = r.points[point] ?? r.points[0];
			const other = r.points[point === 0 ? 1 : 0] ?? own;
			gesture = { kind: 'drag', index, point, fixed: { index: other.index, day: '', anchor: other.anchor, price: other.price }, from: own, moved: false };
		} else gesture = { kind: 'draw', tool: tool!, start: snapAt(event) };
	};
	const move = (event: PointerEvent) => {
		svg.style.cursor = callbacks.tool() ? 'crosshair' : '';
		if (!gesture) return;
		event.stopPropagation();
		const at = snapAt(event);
		if (gesture.kind === 'draw') showPreview(gesture.start, at);
		else {
			gesture.moved ||= at.index !== gesture.from.index || at.anchor !== gesture.from.anchor;
			showPreview(gesture.fixed, at);
		}
	};
	const up = (event: PointerEvent) => {
		if (!gesture) return;
		event.stopPropagation();
		const done = gesture;
		gesture = undefined;
		preview.setAttribute('visibility', 'hidden');
		const at = snapAt(event);
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
	svg.addEventListener('pointerdown', down, { capture: true });
	svg.addEventListener('pointermove', move, { capture: true });
	svg.addEventListener('pointerup', up, { capture: true });
	svg.addEventListener('pointercancel', cancel);
	return () => {
		svg.removeEventListener('pointerdown', down, { capture: true });
		svg.removeEventListener('pointermove', move, { capture: true });
		svg.removeEventListener('pointerup', up, { capture: true });
		svg.removeEventListener('pointercancel', cancel);
		layer.remove();
	};
}
