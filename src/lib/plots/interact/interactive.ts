import { brushValue, clampSpan, type Span } from './domain.js';
import { isBrushPart, RangeBrush } from './brush.js';
import { chartChrome, ZoomHint } from './chrome.js';
import { Crosshair } from './crosshair.js';
import { figureOffset, mainFigure, plotArea, xPixel, type PlotFigure } from './figure.js';
import { formatX } from './format.js';
import { bindGestures } from './gestures.js';
import { RenderSchedule } from './render-schedule.js';
import type { InteractiveElement, InteractiveSpec, ViewState } from './spec.js';

const views = new WeakMap<Element, ChartView>();

/** The controller of an interactive chart element, for code that draws over it (see index.ts). */
export function chartView(element: Element): ChartView | undefined {
	return views.get(element);
}

/** Makes a chart interactive: zoom, pan, y fitted to the window, brush as value, log toggle, crosshair readout, keys. */
export function interactive(spec: InteractiveSpec): InteractiveElement {
	return new ChartView(spec).element;
}

/**
 * One interactive chart's state (the window, the y scale, the selection, the modes) and its
 * render: every change goes through `schedule` to `draw`, which re-renders the figure and tells
 * the element's readers (data attributes, the `tape-view` event).
 */
export class ChartView {
	readonly element: InteractiveElement;
	/** an SVG layer over the chart (in the same pixels as `plot`, offset by `offset`), kept across re-renders */
	readonly overlay: SVGSVGElement;
	readonly full: Span;
	span: Span;
	log: boolean;
	/** the main Plot figure as last drawn: its `scale('x')` and `scale('y')` place things on it */
	plot!: PlotFigure;
	/** where the main figure's <svg> sits inside the overlay, in pixels */
	offset = { left: 0, top: 0 };
	private spec: InteractiveSpec;
	private doc: Document;
	private plotHost: Element;
	private schedule: RenderSchedule;
	private brush: RangeBrush;
	private crosshair: Crosshair;
	private selection: Span | null = null;
	private selecting = false;
	private panSuspended = false;
	private logButton?: HTMLButtonElement;
	private selectButton: HTMLButtonElement;

	constructor(spec: InteractiveSpec) {
		this.spec = spec;
		this.doc = spec.document ?? globalThis.document;
		this.full = spec.full;
		this.span = [...spec.full];
		this.log = !!spec.log;

		const chrome = chartChrome(this.doc, spec.theme, spec.label ?? 'chart', {
			...(spec.logToggle !== false && { log: { text: 'log', title: 'log or linear y scale', onClick: () => this.setLog(!this.log) } }),
			select: { text: 'select', title: 'drag selects a range (or Shift+drag); Escape clears it', onClick: () => this.setSelecting(!this.selecting) },
			reset: { text: 'reset', title: 'show all the data (or double-click the chart)', onClick: () => this.reset() }
		});
		this.element = chrome.element;
		this.overlay = chrome.overlay;
		this.plotHost = chrome.host.firstElementChild!;
		this.logButton = chrome.buttons.log;
		this.selectButton = chrome.buttons.select;
		Object.defineProperty(this.element, 'value', {
			get: () => this.value(),
			set: (v: unknown) => this.setSelection(Array.isArray(v) && v.length === 2 ? [+v[0], +v[1]] : null, false)
		});

		this.schedule = new RenderSchedule(this.doc, () => this.draw());
		this.crosshair = new Crosshair(this.overlay, spec.theme.muted, chrome.readout, spec, this.full);
		this.brush = new RangeBrush(
			chrome.brushLayer,
			(event) => !event.button && (this.selecting || event.shiftKey || isBrushPart(event.target)) && !this.panSuspended,
			(pixels) => this.setSelection(this.toData(pixels), true)
		);
		const hint = new ZoomHint(chrome.host, spec.theme);
		bindGestures(this, {
			mayPan: (event) => !(this.panSuspended || this.selecting || event.shiftKey || isBrushPart(event.target)),
			dragging: (on) => {
				this.schedule.dragging = on;
				if (on) this.overlay.style.cursor = 'grabbing';
				else this.suspendPan(this.panSuspended);
			},
			pointer: (px) => (px === null ? this.crosshair.hide() : this.crosshair.pointAt(this, px)),
			wheelPassed: () => hint.show(),
			clearSelection: () => this.setSelection(null, true)
		});

		views.set(this.element, this);
		this.draw();
	}

	/** The brushed window, or the whole data when nothing is selected. */
	value(): [Date, Date] | [number, number] {
		const [a, b] = this.selection ?? this.full;
		return this.spec.temporal ? [new Date(a), new Date(b)] : [a, b];
	}

	/** Shows `span` (clamped to the data) and re-draws on the next frame. */
	setSpan(span: Span): void {
		this.span = clampSpan(span, this.full);
		this.schedule.request();
	}

	reset(): void {
		this.setSpan([...this.full]);
	}

	setLog(log: boolean): void {
		this.log = log;
		this.logButton?.setAttribute('aria-pressed', String(log));
		this.schedule.request();
	}

	/** While suspended, a drag on the chart neither pans nor brushes (a drawing tool has it); wheel zoom still works. */
	suspendPan(suspended: boolean): void {
		this.panSuspended = suspended;
		this.overlay.style.cursor = suspended ? 'crosshair' : this.selecting ? 'crosshair' : 'grab';
	}

	private setSelecting(on: boolean): void {
		this.selecting = on;
		this.selectButton.setAttribute('aria-pressed', String(on));
		this.suspendPan(this.panSuspended);
	}

	/** Sets the brushed window; `announce` tells readers (an `input` event, as Observable Inputs do). */
	private setSelection(span: Span | null, announce: boolean): void {
		const before = this.selection;
		this.selection = span && span[1] > span[0] ? span : null;
		this.placeBrush();
		if (announce && (before?.[0] !== this.selection?.[0] || before?.[1] !== this.selection?.[1])) {
			this.element.dispatchEvent(new (this.doc.defaultView?.Event ?? Event)('input', { bubbles: true }));
		}
	}

	private toData(pixels: [number, number] | null): Span | null {
		const x = this.plot?.scale('x');
		if (!x?.invert) return null;
		const value = brushValue(pixels && [pixels[0] - this.offset.left, pixels[1] - this.offset.left], (px) => +(x.invert!(px) as number), this.spec.temporal);
		return value && [+value[0], +value[1]];
	}

	/** Keeps the brush on its dates as the view moves. */
	private placeBrush(): void {
		const area = plotArea(this);
		if (!area) return;
		const selection = this.selection;
		const { temporal } = this.spec;
		this.brush.place(area, selection && [xPixel(this, selection[0], temporal), xPixel(this, selection[1], temporal)], this.spec.theme.accent);
	}

	/** Re-renders the chart for the current window: Plot draws only the rows inside it. */
	private draw(): void {
		// Named measures for bench/chart-frames.bench.ts (a frame while moving, the render at rest).
		const started = globalThis.performance?.now();
		const { span, log } = this;
		const { live } = this.schedule;
		const x = (this.spec.temporal ? [new Date(span[0]), new Date(span[1])] : [span[0], span[1]]) as ViewState['x'];
		const node = this.spec.render({ span, x, y: this.spec.fit?.(span, log), log, live });
		this.plotHost.replaceChildren(node);
		this.plot = mainFigure(node);
		this.offset = figureOffset(this.plot, this.overlay);
		const data = this.element.dataset;
		data.xFrom = formatX(span[0], this.spec.temporal);
		data.xTo = formatX(span[1], this.spec.temporal);
		data.scale = log ? 'log' : 'linear';
		data.tapeSummary = `${this.spec.label ?? 'chart'}, ${data.xFrom} to ${data.xTo}${log ? ', log scale' : ''}`;
		data.settled = String(!live);
		this.logButton?.setAttribute('aria-pressed', String(log));
		this.placeBrush();
		if (started !== undefined) globalThis.performance?.measure?.(live ? 'tape-chart-frame' : 'tape-chart-settled', { start: started });
		this.element.dispatchEvent(new (this.doc.defaultView?.CustomEvent ?? CustomEvent)('tape-view', { detail: { x, span } }));
		this.crosshair.initialReadout();
	}
}
