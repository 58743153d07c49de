import type { Cell } from '$lib/notebook';

/** The ids of the cells whose source holds `query`, ignoring case, in notebook order. */
export function cellsHolding(cells: readonly Cell[], query: string): string[] {
	if (!query) return [];
	const wanted = query.toLowerCase();
	return cells.filter((cell) => cell.source.toLowerCase().includes(wanted)).map((cell) => cell.id);
}
