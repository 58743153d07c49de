import type { ChartTheme } from '../theme.js';
import type { InteractiveElement } from './spec.js';

const SVG = 'http://www.w3.org/2000/svg';
/** How long the "Ctrl+scroll to zoom" hint shows after a plain wheel over an unfocused chart. */
const HINT_MS = 1500;

export interface ChartButton {
	text: string;
	title: string;
	onClick(): void;
}

/** The elements of an interactive chart around its figure. */
export interface ChartChrome {
	element: InteractiveElement;
	buttons: Record<string, HTMLButtonElement>;
	readout: HTMLElement;
	/** holds the figure (its first child, replaced on each render), the overlay over it, and the hint */
	host: HTMLElement;
	/** an SVG layer over the figure, kept across re-renders */
	overlay: SVGSVGElement;
	brushLayer: SVGGElement;
}

/** Builds the chart's element: a bar of buttons (in their order) and the readout, then the figure under its overlay. */
export function chartChrome(doc: Document, theme: ChartTheme, label: string, buttons: Record<string, ChartButton>): ChartChrome {
	const element = doc.createElement('div') as unknown as InteractiveElement;
	element.className = 'tape-interactive';
	element.tabIndex = 0;
	element.setAttribute('role', 'group');
	element.setAttribute('aria-label', `${label}: drag or arrow keys pan, Ctrl+wheel (or wheel once focused) or +/- zoom, Shift+drag selects a range, double-click resets`);
	element.style.cssText = `position:relative;display:inline-block;max-width:100%;outline-offset:2px;color:${theme.foreground};background:${theme.background}`;

	const bar = doc.createElement('div');
	bar.className = 'tape-interactive-bar';
	// The chart's controls, not what it shows: text summaries skip them (runtime/summarize.ts).
	bar.dataset.tapeChrome = '';
	bar.style.cssText = `display:flex;gap:6px;align-items:center;font:11px system-ui,sans-serif;min-height:20px;color:${theme.foreground}`;
	const made: Record<string, HTMLButtonElement> = {};
	for (const [name, { text, title, onClick }] of Object.entries(buttons)) {
		const b = doc.createElement('button');
		b.type = 'button';
		b.textContent = text;
		b.title = title;
		b.style.cssText = `font:inherit;padding:1px 6px;border:1px solid ${theme.muted};border-radius:3px;background:${theme.background};color:${theme.foreground};cursor:pointer`;
		b.addEventListener('click', onClick);
		bar.append(b);
		made[name] = b;
	}
	const readout = doc.createElement('span');
	readout.className = 'tape-readout';
	readout.style.cssText = 'margin-left:6px;white-space:pre;font-variant-numeric:tabular-nums';
	bar.append(readout);

	const host = doc.createElement('div');
	host.style.cssText = 'position:relative';
	host.append(doc.createElement('div'));

	const overlay = doc.createElementNS(SVG, 'svg') as SVGSVGElement;
	overlay.setAttribute('class', 'tape-interactive-overlay');
	overlay.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;cursor:grab;touch-action:none;overflow:visible';
	// Sized by CSS; the zero attributes keep chart files (chartIn takes the largest <svg>) on the figure.
	overlay.setAttribute('width', '0');
	overlay.setAttribute('height', '0');
	const brushLayer = doc.createElementNS(SVG, 'g') as SVGGElement;
	brushLayer.setAttribute('class', 'tape-brush');
	overlay.append(brushLayer);
	host.append(overlay);
	element.append(bar, host);
	return { element, buttons: made, readout, host, overlay, brushLayer };
}

/** Says briefly, over the chart, how to zoom it while the wheel scrolls the page. */
export class ZoomHint {
	private hint?: HTMLElement;
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly host: HTMLElement,
		private readonly theme: ChartTheme
	) {}

	show(): void {
		const doc = this.host.ownerDocument;
		if (!this.hint) {
			const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform ?? '');
			this.hint = doc.createElement('div');
			this.hint.className = 'tape-interactive-hint';
			this.hint.dataset.tapeChrome = '';
			this.hint.textContent = `${mac ? '⌘' : 'Ctrl'}+scroll to zoom`;
			const { foreground, background } = this.theme;
			this.hint.style.cssText = `position:absolute;left:50%;top:40%;transform:translate(-50%,-50%);padding:4px 10px;border-radius:4px;font:12px system-ui,sans-serif;pointer-events:none;background:${foreground};color:${background};opacity:0.85`;
		}
		this.host.append(this.hint);
		clearTimeout(this.timer);
		this.timer = setTimeout(() => this.hint?.remove(), HINT_MS);
	}
}
