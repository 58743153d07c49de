import { brushX, select, type BrushBehavior } from 'd3';
import type { PlotArea } from './figure.js';

/**
 * The d3 brush that selects an x range on a chart: kept on its pixels as the view moves (clipped
 * to what is shown); what the range means in data is the chart's business.
 */
export class RangeBrush {
	private readonly behavior: BrushBehavior<unknown>;

	/**
	 * `active` says whether a press starts a brush (select mode, Shift, or a press on the brush
	 * itself); `brushed` gets the pixels a person's brush ended on (null: cleared).
	 */
	constructor(
		private readonly layer: SVGGElement,
		active: (event: MouseEvent) => boolean,
		brushed: (pixels: [number, number] | null) => void
	) {
		this.behavior = brushX<unknown>()
			// d3's default asks `navigator`, which Node 20 (the CLI's export) has not.
			.touchable(function (this: SVGGElement) {
				return typeof navigator !== 'undefined' && (navigator.maxTouchPoints > 0 || 'ontouchstart' in this);
			})
			.filter(active)
			.on('end', (event: { selection: [number, number] | null; sourceEvent?: Event }) => {
				if (!event.sourceEvent) return; // moved by us when the view changed
				brushed(event.selection);
			});
	}

	/** Shows the brush over `area` at the pixels of `range` (its ends as overlay pixels), or none. */
	place(area: PlotArea, range: [number, number] | null, accent: string): void {
		const g = select(this.layer);
		this.behavior.extent([
			[area.x[0], area.y[0]],
			[area.x[1], area.y[1]]
		]);
		g.call(this.behavior);
		g.select('.overlay').style('cursor', null).attr('cursor', null);
		g.select('.selection').attr('fill', accent).attr('fill-opacity', 0.15).attr('stroke', accent);
		let pixels: [number, number] | null = null;
		if (range) {
			const [a, b] = [Math.max(area.x[0], range[0]), Math.min(area.x[1], range[1])];
			if (b > a) pixels = [a, b];
		}
		this.behavior.move(g, pixels);
	}
}

/** A press on the brush's selection or handles (it moves the brush, not the view). */
export function isBrushPart(target: EventTarget | null): boolean {
	const cls = (target as Element | null)?.getAttribute?.('class') ?? '';
	return cls === 'selection' || cls.startsWith('handle');
}
