/**
 * Shows the find bar's occurrence in its cell (FindBar.svelte): selected in the cell's code editor
 * when it has one (CodeEditor.svelte hears SELECT_TEXT, and selects it once its editor is made if
 * it is not yet), highlighted in the cell's text otherwise (a stand-in's code, code not yet in an
 * editor, rendered Markdown), with the CSS Custom Highlight API, which leaves the page's DOM alone.
 */
import { findPattern, type Occurrence } from './findCells';

/** Event on a code cell's [data-cell-editor]: select `from`–`to` of its code, taking the focus if `focus`. */
export const SELECT_TEXT = 'tape:select-text';
export interface SelectText {
	from: number;
	to: number;
	focus?: boolean;
}

const HIGHLIGHT = 'tape-find';

/** Puts the occurrence's mark in `cell` (its element on the page); `focus` leaves the caret there (the bar closing). */
export function markOccurrence(cell: Element, match: Occurrence, query: string, focus = false): void {
	const editor = cell.querySelector('[data-cell-editor]');
	if (editor) editor.dispatchEvent(new CustomEvent<SelectText>(SELECT_TEXT, { detail: { from: match.from, to: match.to, focus } }));
	const text = editor?.querySelector('.monaco-editor') ? null : cell.querySelector('[data-static-code], .stand-in .text, .rendered');
	const range = text && nthRange(text, query, match.nth);
	if (range) CSS.highlights?.set(HIGHLIGHT, new Highlight(range));
	else clearMark();
}

export function clearMark(): void {
	CSS.highlights?.delete(HIGHLIGHT);
}

/** The `nth` occurrence of `query` in the text of `element` (which may span several text nodes), as a Range. */
function nthRange(element: Element, query: string, nth: number): Range | undefined {
	const nodes: Text[] = [];
	const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) nodes.push(walker.currentNode as Text);
	const whole = nodes.map((node) => node.data).join('');
	const match = [...whole.matchAll(findPattern(query))][nth];
	if (!match) return undefined;
	const range = document.createRange();
	let offset = 0;
	const from = match.index;
	const to = from + match[0].length;
	for (const node of nodes) {
		const end = offset + node.data.length;
		if (from >= offset && from <= end) range.setStart(node, from - offset);
		if (to >= offset && to <= end) {
			range.setEnd(node, to - offset);
			break;
		}
		offset = end;
	}
	return range;
}
