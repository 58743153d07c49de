/**
 * Which series and tables a notebook can load, found by reading its code (never by running it:
 * reports and exports are built by the server, where notebook code must not run).
 *
 * - `direct`: string literals written in a `loadSeries(…)` / `loadTable(…)` call's first argument
 *   (`loadSeries('IWM')`, `loadSeries(['SPY', 'QQQ'])`, `loadSeries(on ? 'SPY' : 'IWM')`).
 * - `indirect`: string literals in the definitions of the names those arguments read, followed a
 *   few names deep: `const symbol = view(Inputs.select(['IWM', 'SPY']))` then
 *   `loadSeries(symbol)`, or `tickers.map((t) => loadSeries(t))` with `const tickers = [...]`.
 *   These are guesses (a select's label is a string too): callers keep only those that name a
 *   file the data folder already has, and never ask a provider for them.
 */
import { parse } from 'acorn';
import { transform } from 'sucrase';
import { reachableIn, type AnyNode, type ReachableData } from './reachable-code';

export type { ReachableData, ReachableNames } from './reachable-code';

/** `cells`: the code cells' sources. Cells that do not parse are skipped (they cannot run either). */
export function reachableData(cells: string[]): ReachableData {
	return reachableIn(cells.map(parseCell));
}

/** A cell's code as an ESTree program (TypeScript stripped), or undefined when it does not parse. */
export function parseCell(source: string): AnyNode | undefined {
	try {
		const js = transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
		return parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as unknown as AnyNode;
	} catch {
		return undefined;
	}
}
