import { brushX, select, type BrushBehavior } from 'd3';
import type { ChartTheme } from '../theme.js';
import { brushValue, clampSpan, nearestRow, panBy, zoomAt, type Span } from './domain.js';

/** What a chart draws for one view: the visible x window, the y extent fitted to it, the scale type. */
export interface ViewState {
	/** the visible x window in data numbers (epoch ms for dates) */
	span: Span;
	/** the same window as Plot wants it for its x domain: dates when the axis is temporal */
	x: [Date, Date] | [number, number];
	/** the y domain fitted to the window; undefined leaves it to Plot */
	y: Span | undefined;
	log: boolean;
	/**
	 * true while the view is moving (a frame of a wheel or drag): a chart may draw its many marks
	 * on a canvas then; the render after the motion stops (settled, `live` false) is all SVG, so
	 * saved and copied charts are complete.
	 */
	live: boolean;
}

/**
 * How long the view must rest before the settled (all-SVG) render: no input, and no frame drawn,
 * for this long (measured from the end of the last frame, so slow frames never count as rest).
 */
const SETTLE_MS = 180;
/** How long the "Ctrl+scroll to zoom" hint shows after a plain wheel over an unfocused chart. */
const HINT_MS = 1500;

/** A Plot figure (an <svg> or a <figure> around one) with its scales. */
export type PlotFigure = Element & { scale(name: 'x' | 'y'): { domain?: unknown[]; range?: number[]; apply(v: unknown): number; invert?(px: number): unknown; type?: string } | undefined };

export interface InteractiveSpec {
	document?: Document;
	theme: ChartTheme;
	/** the x extent of the data, in numbers */
	full: Span;
	temporal: boolean;
	/** ascending x of the rows the crosshair snaps to */
	snap?: ArrayLike<number>;
	/** initial y scale; `logToggle: false` hides the log/linear button (e.g. y can be negative) */
	log?: boolean;
	logToggle?: boolean;
	/** a chart's figure for a view: a Plot figure, or an element whose first child with scales is the main one */
	render(view: ViewState): Element;
	/** the y extent of the data inside the window */
	fit?(span: Span, log: boolean): Span | undefined;
	/** the crosshair's text for the pointer at data x (every series' value there) */
	readout?(x: number): string;
	label?: string;
}

/** The element an interactive chart returns: an input for `view()`, `value` being the brushed [start, end]. */
export interface InteractiveElement extends HTMLElement {
	value: [Date, Date] | [number, number];
}

const views = new WeakMap<Element, ChartView>();

/** The controller of an interactive chart element, for code that draws over it (see index.ts). */
export function chartView(element: Element): ChartView | undefined {
	return views.get(element);
}

/** The keys a focused chart answers: pan by a tenth (a half with Shift), zoom by a quarter. */
const KEYS = { pan: 0.1, panFast: 0.5, zoomIn: 0.8, zoomOut: 1.25 };

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
	private host: HTMLElement;
	private readoutText: HTMLElement;
	private crosshair: SVGLineElement;
	private brushLayer: SVGGElement;
	private brush: BrushBehavior<unknown>;
	private selection: Span | null = null;
	private selecting = false;
	private panSuspended = false;
	private frame = 0;
	private settleTimer: ReturnType<typeof setTimeout> | undefined;
	/** when the view last moved or a frame last finished (performance.now()); the settled render waits SETTLE_MS past it */
	private lastActivity = 0;
	/** a drag pan is under way: the view is not at rest even while the pointer pauses */
	private dragging = false;
	private hint?: HTMLElement;
	private hintTimer: ReturnType<typeof setTimeout> | undefined;
	private live = false;
	private logButton?: HTMLButtonElement;
	private selectButton: HTMLButtonElement;

	constructor(spec: InteractiveSpec) {
		this.spec = spec;
		this.doc = spec.document ?? globalThis.document;
		const doc = this.doc;
		this.full = spec.full;
		this.span = [...spec.full];
		this.log = !!spec.log;
		const theme = spec.theme;

		const element = doc.createElement('div') as unknown as InteractiveElement;
		element.className = 'tape-interactive';
		element.tabIndex = 0;
		element.setAttribute('role', 'group');
		element.setAttribute('aria-label', `${spec.label ?? 'chart'}: drag or arrow keys pan, Ctrl+wheel (or wheel once focused) or +/- zoom, Shift+drag selects a range, double-click resets`);
		element.style.cssText = `position:relative;display:inline-block;max-width:100%;outline-offset:2px;color:${theme.foreground};background:${theme.background}`;
		Object.defineProperty(element, 'value', {
			get: () => this.value(),
			set: (v: unknown) => this.setSelection(Array.isArray(v) && v.length === 2 ? [+v[0], +v[1]] : null, false)
		});
		this.element = element;

		const bar = doc.createElement('div');
		bar.className = 'tape-interactive-bar';
		// The chart's controls, not what it shows: text summaries skip them (runtime/summarize.ts).
		bar.dataset.tapeChrome = '';
		bar.style.cssText = `display:flex;gap:6px;align-items:center;font:11px system-ui,sans-serif;min-height:20px;color:${theme.foreground}`;
		const button = (text: string, title: string, onClick: () => void) => {
			const b = doc.createElement('button');
			b.type = 'button';
			b.textContent = text;
			b.title = title;
			b.style.cssText = `font:inherit;padding:1px 6px;border:1px solid ${theme.muted};border-radius:3px;background:${theme.background};color:${theme.foreground};cursor:pointer`;
			b.addEventListener('click', onClick);
			bar.append(b);
			return b;
		};
		if (spec.logToggle !== false) {
			this.logButton = button('log', 'log or linear y scale', () => this.setLog(!this.log));
		}
		this.selectButton = button('select', 'drag selects a range (or Shift+drag); Escape clears it', () => this.setSelecting(!this.selecting));
		button('reset', 'show all the data (or double-click the chart)', () => this.reset());
		this.readoutText = doc.createElement('span');
		this.readoutText.className = 'tape-readout';
		this.readoutText.style.cssText = 'margin-left:6px;white-space:pre;font-variant-numeric:tabular-nums';
		bar.append(this.readoutText);

		this.host = doc.createElement('div');
		this.host.style.cssText = 'position:relative';
		const plotHost = doc.createElement('div');
		this.host.append(plotHost);

		const SVG = 'http://www.w3.org/2000/svg';
		this.overlay = doc.createElementNS(SVG, 'svg') as SVGSVGElement;
		this.overlay.setAttribute('class', 'tape-interactive-overlay');
		this.overlay.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;cursor:grab;touch-action:none;overflow:visible';
		// Sized by CSS; the zero attributes keep chart files (chartIn takes the largest <svg>) on the figure.
		this.overlay.setAttribute('width', '0');
		this.overlay.setAttribute('height', '0');
		this.crosshair = doc.createElementNS(SVG, 'line') as SVGLineElement;
		this.crosshair.setAttribute('stroke', theme.muted);
		this.crosshair.setAttribute('stroke-dasharray', '3,3');
		this.crosshair.setAttribute('pointer-events', 'none');
		this.crosshair.style.display = 'none';
		this.brushLayer = doc.createElementNS(SVG, 'g') as SVGGElement;
		this.brushLayer.setAttribute('class', 'tape-brush');
		this.overlay.append(this.brushLayer, this.crosshair);
		this.host.append(this.overlay);
		element.append(bar, this.host);

		this.brush = brushX<unknown>()
			// d3's default asks `navigator`, which Node 20 (the CLI's export) has not.
			.touchable(function (this: SVGGElement) {
				return typeof navigator !== 'undefined' && (navigator.maxTouchPoints > 0 || 'ontouchstart' in this);
			})
			.filter((event: MouseEvent) => !event.button && (this.selecting || event.shiftKey || isBrushPart(event.target)) && !this.panSuspended)
			.on('end', (event: { selection: [number, number] | null; sourceEvent?: Event }) => {
				if (!event.sourceEvent) return; // moved by us when the view changed
				this.setSelection(this.toData(event.selection), true);
			});

		this.listen();
		views.set(element, this);
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
		this.schedule();
	}

	reset(): void {
		this.setSpan([...this.full]);
	}

	setLog(log: boolean): void {
		this.log = log;
		this.logButton?.setAttribute('aria-pressed', String(log));
		this.schedule();
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

	/**
	 * One render per frame while the view moves, then a settled one once it really rests: the
	 * settle timer re-arms until SETTLE_MS have passed since the last input or frame, and while a
	 * drag is held, so the slow all-SVG render never lands between the frames of a gesture.
	 */
	private schedule(): void {
		const win = this.doc.defaultView;
		if (!win?.requestAnimationFrame) return this.draw();
		this.live = true;
		this.lastActivity = now();
		this.armSettle(SETTLE_MS);
		if (this.frame) return;
		this.frame = win.requestAnimationFrame(() => {
			this.frame = 0;
			if (!this.live) return;
			this.draw();
			this.lastActivity = now();
		});
	}

	private armSettle(ms: number): void {
		clearTimeout(this.settleTimer);
		this.settleTimer = setTimeout(() => {
			const waited = now() - this.lastActivity;
			// An input already queued (Chromium can tell) would wait behind the slow render: let it go first.
			const pending = (globalThis.navigator as { scheduling?: { isInputPending?(o?: object): boolean } } | undefined)?.scheduling?.isInputPending?.({ includeContinuous: true });
			if (this.frame || this.dragging || pending || waited < SETTLE_MS) return this.armSettle(this.dragging || pending ? SETTLE_MS : Math.max(1, SETTLE_MS - waited));
			this.live = false;
			this.draw();
		}, ms);
	}

	/** Re-renders the chart for the current window: Plot draws only the rows inside it. */
	private draw(): void {
		// Named measures for bench/chart-frames.bench.ts (a frame while moving, the render at rest).
		const started = globalThis.performance?.now();
		const { span, log } = this;
		const x = (this.spec.temporal ? [new Date(span[0]), new Date(span[1])] : [span[0], span[1]]) as ViewState['x'];
		const node = this.spec.render({ span, x, y: this.spec.fit?.(span, log), log, live: this.live });
		const plotHost = this.host.firstElementChild!;
		plotHost.replaceChildren(node);
		this.plot = mainFigure(node);
		this.measure();
		this.element.dataset.xFrom = formatX(span[0], this.spec.temporal);
		this.element.dataset.xTo = formatX(span[1], this.spec.temporal);
		this.element.dataset.scale = log ? 'log' : 'linear';
		this.element.dataset.tapeSummary = `${this.spec.label ?? 'chart'}, ${this.element.dataset.xFrom} to ${this.element.dataset.xTo}${log ? ', log scale' : ''}`;
		this.element.dataset.settled = String(!this.live);
		this.logButton?.setAttribute('aria-pressed', String(log));
		this.placeBrush();
		if (started !== undefined) globalThis.performance?.measure?.(this.live ? 'tape-chart-frame' : 'tape-chart-settled', { start: started });
		this.element.dispatchEvent(new (this.doc.defaultView?.CustomEvent ?? CustomEvent)('tape-view', { detail: { x, span } }));
		if (!this.readoutText.textContent && this.spec.readout) this.readoutText.textContent = this.spec.readout(this.full[1]);
	}

	/** Where the main figure's plot area is inside the overlay (a figure may have a title or legend above its svg). */
	private measure(): void {
		const svg = figureSvg(this.plot);
		const a = svg?.getBoundingClientRect();
		const b = this.overlay.getBoundingClientRect();
		const k = this.scaleFactor();
		this.offset = { left: a && b ? (a.left - b.left) * k : 0, top: a && b ? (a.top - b.top) * k : 0 };
	}

	private area(): { x: [number, number]; y: [number, number] } | undefined {
		const x = this.plot.scale('x')?.range;
		const y = this.plot.scale('y')?.range;
		if (!x || !y) return undefined;
		const { left, top } = this.offset;
		return { x: [left + Math.min(x[0], x[1]), left + Math.max(x[0], x[1])], y: [top + Math.min(y[0], y[1]), top + Math.max(y[0], y[1])] };
	}

	/** Keeps the brush on its dates as the view moves (clipped to what is shown). */
	private placeBrush(): void {
		const area = this.area();
		if (!area) return;
		const g = select(this.brushLayer);
		this.brush.extent([
			[area.x[0], area.y[0]],
			[area.x[1], area.y[1]]
		]);
		g.call(this.brush);
		g.select('.overlay').style('cursor', null).attr('cursor', null);
		g.select('.selection').attr('fill', this.spec.theme.accent).attr('fill-opacity', 0.15).attr('stroke', this.spec.theme.accent);
		const scale = this.plot.scale('x')!;
		let pixels: [number, number] | null = null;
		if (this.selection) {
			const at = (v: number) => this.offset.left + scale.apply(this.spec.temporal ? new Date(v) : v);
			const [a, b] = [Math.max(area.x[0], at(this.selection[0])), Math.min(area.x[1], at(this.selection[1]))];
			if (b > a) pixels = [a, b];
		}
		this.brush.move(g, pixels);
	}

	/** CSS pixels per screen pixel: slides scale their content, and the scales are in the figure's own pixels. */
	private scaleFactor(): number {
		const width = this.overlay.getBoundingClientRect().width;
		return width && this.overlay.clientWidth ? this.overlay.clientWidth / width : 1;
	}

	private pointerX(event: MouseEvent): number {
		const box = this.overlay.getBoundingClientRect();
		return (event.clientX - box.left) * this.scaleFactor();
	}

	/** Data x at an overlay pixel, within the data. */
	private dataAt(px: number): number | undefined {
		const scale = this.plot.scale('x');
		if (!scale?.invert) return undefined;
		const v = +(scale.invert(px - this.offset.left) as number);
		return Math.min(this.full[1], Math.max(this.full[0], v));
	}

	private listen(): void {
		const overlay = this.overlay;
		const fractionAt = (px: number) => {
			const area = this.area();
			return area ? Math.min(1, Math.max(0, (px - area.x[0]) / (area.x[1] - area.x[0] || 1))) : 0.5;
		};
		overlay.addEventListener(
			'wheel',
			(event: WheelEvent) => {
				// A plain wheel scrolls the page (a long notebook must not stick on every chart);
				// Ctrl/⌘+wheel (and a trackpad pinch, which arrives as one) or a focused chart zooms.
				if (!(event.ctrlKey || event.metaKey || this.focused())) return this.showHint();
				event.preventDefault();
				const unit = event.deltaMode === 1 ? 30 : event.deltaMode === 2 ? 300 : 1;
				if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
					const area = this.area();
					this.setSpan(panBy(this.span, this.full, (event.deltaX * unit) / ((area ? area.x[1] - area.x[0] : 600) || 1)));
				} else {
					this.setSpan(zoomAt(this.span, this.full, fractionAt(this.pointerX(event)), Math.pow(2, (event.deltaY * unit) / 500)));
				}
			},
			{ passive: false }
		);

		let drag: { id: number; x: number; span: Span } | undefined;
		overlay.addEventListener('pointerdown', (event: PointerEvent) => {
			// A click makes the chart the wheel's (the brush's handler stops the default focusing).
			if (!this.focused()) this.element.focus({ preventScroll: true });
			if (event.button !== 0 || this.panSuspended || this.selecting || event.shiftKey || isBrushPart(event.target)) return;
			drag = { id: event.pointerId, x: event.clientX, span: this.span };
			this.dragging = true;
			overlay.setPointerCapture?.(event.pointerId);
			overlay.style.cursor = 'grabbing';
		});
		overlay.addEventListener('pointermove', (event: PointerEvent) => {
			if (drag && event.pointerId === drag.id) {
				const area = this.area();
				const width = area ? area.x[1] - area.x[0] : 600;
				this.setSpan(panBy(drag.span, this.full, (-(event.clientX - drag.x) * this.scaleFactor()) / (width || 1)));
			}
			this.pointAt(this.pointerX(event));
		});
		const end = (event: PointerEvent) => {
			if (!drag || event.pointerId !== drag.id) return;
			drag = undefined;
			this.dragging = false;
			overlay.releasePointerCapture?.(event.pointerId);
			this.suspendPan(this.panSuspended);
		};
		overlay.addEventListener('pointerup', end);
		overlay.addEventListener('pointercancel', end);
		overlay.addEventListener('pointerleave', () => (this.crosshair.style.display = 'none'));
		overlay.addEventListener('dblclick', (event) => {
			event.preventDefault();
			this.reset();
		});

		this.element.addEventListener('keydown', (event: KeyboardEvent) => {
			if (event.target !== this.element || event.ctrlKey || event.metaKey || event.altKey) return;
			const step = event.shiftKey ? KEYS.panFast : KEYS.pan;
			const keys: Record<string, () => void> = {
				ArrowLeft: () => this.setSpan(panBy(this.span, this.full, -step)),
				ArrowRight: () => this.setSpan(panBy(this.span, this.full, step)),
				'+': () => this.setSpan(zoomAt(this.span, this.full, 0.5, KEYS.zoomIn)),
				'=': () => this.setSpan(zoomAt(this.span, this.full, 0.5, KEYS.zoomIn)),
				'-': () => this.setSpan(zoomAt(this.span, this.full, 0.5, KEYS.zoomOut)),
				_: () => this.setSpan(zoomAt(this.span, this.full, 0.5, KEYS.zoomOut)),
				'0': () => this.reset(),
				Home: () => this.reset(),
				Escape: () => this.setSelection(null, true)
			};
			const action = keys[event.key];
			if (!action) return;
			event.preventDefault();
			action();
		});
	}

	/** The chart or something in it (a drawing tool's button) has the keyboard focus. */
	private focused(): boolean {
		const active = this.doc.activeElement;
		return !!active && this.element.contains(active);
	}

	/** Says briefly, over the chart, how to zoom it while the wheel scrolls the page. */
	private showHint(): void {
		if (!this.hint) {
			const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform ?? '');
			this.hint = this.doc.createElement('div');
			this.hint.className = 'tape-interactive-hint';
			this.hint.dataset.tapeChrome = '';
			this.hint.textContent = `${mac ? '⌘' : 'Ctrl'}+scroll to zoom`;
			const { foreground, background } = this.spec.theme;
			this.hint.style.cssText = `position:absolute;left:50%;top:40%;transform:translate(-50%,-50%);padding:4px 10px;border-radius:4px;font:12px system-ui,sans-serif;pointer-events:none;background:${foreground};color:${background};opacity:0.85`;
		}
		this.host.append(this.hint);
		clearTimeout(this.hintTimer);
		this.hintTimer = setTimeout(() => this.hint?.remove(), HINT_MS);
	}

	/** The crosshair and the readout of every series at the row nearest the pointer. */
	private pointAt(px: number): void {
		let x = this.dataAt(px);
		if (x === undefined) return;
		const snap = this.spec.snap;
		if (snap?.length) x = snap[nearestRow(snap, x)];
		const area = this.area();
		const scale = this.plot.scale('x')!;
		const at = this.offset.left + scale.apply(this.spec.temporal ? new Date(x) : x);
		if (area && at >= area.x[0] - 0.5 && at <= area.x[1] + 0.5) {
			this.crosshair.setAttribute('x1', String(at));
			this.crosshair.setAttribute('x2', String(at));
			this.crosshair.setAttribute('y1', String(area.y[0]));
			this.crosshair.setAttribute('y2', String(this.overlay.clientHeight || area.y[1]));
			this.crosshair.style.display = '';
		}
		if (this.spec.readout) this.readoutText.textContent = this.spec.readout(x);
	}
}

/** The spec's x for a chart over rows of ascending dates (epoch ms): the full range, and the crosshair snapping to rows. */
export function dateAxis(x: ArrayLike<number>): Pick<InteractiveSpec, 'full' | 'temporal' | 'snap'> {
	return { full: [x[0], x[x.length - 1]], temporal: true, snap: x };
}

/** Makes a chart interactive: zoom, pan, y fitted to the window, brush as value, log toggle, crosshair readout, keys. */
export function interactive(spec: InteractiveSpec): InteractiveElement {
	return new ChartView(spec).element;
}

function now(): number {
	return globalThis.performance?.now() ?? Date.now();
}

function mainFigure(node: Element): PlotFigure {
	const has = (e: Element) => typeof (e as PlotFigure).scale === 'function';
	if (has(node)) return node as PlotFigure;
	const found = [...node.children].find(has);
	if (!found) throw new Error('interactive: the chart drew no Plot figure');
	return found as PlotFigure;
}

/** The plot's own <svg>: the figure itself, or its child (a legend's swatches are <svg>s too, inside a div). */
export function figureSvg(figure: Element): SVGSVGElement | null {
	return (figure.tagName.toLowerCase() === 'svg' ? figure : figure.querySelector(':scope > svg')) as SVGSVGElement | null;
}

function isBrushPart(target: EventTarget | null): boolean {
	const cls = (target as Element | null)?.getAttribute?.('class') ?? '';
	return cls === 'selection' || cls.startsWith('handle');
}

/** A day's date for daily data, else the full time. */
export function formatX(value: number, temporal: boolean): string {
	if (!temporal) return String(Math.round(value * 1000) / 1000);
	const iso = new Date(value).toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
