/**
 * How a chart's SVG/PNG button saves its file, set once by the frame's mode: the editor's frame
 * may not download (its sandbox has no allow-downloads), so it hands the file to the workspace;
 * an exported HTML file saves it itself; a served report cannot save (copy works there).
 */
import type { ChartFormat } from '../protocol';

/** The chart as standalone SVG; a PNG is drawn from it (2×, on `background`) where the file is saved. */
export interface ChartToSave {
	svg: { text: string; width: number; height: number };
	background: string;
}

export type ChartSaver = (format: ChartFormat, chart: ChartToSave, fileBase: string) => Promise<void>;

let saver: ChartSaver | undefined;

export function setChartSaver(next: ChartSaver | undefined): void {
	saver = next;
}

export function chartSaver(): ChartSaver | undefined {
	return saver;
}
