/**
 * Where the drawing tools send what the reader drew, set by the editor's frame only: reports,
 * slides and exports leave it unset, so their charts show drawings and offer no tools.
 */
import type { ChartEdit, ChartRef } from '../../plots/drawings/edit';

export interface DrawingHost {
	edit(cell: string, ref: ChartRef, edit: ChartEdit): void;
	study(cell: string, ref: ChartRef, index: number): void;
}

let host: DrawingHost | undefined;

export function setDrawingHost(next: DrawingHost | undefined): void {
	host = next;
}

export function drawingHost(): DrawingHost | undefined {
	return host;
}
