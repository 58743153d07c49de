/**
 * Where the main Plot figure lies inside the chart's overlay, and how the overlay's pixels map to
 * the figure's: everything that turns a pointer into data (pan, brush, crosshair) goes through here.
 */

/** A Plot figure (an <svg> or a <figure> around one) with its scales. */
export type PlotFigure = Element & { scale(name: 'x' | 'y'): { domain?: unknown[]; range?: number[]; apply(v: unknown): number; invert?(px: number): unknown; type?: string } | undefined };

/** The main figure as last drawn, and where its <svg> sits in the overlay (in the figure's pixels). */
export interface PlacedFigure {
	readonly plot: PlotFigure;
	readonly offset: { left: number; top: number };
	readonly overlay: SVGSVGElement;
}

/** The plot area (inside the axes) in overlay pixels. */
export interface PlotArea {
	x: [number, number];
	y: [number, number];
}

/** The figure a chart's render returned: itself, or its first child with scales. */
export function mainFigure(node: Element): PlotFigure {
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

/** Where the figure's <svg> is inside the overlay (a figure may have a title or legend above it). */
export function figureOffset(plot: PlotFigure, overlay: SVGSVGElement): { left: number; top: number } {
	const a = figureSvg(plot)?.getBoundingClientRect();
	const b = overlay.getBoundingClientRect();
	const k = screenScale(overlay);
	return { left: a && b ? (a.left - b.left) * k : 0, top: a && b ? (a.top - b.top) * k : 0 };
}

export function plotArea({ plot, offset }: PlacedFigure): PlotArea | undefined {
	const x = plot.scale('x')?.range;
	const y = plot.scale('y')?.range;
	if (!x || !y) return undefined;
	const { left, top } = offset;
	return { x: [left + Math.min(x[0], x[1]), left + Math.max(x[0], x[1])], y: [top + Math.min(y[0], y[1]), top + Math.max(y[0], y[1])] };
}

/** CSS pixels per screen pixel: slides scale their content, and the scales are in the figure's own pixels. */
export function screenScale(overlay: SVGSVGElement): number {
	const width = overlay.getBoundingClientRect().width;
	return width && overlay.clientWidth ? overlay.clientWidth / width : 1;
}

/** The pointer's x in overlay pixels. */
export function pointerX(overlay: SVGSVGElement, event: MouseEvent): number {
	const box = overlay.getBoundingClientRect();
	return (event.clientX - box.left) * screenScale(overlay);
}

/** The overlay pixel of data x. */
export function xPixel({ plot, offset }: PlacedFigure, value: number, temporal: boolean): number {
	return offset.left + plot.scale('x')!.apply(temporal ? new Date(value) : value);
}
