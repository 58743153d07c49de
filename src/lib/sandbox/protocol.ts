/**
 * The only conversation between the workspace page and the sandboxed frame that runs notebook
 * code. The frame has an opaque origin (sandbox="allow-scripts", no allow-same-origin) and a CSP
 * with no network access, so everything it may ask of the workspace is listed here: read-only
 * market data and data-folder tables, read-only SQL queries (text and parameter values, answered by
 * the server's limited read-only connections; no credential or server path crosses), reporting cell states and output sizes, and offering a chart
 * file that the reader asked for (saved only while the reader's click is active, under a name and
 * type the workspace chooses; the frame itself may not download). Nothing here writes, deletes or
 * reads a notebook, and the frame cannot ask for a refetch from the providers:
 * only the reader can, with Refresh data in the workspace, which then tells the frame to forget
 * what it loaded (`forget-data`) and re-runs the cells that load data.
 */
import type { InputDefault } from '../runtime/compile';
import type { CellState, CodeCellInput } from '../runtime/types';
import type { ParsedPriceSeries } from '../data/parse-price-csv';
import { isSqlQuery, type SqlValue } from '../runtime/sql';
import { isChartEdit, isChartRef, type ChartEdit, type ChartRef } from '../plots/drawings/edit';

/** How often the frame says it is alive (see the watch in host.ts). */
export const ALIVE_EVERY_MS = 250;

export type InputValue = number | string | boolean | Date;

/** A cell's state as the workspace sees it: values stay in the frame, where they are shown. */
export type FrameCellState = Omit<CellState, 'value' | 'displays'> & { outputs: number };

export interface SlotPosition {
	top: number;
	left: number;
	width: number;
}

export type HostMessage =
	| { type: 'cells'; cells: CodeCellInput[]; notebook: string }
	/** Runs `ids` (all when omitted), leaving out the `hold` cells (id → why, shown on them) and their readers. */
	| { type: 'run'; runId: number; ids?: string[]; hold: Record<string, string> }
	/** Where output slots moved since the last layout (every slot in a new frame's first), the slots gone, the frame's height. */
	| { type: 'layout'; slots: Record<string, SlotPosition>; gone: string[]; height: number }
	/** The answer to fetch-series or fetch-table: a CSV and where it came from; `parsed`: a whole series already read by parsePriceSeries(text, origin). */
	| { type: 'series'; requestId: number; text: string; origin: string; warnings?: string[]; parsed?: ParsedPriceSeries }
	| { type: 'series-error'; requestId: number; error: string }
	/** The reader refreshed the data: drop every series and table kept for this session. */
	| { type: 'forget-data' }
	| { type: 'symbols'; requestId: number; symbols: string[] }
	/** The answer to `sql`: the result as Arrow IPC bytes (transferred, not copied). */
	| { type: 'sql-result'; requestId: number; ipc: ArrayBuffer; rows: number; ms: number; truncated: boolean }
	| { type: 'sql-error'; requestId: number; error: SqlErrorInfo };

/** A failed query as the frame hears it; `line`/`column` are in the query's text. */
export interface SqlErrorInfo {
	message: string;
	kind: string;
	line?: number;
	column?: number;
}

export type FrameMessage =
	| { type: 'ready' }
	/** Every ALIVE_EVERY_MS while the frame's event loop turns, with its JS heap in bytes (0 when the browser does not say). */
	| { type: 'alive'; heap: number; limit: number }
	/**
	 * Cells' latest states and output heights (px) since the last report, and `started`: the cell
	 * whose code is about to start (the one to blame if the frame then goes silent). See frame/outbox.ts.
	 */
	| { type: 'report'; states: FrameCellState[]; sizes: [string, number][]; started?: string }
	| { type: 'settled'; runId: number }
	/** `start`/`end` (YYYY-MM-DD): only those sessions are needed (loadSeries' range); the workspace checks them. */
	| { type: 'fetch-series'; requestId: number; symbol: string; start?: string; end?: string }
	/** A CSV of the data folder by name, for loadTable. */
	| { type: 'fetch-table'; requestId: number; name: string }
	| { type: 'list-symbols'; requestId: number }
	/** A read-only query of a SQL cell or `sql`: its text and parameter values, never code. */
	| { type: 'sql'; requestId: number; database?: string; sql: string; params: SqlValue[] }
	/** A reader changed a view() input: the workspace may offer to save the value as the cell's default. */
	| { type: 'input'; id: string; index: number; value: InputValue; literal: InputDefault | null }
	/**
	 * The reader clicked a chart's SVG or PNG button: the chart as standalone SVG (the workspace
	 * checks it and draws the PNG itself, on `background`); `fileBase` is a suggestion it checks.
	 */
	| { type: 'save-chart'; format: ChartFormat; fileBase: string; svg: { text: string; width: number; height: number }; background: string }
	/** The reader drew, dragged or deleted a drawing (or switched the timeframe) on cell `id`'s chart `ref`. */
	| { type: 'chart-edit'; id: string; ref: ChartRef; edit: ChartEdit }
	/** The reader asked what happened after breaks of drawing `index`: a new eventStudy cell after cell `id`. */
	| { type: 'break-study'; id: string; ref: ChartRef; index: number };

export type ChartFormat = 'svg' | 'png';

/** Ask for these and nothing else: the host ignores any other message from the frame. */
export function isFrameMessage(data: unknown): data is FrameMessage {
	const m = data as { type?: unknown } | null;
	if (!m || typeof m !== 'object') return false;
	const d = m as Record<string, unknown>;
	switch (m.type) {
		case 'ready':
			return true;
		case 'alive':
			return typeof d.heap === 'number' && typeof d.limit === 'number';
		case 'report':
			return (
				Array.isArray(d.states) &&
				d.states.every((s: { id?: unknown } | null) => !!s && typeof s.id === 'string') &&
				Array.isArray(d.sizes) &&
				d.sizes.every((s: unknown) => Array.isArray(s) && typeof s[0] === 'string' && typeof s[1] === 'number' && Number.isFinite(s[1])) &&
				(d.started === undefined || typeof d.started === 'string')
			);
		case 'settled':
			return typeof d.runId === 'number';
		case 'input': {
			const literal = d.literal as { line?: unknown; raw?: unknown } | null;
			const valueOk = ['number', 'string', 'boolean'].includes(typeof d.value) || d.value instanceof Date;
			const literalOk = literal === null || (typeof literal === 'object' && typeof literal.line === 'number' && typeof literal.raw === 'string');
			return typeof d.id === 'string' && typeof d.index === 'number' && valueOk && literalOk;
		}
		case 'list-symbols':
			return typeof d.requestId === 'number';
		case 'sql':
			return typeof d.requestId === 'number' && isSqlQuery(d);
		case 'fetch-series':
			// A `refresh` the frame might add is not part of the message: the workspace never passes it on.
			return typeof d.requestId === 'number' && typeof d.symbol === 'string' && d.symbol.length <= 64 && isDayOrAbsent(d.start) && isDayOrAbsent(d.end);
		case 'fetch-table':
			return typeof d.requestId === 'number' && typeof d.name === 'string' && d.name.length <= 128;
		case 'save-chart': {
			const svg = d.svg as { text?: unknown; width?: unknown; height?: unknown } | null;
			const side = (n: unknown) => typeof n === 'number' && n > 0 && n <= 20_000;
			return (
				typeof d.fileBase === 'string' &&
				(d.format === 'svg' || d.format === 'png') &&
				typeof d.background === 'string' &&
				d.background.length <= 64 &&
				!!svg &&
				typeof svg === 'object' &&
				typeof svg.text === 'string' &&
				side(svg.width) &&
				side(svg.height)
			);
		}
		case 'chart-edit':
			return typeof d.id === 'string' && d.id.length <= 64 && isChartRef(d.ref) && isChartEdit(d.edit);
		case 'break-study':
			return typeof d.id === 'string' && d.id.length <= 64 && isChartRef(d.ref) && Number.isInteger(d.index) && (d.index as number) >= 0;
		default:
			return false;
	}
}

export function toFrameState({ value, displays, ...rest }: CellState): FrameCellState {
	return { ...rest, outputs: displays.length + (value === undefined ? 0 : 1) };
}

/** A range side in a message: absent, or a string short enough to be a `YYYY-MM-DD` day (the workspace reads it as one). */
function isDayOrAbsent(value: unknown): boolean {
	return value === undefined || (typeof value === 'string' && value.length === 10);
}
