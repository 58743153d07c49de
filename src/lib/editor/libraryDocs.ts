/**
 * The TSDoc of a library export, found in the library's sources, for the cell globals' declarations.
 * A global declared as `declare const channel: typeof import('…').channel` is a new symbol with no
 * comment of its own, so hovers and completions showed only its type; copying the export's comment
 * onto the global brings its description, parameters and examples back.
 */

/** The `/** … *\/` comment right before `export function|const|class|type|interface <name>` in any of `sources`. */
export function docOf(sources: Iterable<string>, name: string): string | undefined {
	const escaped = name.replace(/[$]/g, '\\$');
	const declaration = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export\\s+(?:declare\\s+)?(?:async\\s+)?(?:function\\*?|const|let|class|type|interface)\\s+${escaped}\\b`);
	for (const source of sources) {
		const match = declaration.exec(source);
		if (match) return match[1];
	}
	return undefined;
}

/** `declaration` with the export's comment above it, when it has one. */
export function documented(sources: Iterable<string>, name: string, declaration: string): string {
	const doc = docOf(sources, name);
	return doc ? `${doc}\n${declaration}` : declaration;
}
