/**
 * The headings of a notebook's Markdown cells (`#` to `###`, not inside fenced code), in page
 * order, for the workspace's outline. Pure: the outline menu scrolls to the cell.
 */
import type { Cell } from '$lib/notebook';

export interface NotebookHeading {
	cellId: string;
	level: number;
	/** The heading's words, inline Markdown marks taken out. */
	text: string;
}

const HEADING = /^ {0,3}(#{1,3}) +(.+?)(?: +#+)? *$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function notebookHeadings(cells: readonly Pick<Cell, 'id' | 'kind' | 'source'>[]): NotebookHeading[] {
	const headings: NotebookHeading[] = [];
	for (const cell of cells) {
		if (cell.kind !== 'markdown') continue;
		let fence: string | undefined;
		for (const line of cell.source.split('\n')) {
			const marker = FENCE.exec(line)?.[1];
			if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
				fence = fence ? undefined : marker;
				continue;
			}
			if (fence) continue;
			const match = HEADING.exec(line);
			if (match) headings.push({ cellId: cell.id, level: match[1].length, text: plain(match[2]) });
		}
	}
	return headings;
}

/** `**Bold** [link](url) \`code\`` → `Bold link code`. */
function plain(text: string): string {
	return text
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*_`~]+/g, '')
		.trim();
}
