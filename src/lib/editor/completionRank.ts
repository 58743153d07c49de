/**
 * How cell completions are ordered (cellCompletions.ts): a rank put before TypeScript's own sort
 * key, so that on an empty prefix the notebook's names come first, then the research library and
 * the other cell globals, then everything else TypeScript offers (DOM globals, keywords).
 */

/** TypeScript's sort key for a name in scope where it is declared (locals, parameters). */
const LOCAL = '10';

/** '0' for the notebook's own names (and locals), '1' for the cell globals, '2' for the rest. */
export function cellRank(entry: { name: string; sortText: string }, notebook: ReadonlySet<string>, library: ReadonlySet<string>): string {
	if (entry.sortText === LOCAL || notebook.has(entry.name)) return '0';
	if (library.has(entry.name)) return '1';
	return '2';
}

/**
 * The names a cell declares at top level, read lexically (a line that starts, unindented, with
 * const/let/var/function/class, plain or destructured): good enough to rank completions, which
 * TypeScript itself computes; the runtime's own analysis is in runtime/compile.ts.
 */
export function topLevelNames(source: string): string[] {
	const names: string[] = [];
	for (const match of source.matchAll(/^(?:export\s+)?(?:const|let|var|(?:async\s+)?function\s*\*?|class)\s+([^=;(]+)/gm)) {
		const head = match[1];
		// `{ a, b: c }` or `[a, b]`: the bound names; otherwise the one identifier.
		if (/^[{[]/.test(head)) {
			for (const part of head.replace(/[{}[\]]/g, ' ').split(',')) {
				const name = /([A-Za-z_$][\w$]*)\s*$/.exec(part.split(':').pop()!.trim());
				if (name) names.push(name[1]);
			}
		} else {
			const name = /^[A-Za-z_$][\w$]*/.exec(head.trim());
			if (name) names.push(name[0]);
		}
	}
	return names;
}

/** The names a declarations file (cell globals) declares with `declare const|function|let|var`. */
export function declaredNames(declarations: string): string[] {
	return [...declarations.matchAll(/^declare\s+(?:const|let|var|function)\s+([A-Za-z_$][\w$]*)/gm)].map((match) => match[1]);
}
