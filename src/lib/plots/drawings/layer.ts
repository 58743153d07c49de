import type * as Plot from '@observablehq/plot';
import type { ChartTheme } from '../theme.js';
import { drawingMarks } from './marks.js';
import { resolveDrawings, type Bars, type Resolved } from './resolve.js';
import type { Drawing } from './types.js';

/**
 * A chart's drawings, laid on its bars: their marks, and the price domain to keep (lines run on to
 * the last bar and would otherwise stretch the y axis; they are clipped instead). `extra` are other
 * values drawn on the price axis (overlays).
 */
export function drawingLayer(bars: Bars, drawings: Drawing[] | undefined, theme: ChartTheme, fn: string, unit: string, extra: ArrayLike<number>[] = []): { bars: Bars; resolved: Resolved[]; marks: Plot.Markish[]; domain?: [number, number] } {
	const resolved = resolveDrawings(bars, drawings ?? [], fn);
	if (!resolved.length) return { bars, resolved, marks: [] };
	let lo = Infinity;
	let hi = -Infinity;
	for (const values of [bars.low, bars.high, ...extra]) {
		for (let i = 0; i < values.length; i++) {
			const v = values[i];
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
	}
	return { bars, resolved, marks: drawingMarks(resolved, theme, unit), domain: [lo, hi] };
}
