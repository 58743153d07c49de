/**
 * What a reader did to a chart with the mouse, as the frame tells the workspace: which chart call
 * of the cell (`chart`, `call`: the first candlestickChart(…) of the cell is call 0) and what to
 * change in its options. The workspace turns it into an edit of that call's code, nothing else.
 */
import { drawingProblem, TIMEFRAMES, type Drawing, type Timeframe } from './types.js';

/** The chart functions whose drawings and timeframe the mouse can edit. */
export const DRAWABLE_CHARTS = ['candlestickChart', 'lineChart'] as const;
export type DrawableChart = (typeof DRAWABLE_CHARTS)[number];

export interface ChartRef {
	chart: DrawableChart;
	call: number;
}

export type ChartEdit =
	| { op: 'add'; drawing: Drawing }
	| { op: 'move'; index: number; drawing: Drawing }
	| { op: 'delete'; index: number }
	| { op: 'timeframe'; timeframe: Timeframe };

const MAX_DRAWINGS = 1000;
const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < MAX_DRAWINGS;

export function isChartRef(value: unknown): value is ChartRef {
	const r = value as Record<string, unknown> | null;
	return !!r && typeof r === 'object' && DRAWABLE_CHARTS.includes(r.chart as DrawableChart) && isIndex(r.call);
}

export function isChartEdit(value: unknown): value is ChartEdit {
	const e = value as Record<string, unknown> | null;
	if (!e || typeof e !== 'object') return false;
	switch (e.op) {
		case 'add':
			return drawingProblem(e.drawing) === undefined;
		case 'move':
			return isIndex(e.index) && drawingProblem(e.drawing) === undefined;
		case 'delete':
			return isIndex(e.index);
		case 'timeframe':
			return TIMEFRAMES.includes(e.timeframe as Timeframe);
		default:
			return false;
	}
}
