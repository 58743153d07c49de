/** Comparing notebooks by content: cell ids are per load, so they are ignored. */
import { cellOptionWords } from './cellOptions';
import type { Notebook } from './types';

export function notebooksEqual(a: Notebook, b: Notebook): boolean {
	return (
		metaEqual(a.meta, b.meta) &&
		a.cells.length === b.cells.length &&
		a.cells.every((cell, i) => {
			const other = b.cells[i];
			return (
				cell.kind === other.kind &&
				cell.language === other.language &&
				cell.source === other.source &&
				dataEqual(cellOptionWords(cell.options), cellOptionWords(other.options))
			);
		})
	);
}

/** Front-matter data equal as values (an absent key and one set to undefined are the same). */
export function metaEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
	return dataEqual(definedEntries(a), definedEntries(b));
}

/** An absent key and a key set to undefined mean the same thing in a notebook's meta. */
function definedEntries(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function dataEqual(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const aKeys = Object.keys(a);
	const bKeys = Object.keys(b);
	return (
		aKeys.length === bKeys.length &&
		aKeys.every((key) => Object.hasOwn(b, key) && dataEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
	);
}
