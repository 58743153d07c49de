import * as Plot from '@observablehq/plot';
import type { ChartTheme } from '../theme.js';
import { isoDay, measureLabel, type Resolved } from './resolve.js';

/**
 * The palette entries drawings take, in turn: not the green and red of rising and falling candles
 * (a level in the down colour read as part of the data, in both themes).
 */
const DRAWING_COLOURS = [3, 1, 6, 0, 5];

/** Class of every drawing's marks, so a page (and a test) can tell drawings from the data. */
export const DRAWING_CLASS = 'tape-drawing';

/** What a drawing is, for screen readers and for finding it in the page. */
export function drawingLabel(r: Resolved, k: number): string {
	const [p, q] = r.points;
	const at = (point: typeof p) => `${isoDay(point.date)} ${point.anchor} ${point.price.toFixed(2)}`;
	return q ? `drawing ${k + 1}: ${r.kind} from ${at(p)} to ${at(q)}` : `drawing ${k + 1}: ${r.kind} at ${at(p)}`;
}

/**
 * The Plot marks that draw the drawings, clipped to the frame (lines run on to the last bar).
 * `unit` names a measure's bars: sessions on daily charts, bars on resampled ones.
 */
export function drawingMarks(resolved: Resolved[], theme: ChartTheme, unit = 'sessions'): Plot.Markish[] {
	const marks: Plot.Markish[] = [];
	const common = { clip: true, className: DRAWING_CLASS } as const;
	resolved.forEach((r, k) => {
		const ariaLabel = () => drawingLabel(r, k);
		const colour = theme.palette[DRAWING_COLOURS[k % DRAWING_COLOURS.length] % theme.palette.length];
		switch (r.kind) {
			case 'trend':
			case 'channel':
				marks.push(Plot.link(r.lines, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: colour, strokeWidth: 1.5, ariaLabel, ...common }));
				break;
			case 'level':
				marks.push(Plot.ruleY([r.price], { stroke: colour, strokeWidth: 1.5, strokeDasharray: '6,3', ariaLabel, ...common }));
				break;
			case 'zone':
				// Outlined: a faint fill alone all but vanished on the dark theme's background.
				marks.push(Plot.rect([r.band], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: colour, fillOpacity: 0.2, stroke: colour, strokeOpacity: 0.7, ariaLabel, ...common }));
				break;
			case 'measure': {
				const [p, q] = r.points;
				const span = { x1: p.date, y1: p.price, x2: q.date, y2: q.price };
				marks.push(
					Plot.arrow([span], { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: colour, strokeWidth: 1.5, ariaLabel, ...common }),
					Plot.text([span], { x: 'x2', y: 'y2', text: () => measureLabel(r.change, r.bars, unit), dy: -10, textAnchor: 'end', fill: theme.foreground, stroke: theme.background, strokeWidth: 3, paintOrder: 'stroke', ...common })
				);
				break;
			}
		}
	});
	return marks;
}
