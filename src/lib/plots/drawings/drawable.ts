/**
 * What a chart that takes drawings tells the page about itself, so the editor's frame can offer
 * the drawing tools on it (reports, slides and exports show the drawings and offer nothing).
 */
import type { DrawableChart } from './edit.js';
import type { Bars, Resolved } from './resolve.js';
import type { Drawing, Timeframe } from './types.js';

export interface Drawable {
	chart: DrawableChart;
	/**
	 * the chart: an interactive one (its chartView gives the figure as last drawn and an overlay),
	 * or a static Plot figure (its scale('x') and scale('y') place the pointer)
	 */
	element: Element;
	bars: Bars;
	drawings: Drawing[];
	resolved: Resolved[];
	/** the bar length shown, for charts that switch (candles) */
	timeframe?: Timeframe;
}

const KEY = Symbol.for('tape.drawable');

export function markDrawable(element: Element, drawable: Drawable): void {
	(element as Element & { [KEY]?: Drawable })[KEY] = drawable;
}

export function drawableOf(value: unknown): Drawable | undefined {
	return value && typeof value === 'object' ? (value as { [KEY]?: Drawable })[KEY] : undefined;
}
