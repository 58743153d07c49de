/**
 * Drawings on a price chart, as the notebook writes them: plain objects in the chart call's
 * `drawings` option. Every point is a bar's date and which of its prices (open/high/low/close),
 * so a drawing is code a reader can edit and re-run, and follows the data it was drawn on.
 */
export type Anchor = 'open' | 'high' | 'low' | 'close';
export type DrawingKind = 'trend' | 'channel' | 'level' | 'zone' | 'measure';

export interface Drawing {
	kind: DrawingKind;
	/** the first point's bar, 'YYYY-MM-DD' (a level's only point) */
	from: string;
	/** the second point's bar (every kind but a level) */
	to?: string;
	/** which price of the bar(s): one for both points, or one each; default 'close' */
	anchor?: Anchor | [Anchor, Anchor];
}

/** The bar lengths a candle chart switches between. */
export type Timeframe = 'day' | '3-day' | 'week' | 'month';

export const KINDS: readonly DrawingKind[] = ['trend', 'channel', 'level', 'zone', 'measure'];
export const ANCHORS: readonly Anchor[] = ['open', 'high', 'low', 'close'];
export const TIMEFRAMES: readonly Timeframe[] = ['day', '3-day', 'week', 'month'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a drawing, or undefined: `where` names it in the message (e.g. "drawing 2"). */
export function drawingProblem(value: unknown, where = 'drawing'): string | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return `${where} is not an object like { kind: 'trend', from: '2011-01-03', to: '2011-04-29' }`;
	const d = value as Record<string, unknown>;
	if (!KINDS.includes(d.kind as DrawingKind)) return `${where}: kind ${JSON.stringify(d.kind)} is not one of ${KINDS.join(', ')}`;
	if (typeof d.from !== 'string' || !DAY.test(d.from)) return `${where}: from ${JSON.stringify(d.from)} is not a date 'YYYY-MM-DD'`;
	if (d.kind !== 'level' && (typeof d.to !== 'string' || !DAY.test(d.to))) return `${where}: a ${d.kind} needs to: 'YYYY-MM-DD', got ${JSON.stringify(d.to)}`;
	if (d.kind === 'level' && d.to !== undefined) return `${where}: a level has one point (from), not to`;
	const anchors = Array.isArray(d.anchor) ? d.anchor : d.anchor === undefined ? [] : [d.anchor];
	if ((Array.isArray(d.anchor) && d.anchor.length !== 2) || !anchors.every((a) => ANCHORS.includes(a as Anchor))) {
		return `${where}: anchor ${JSON.stringify(d.anchor)} is not one of ${ANCHORS.join(', ')} (or a pair of them)`;
	}
	const extra = Object.keys(d).filter((k) => !['kind', 'from', 'to', 'anchor'].includes(k));
	if (extra.length) return `${where}: unknown field ${extra[0]} (a drawing has kind, from, to, anchor)`;
	return undefined;
}

export function isDrawing(value: unknown): value is Drawing {
	return drawingProblem(value) === undefined;
}

/** The two anchors of a drawing's points. */
export function anchorsOf(drawing: Drawing): [Anchor, Anchor] {
	const a = drawing.anchor ?? 'close';
	return Array.isArray(a) ? [a[0], a[1]] : [a, a];
}

/** A drawing as the code a cell holds: `{ kind: 'channel', from: '2010-08-26', to: '2011-04-29', anchor: 'low' }`. */
export function drawingCode(drawing: Drawing): string {
	const [a, b] = anchorsOf(drawing);
	const parts = [`kind: '${drawing.kind}'`, `from: '${drawing.from}'`];
	if (drawing.to !== undefined) parts.push(`to: '${drawing.to}'`);
	if (a === b) parts.push(`anchor: '${a}'`);
	else parts.push(`anchor: ['${a}', '${b}']`);
	return `{ ${parts.join(', ')} }`;
}
