import type { ChartTheme } from '../theme.js';
import type { Span } from './domain.js';

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

/** The spec's x for a chart over rows of ascending dates (epoch ms): the full range, and the crosshair snapping to rows. */
export function dateAxis(x: ArrayLike<number>): Pick<InteractiveSpec, 'full' | 'temporal' | 'snap'> {
	return { full: [x[0], x[x.length - 1]], temporal: true, snap: x };
}
