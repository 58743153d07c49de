/**
 * Which series a notebook's code loads whole, read from the code (never run: present/
 * reachable-code.ts) with the TypeScript parser. Run in the page's worker (seriesParser.ts): the
 * parse of a notebook's cells cost the page's thread 40–290 ms as it opened.
 */
import { Parser } from 'acorn';
import { tsPlugin } from '@sveltejs/acorn-typescript';
import { reachableIn, type AnyNode } from '$lib/present/reachable-code';

/** More names than this are a symbol picker's options, not series the notebook loads: only its literal calls are fetched then. */
const MAX_SERIES = 8;

const TypeScriptParser = Parser.extend(tsPlugin());

function parseCode(source: string): AnyNode | undefined {
	try {
		return TypeScriptParser.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as unknown as AnyNode;
	} catch {
		return undefined;
	}
}

/**
 * The symbols worth fetching before `cells` (code cells' TypeScript) run: those their calls of
 * `loadSeries` without a range name, directly or through names defined in the notebook
 * (`const symbols = ['^RUT', 'IWM']` then `symbols.map((s) => loadSeries(s))`).
 */
export function seriesToPrefetch(cells: string[]): string[] {
	const { direct, indirect } = reachableIn(cells.map(parseCode), { wholeOnly: true }).series;
	if (direct.length + indirect.length <= MAX_SERIES) return [...direct, ...indirect];
	return direct.slice(0, MAX_SERIES);
}
