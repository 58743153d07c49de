/**
 * Where a drawing lies on a chart's bars: each point's bar and price, and the lines, band or
 * measurement it makes. Lines are straight in time (price per millisecond), so a line drawn on
 * daily bars lies where it did on weekly ones, and `drawingLine` gives the same values the chart
 * draws.
 */
import type { ColumnTable } from 'arquero';
import { anchorsOf, drawingProblem, type Anchor, type Drawing } from './types.js';

/** The bars a drawing is laid on (a chart's rows, or a table's columns). */
export interface Bars {
	dates: Date[];
	open: ArrayLike<number>;
	high: ArrayLike<number>;
	low: ArrayLike<number>;
	close: ArrayLike<number>;
}

export interface Point {
	index: number;
	date: Date;
	anchor: Anchor;
	price: number;
}

export interface Segment {
	x1: Date;
	y1: number;
	x2: Date;
	y2: number;
}

export type Resolved =
	| { kind: 'trend'; drawing: Drawing; points: [Point, Point]; lines: [Segment] }
	| { kind: 'channel'; drawing: Drawing; points: [Point, Point]; lines: [Segment, Segment] }
	| { kind: 'level'; drawing: Drawing; points: [Point]; price: number }
	| { kind: 'zone'; drawing: Drawing; points: [Point, Point]; band: { x1: Date; x2: Date; y1: number; y2: number } }
	| { kind: 'measure'; drawing: Drawing; points: [Point, Point]; change: number; bars: number };

const DAY_MS = 86_400_000;

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Bars from rows of { date, open, high, low, close } (a chart's rows). */
export function barsOfRows(rows: Record<string, unknown>[]): Bars {
	const column = (name: string) => Float64Array.from(rows, (r) => Number(r[name]));
	return { dates: rows.map((r) => r.date as Date), open: column('open'), high: column('high'), low: column('low'), close: column('close') };
}

/** Bars from a table; a table with only a close (a line chart's) uses it for every anchor. */
export function barsOfTable(table: ColumnTable, fn: string): Bars {
	const names = table.columnNames();
	for (const name of ['date', 'close']) if (!names.includes(name)) throw new Error(`${fn}: the table has no '${name}' column`);
	const values = (name: string) => Float64Array.from(table.array(names.includes(name) ? name : 'close') as ArrayLike<unknown>, Number);
	const dates = Array.from(table.array('date') as ArrayLike<unknown>, (d) => (d instanceof Date ? d : new Date(d as string)));
	return { dates, open: values('open'), high: values('high'), low: values('low'), close: values('close') };
}

/**
 * The bar a date names: that session's bar, or on a resampled chart the bar that holds it (bars are
 * dated by their last session, so the first bar dated on or after it).
 */
export function barAt(bars: Bars, day: string, where: string): number {
	const time = Date.parse(`${day}T00:00:00Z`);
	const { dates } = bars;
	if (!dates.length) throw new Error(`${where}: the chart has no bars`);
	if (time > dates[dates.length - 1].getTime()) throw new Error(`${where}: ${day} is after the chart's last bar (${isoDay(dates[dates.length - 1])})`);
	if (time < dates[0].getTime() - 31 * DAY_MS) throw new Error(`${where}: ${day} is before the chart's first bar (${isoDay(dates[0])})`);
	return firstOnOrAfter(dates, time);
}

/** The first of ascending dates at or after `time` (the last one when none is). */
export function firstOnOrAfter(dates: Date[], time: number): number {
	let lo = 0;
	let hi = dates.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (dates[mid].getTime() < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function point(bars: Bars, day: string, anchor: Anchor, where: string): Point {
	const index = barAt(bars, day, where);
	return { index, date: bars.dates[index], anchor, price: bars[anchor][index] };
}

/** The line through two points, as price at a time. */
function lineThrough(a: Point, b: Point, where: string): (time: number) => number {
	const t1 = a.date.getTime();
	const t2 = b.date.getTime();
	if (t1 === t2) throw new Error(`${where}: from and to fall on the same bar (${isoDay(a.date)}); draw between two bars`);
	const slope = (b.price - a.price) / (t2 - t1);
	return (time) => a.price + slope * (time - t1);
}

/** Lays each drawing on the bars; a drawing that does not fit says which and why. */
export function resolveDrawings(bars: Bars, drawings: readonly Drawing[], fn: string): Resolved[] {
	if (!Array.isArray(drawings)) throw new Error(`${fn}: drawings must be an array, e.g. [{ kind: 'level', from: '2011-04-29', anchor: 'high' }]`);
	return drawings.map((drawing, k) => {
		const where = `${fn}: drawing ${k + 1}`;
		const problem = drawingProblem(drawing, where);
		if (problem) throw new Error(problem);
		return resolveDrawing(bars, drawing, `${where} (${drawing.kind})`);
	});
}

function resolveDrawing(bars: Bars, drawing: Drawing, where: string): Resolved {
	const [a1, a2] = anchorsOf(drawing);
	const first = point(bars, drawing.from, a1, where);
	if (drawing.kind === 'level') return { kind: 'level', drawing, points: [first], price: first.price };
	const second = point(bars, drawing.to!, a2, where);
	const [p, q] = first.index <= second.index ? [first, second] : [second, first];
	const last = bars.dates[bars.dates.length - 1];
	switch (drawing.kind) {
		case 'trend': {
			const at = lineThrough(p, q, where);
			return { kind: 'trend', drawing, points: [first, second], lines: [{ x1: p.date, y1: p.price, x2: last, y2: at(last.getTime()) }] };
		}
		case 'channel': {
			const at = lineThrough(p, q, where);
			// The parallel through the farthest price on the other side between the two points:
			// over the highs for a channel drawn on lows (or closes), under the lows for one on highs.
			const onHighs = a1 === 'high';
			let offset = 0;
			for (let i = p.index; i <= q.index; i++) {
				const d = (onHighs ? bars.low[i] : bars.high[i]) - at(bars.dates[i].getTime());
				offset = onHighs ? Math.min(offset, d) : Math.max(offset, d);
			}
			const base = { x1: p.date, y1: p.price, x2: last, y2: at(last.getTime()) };
			return { kind: 'channel', drawing, points: [first, second], lines: [base, { ...base, y1: base.y1 + offset, y2: base.y2 + offset }] };
		}
		case 'zone':
			return { kind: 'zone', drawing, points: [first, second], band: { x1: p.date, x2: last, y1: Math.min(p.price, q.price), y2: Math.max(p.price, q.price) } };
		case 'measure':
			return { kind: 'measure', drawing, points: [first, second], change: q.price / p.price - 1, bars: q.index - p.index };
	}
}

/**
 * A drawn line's value at each row of a table: a level's price, or a trend line's (a channel's
 * lower or base line) extended both ways, for conditions such as `crossAbove` and `crossBelow`.
 *
 * @example
 * eventStudy(iwm, crossBelow((t) => drawingLine(t, { kind: 'trend', from: '2010-08-26', to: '2011-03-16', anchor: 'low' })))
 */
export function drawingLine(table: ColumnTable, drawing: Drawing): Float64Array {
	const problem = drawingProblem(drawing, 'drawingLine');
	if (problem) throw new Error(problem);
	if (drawing.kind === 'zone' || drawing.kind === 'measure') throw new Error(`drawingLine: a ${drawing.kind} is not a line; use a level, trend or channel`);
	const bars = barsOfTable(table, 'drawingLine');
	const [a1, a2] = anchorsOf(drawing);
	const first = point(bars, drawing.from, a1, 'drawingLine');
	if (drawing.kind === 'level') return new Float64Array(bars.dates.length).fill(first.price);
	const at = lineThrough(first, point(bars, drawing.to!, a2, 'drawingLine'), 'drawingLine');
	return Float64Array.from(bars.dates, (d) => at(d.getTime()));
}

/** "+12.3% in 42 sessions" (bars on a resampled chart). */
export function measureLabel(change: number, bars: number, unit = 'sessions'): string {
	const pct = (change * 100).toFixed(1);
	return `${change >= 0 ? '+' : ''}${pct}% in ${bars} ${bars === 1 ? unit.replace(/s$/, '') : unit}`;
}
