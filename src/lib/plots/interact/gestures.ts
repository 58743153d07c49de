import { panBy, zoomAt, type Span } from './domain.js';
import { plotArea, pointerX, screenScale, type PlacedFigure } from './figure.js';

/** The keys a focused chart answers: pan by a tenth (a half with Shift), zoom by a quarter. */
const KEYS = { pan: 0.1, panFast: 0.5, zoomIn: 0.8, zoomOut: 1.25 };

/** The chart's view as the gestures move it. */
export interface GestureView extends PlacedFigure {
	readonly element: HTMLElement;
	readonly full: Span;
	readonly span: Span;
	setSpan(span: Span): void;
	reset(): void;
}

/** What the gestures tell the chart besides moving its view. */
export interface GestureHooks {
	/** a press on the plot may start a drag pan (no drawing tool, select mode or brush has it) */
	mayPan(event: PointerEvent): boolean;
	/** a drag pan starts or ends */
	dragging(on: boolean): void;
	/** the pointer is at this overlay x (null: it left the chart) */
	pointer(px: number | null): void;
	/** a plain wheel over an unfocused chart, left to scroll the page */
	wheelPassed(): void;
	clearSelection(): void;
}

/** Wheel and trackpad zoom, drag pan, double-click reset and the keys, on a chart's overlay and element. */
export function bindGestures(view: GestureView, hooks: GestureHooks): void {
	const { overlay, element } = view;
	const focused = () => {
		// The chart or something in it (a drawing tool's button) has the keyboard focus.
		const active = element.ownerDocument.activeElement;
		return !!active && element.contains(active);
	};
	const fractionAt = (px: number) => {
		const area = plotArea(view);
		return area ? Math.min(1, Math.max(0, (px - area.x[0]) / (area.x[1] - area.x[0] || 1))) : 0.5;
	};
	const areaWidth = () => {
		const area = plotArea(view);
		return area ? area.x[1] - area.x[0] : 600;
	};
	overlay.addEventListener(
		'wheel',
		(event: WheelEvent) => {
			// A plain wheel scrolls the page (a long notebook must not stick on every chart);
			// Ctrl/⌘+wheel (and a trackpad pinch, which arrives as one) or a focused chart zooms.
			if (!(event.ctrlKey || event.metaKey || focused())) return hooks.wheelPassed();
			event.preventDefault();
			const unit = event.deltaMode === 1 ? 30 : event.deltaMode === 2 ? 300 : 1;
			if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
				view.setSpan(panBy(view.span, view.full, (event.deltaX * unit) / (areaWidth() || 1)));
			} else {
				view.setSpan(zoomAt(view.span, view.full, fractionAt(pointerX(overlay, event)), Math.pow(2, (event.deltaY * unit) / 500)));
			}
		},
		{ passive: false }
	);

	let drag: { id: number; x: number; span: Span } | undefined;
	overlay.addEventListener('pointerdown', (event: PointerEvent) => {
		// A click makes the chart the wheel's (the brush's handler stops the default focusing).
		if (!focused()) element.focus({ preventScroll: true });
		if (event.button !== 0 || !hooks.mayPan(event)) return;
		drag = { id: event.pointerId, x: event.clientX, span: view.span };
		hooks.dragging(true);
		overlay.setPointerCapture?.(event.pointerId);
	});
	overlay.addEventListener('pointermove', (event: PointerEvent) => {
		if (drag && event.pointerId === drag.id) {
			view.setSpan(panBy(drag.span, view.full, (-(event.clientX - drag.x) * screenScale(overlay)) / (areaWidth() || 1)));
		}
		hooks.pointer(pointerX(overlay, event));
	});
	const end = (event: PointerEvent) => {
		if (!drag || event.pointerId !== drag.id) return;
		drag = undefined;
		overlay.releasePointerCapture?.(event.pointerId);
		hooks.dragging(false);
	};
	overlay.addEventListener('pointerup', end);
	overlay.addEventListener('pointercancel', end);
	overlay.addEventListener('pointerleave', () => hooks.pointer(null));
	overlay.addEventListener('dblclick', (event) => {
		event.preventDefault();
		view.reset();
	});

	element.addEventListener('keydown', (event: KeyboardEvent) => {
		if (event.target !== element || event.ctrlKey || event.metaKey || event.altKey) return;
		const step = event.shiftKey ? KEYS.panFast : KEYS.pan;
		const keys: Record<string, () => void> = {
			ArrowLeft: () => view.setSpan(panBy(view.span, view.full, -step)),
			ArrowRight: () => view.setSpan(panBy(view.span, view.full, step)),
			'+': () => view.setSpan(zoomAt(view.span, view.full, 0.5, KEYS.zoomIn)),
			'=': () => view.setSpan(zoomAt(view.span, view.full, 0.5, KEYS.zoomIn)),
			'-': () => view.setSpan(zoomAt(view.span, view.full, 0.5, KEYS.zoomOut)),
			_: () => view.setSpan(zoomAt(view.span, view.full, 0.5, KEYS.zoomOut)),
			'0': () => view.reset(),
			Home: () => view.reset(),
			Escape: () => hooks.clearSelection()
		};
		const action = keys[event.key];
		if (!action) return;
		event.preventDefault();
		action();
	});
}
