/**
 * The arithmetic of a chart's view, kept free of the DOM so it can be tested alone: x domains as
 * [from, to] in numbers (a date is its epoch milliseconds), zoom about a point, pan, clamping to
 * the data, the rows inside a window and the y extent that fits them.
 */
import { bisectLeft, bisectRight } from 'd3';

export type Span = [number, number];

/** The smallest window a zoom may reach, as a fraction of the full span (and at least `minSpan`). */
const MIN_FRACTION = 1 / 2000;

/** `view` moved inside `full` keeping its width; narrowed to `full` when wider. */
export function clampSpan(view: Span, full: Span, minSpan = 0): Span {
	const fullWidth = full[1] - full[0];
	let width = Math.min(view[1] - view[0], fullWidth);
	width = Math.max(width, Math.min(fullWidth, Math.max(minSpan, fullWidth * MIN_FRACTION)));
	let from = view[0];
	if (from < full[0]) from = full[0];
	if (from + width > full[1]) from = full[1] - width;
	return [from, from + width];
}

/**
 * Zooms by `factor` (> 1 widens, i.e. zooms out) about `at`, a fraction of the window from its
 * left edge, so the point under the pointer stays under it.
 */
export function zoomAt(view: Span, full: Span, at: number, factor: number, minSpan = 0): Span {
	const pivot = view[0] + at * (view[1] - view[0]);
	const width = (view[1] - view[0]) * factor;
	const fullWidth = full[1] - full[0];
	const clampedWidth = Math.min(fullWidth, Math.max(width, Math.min(fullWidth, Math.max(minSpan, fullWidth * MIN_FRACTION))));
	return clampSpan([pivot - at * clampedWidth, pivot + (1 - at) * clampedWidth], full, minSpan);
}

/** Moves the window by `fraction` of its width (positive: later), stopping at the data's ends. */
export function panBy(view: Span, full: Span, fraction: number): Span {
	const shift = fraction * (view[1] - view[0]);
	return clampSpan([view[0] + shift, view[1] + shift], full);
}

/** The rows [start, end) whose x lies inside the window, plus one either side so lines reach the edges. */
export function visibleRows(xs: ArrayLike<number>, view: Span): [number, number] {
	return [Math.max(0, bisectLeft(xs, view[0]) - 1), Math.min(xs.length, bisectRight(xs, view[1]) + 1)];
}

/** Index of the row whose x is nearest `value` (xs ascending, non-empty). */
export function nearestRow(xs: ArrayLike<number>, value: number): number {
	const i = bisectLeft(xs, value);
	if (i === 0) return 0;
	if (i >= xs.length) return xs.length - 1;
	return value - xs[i - 1] <= xs[i] - value ? i - 1 : i;
}

/**
 * The y extent of the series over the points whose x lies in the window (each series' lows and
 * highs, or one array for both; x in any order), with `pad` of the range added each side (in log
 * space on a log scale, where non-positive values are skipped). Undefined when nothing is visible.
 */
export function fitY(series: { x: ArrayLike<number>; low: ArrayLike<number>; high?: ArrayLike<number> }[], view: Span, options: { log?: boolean; pad?: number } = {}): Span | undefined {
	let lo = Infinity;
	let hi = -Infinity;
	for (const { x, low, high = low } of series) {
		for (let i = 0; i < x.length; i++) {
			if (!(x[i] >= view[0] && x[i] <= view[1])) continue;
			const a = low[i];
			const b = high[i];
			if (Number.isFinite(a) && (!options.log || a > 0) && a < lo) lo = a;
			if (Number.isFinite(b) && (!options.log || b > 0) && b > hi) hi = b;
		}
	}
	if (!(lo <= hi)) return undefined;
	const pad = options.pad ?? 0.04;
	if (options.log) {
		const [l, h] = [Math.log(lo), Math.log(hi)];
		const margin = (h - l || Math.abs(l) || 1) * pad;
		return [Math.exp(l - margin), Math.exp(h + margin)];
	}
	const margin = (hi - lo || Math.abs(lo) || 1) * pad;
	return [lo - margin, hi + margin];
}

/**
 * A brush's pixel selection as a value in data space: [start, end] as dates when the x scale is
 * temporal, numbers otherwise; null for no selection or one narrower than a pixel.
 */
export function brushValue(pixels: readonly [number, number] | null | undefined, invert: (px: number) => number, temporal: boolean): [Date, Date] | [number, number] | null {
	if (!pixels || Math.abs(pixels[1] - pixels[0]) < 1) return null;
	const [a, b] = [invert(Math.min(pixels[0], pixels[1])), invert(Math.max(pixels[0], pixels[1]))];
	return temporal ? [new Date(a), new Date(b)] : [a, b];
}
