import type { Cell } from '$lib/notebook';

/** One occurrence of the searched text: in which cell, where in its source, and which of that cell's occurrences it is. */
export interface Occurrence {
	id: string;
	from: number;
	to: number;
	/** 0 for the cell's first occurrence, 1 for its second… (to find it in the cell's rendered text too). */
	nth: number;
}

/** The text as a pattern that matches it literally, ignoring case. */
export function findPattern(query: string): RegExp {
	return new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
}

/**
 * Every occurrence of `query` in the cells' sources, ignoring case, in notebook order; several in
 * one cell count several, and they do not overlap (as the browser's find counts them).
 */
export function occurrencesOf(cells: readonly Cell[], query: string): Occurrence[] {
	if (!query) return [];
	const pattern = findPattern(query);
	const found: Occurrence[] = [];
	for (const cell of cells) {
		let nth = 0;
		for (const match of cell.source.matchAll(pattern)) found.push({ id: cell.id, from: match.index, to: match.index + match[0].length, nth: nth++ });
	}
	return found;
}

/**
 * The occurrence gone to after `at` (-1: none yet) on Enter (`by` 1) or Shift+Enter (-1), round
 * from the last to the first and back; -1 when there are none.
 */
export function stepTo(at: number, count: number, by: 1 | -1): number {
	if (count === 0) return -1;
	if (at < 0 || at >= count) return by > 0 ? 0 : count - 1;
	return (at + by + count) % count;
}
