/**
 * A served report inside a workspace page (the history view compares two versions this way) tells
 * that page what each cell showed, as text, once every cell has settled: the parent cannot read
 * the report's opaque-origin document itself. Only served reports do (frame-ancestors 'self' keeps
 * them inside the workspace's own pages); an exported file, which anyone may frame, never does.
 */
import type { CellState } from '../../runtime/types';

export const REPORT_OUTPUTS_MESSAGE = 'tape:report-outputs';

export interface ReportOutputs {
	type: typeof REPORT_OUTPUTS_MESSAGE;
	/** Per code cell in report order: its number and the text of what it shows (charts as "[chart]"). */
	cells: { number: number; text: string }[];
}

export function reportsOutputs(): boolean {
	return window.parent !== window && document.body.dataset.downloads !== 'direct';
}

export function settled(states: Record<string, CellState>, ids: string[]): boolean {
	return ids.every((id) => states[id] !== undefined && (states[id].status === 'done' || states[id].status === 'error'));
}

const BLOCKS = 'p, div, li, dt, dd, th, td, h1, h2, h3, h4, h5, h6, pre, figcaption';

/** The text each report cell shows, read from the page as a reader sees it. */
export function outputsOf(root: ParentNode): ReportOutputs {
	const cells = [...root.querySelectorAll<HTMLElement>('section.report-cell')].map((section) => {
		const copy = section.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('button.code-toggle, pre.code-block').forEach((node) => node.remove());
		copy.querySelectorAll('svg').forEach((chart) => chart.replaceWith(' [chart] '));
		// textContent runs a fact's label into its value ("Answer42"): a word break after each block
		// keeps them apart, so a changed value is compared as that value, not as label and value.
		copy.querySelectorAll(BLOCKS).forEach((block) => block.after(' '));
		return { number: Number(section.dataset.cell), text: (copy.textContent ?? '').replace(/\s+/g, ' ').trim() };
	});
	return { type: REPORT_OUTPUTS_MESSAGE, cells };
}
