/**
 * The in-app reference of the research library: for each cell global, its signature, what its
 * TSDoc says and its first example, read from the library's own sources (as the editor's hovers
 * are, libraryDocs.ts). Pure: libraryCatalog.ts feeds it the sources.
 */
import { docOf } from './libraryDocs';

export interface ReferenceEntry {
	name: string;
	group: string;
	/** `comparisonChart(tables: Record<string, ColumnTable>, options?: …): InteractiveElement` */
	signature: string;
	/** The TSDoc's first paragraph. */
	summary: string;
	/** The rest of the description, and the parameters. */
	details: string;
	/** The first `@example`'s code, ready to put in a cell. */
	example?: string;
}

/**
 * @param declaredAs the export that documents and types `name` when it is not `name` itself
 *   (`loadSeries` is typed by `export type LoadSeries = (…) => …`).
 */
export function referenceEntry(sources: string[], name: string, group: string, declaredAs = name): ReferenceEntry {
	const { description, params, example } = parseDoc(docOf(sources, declaredAs) ?? '');
	const [summary = '', ...rest] = description.split(/\n\s*\n/);
	return {
		name,
		group,
		signature: signatureOf(sources, name, declaredAs) ?? name,
		summary: oneLine(summary),
		details: [...rest.map(oneLine), ...params.map((p) => `${p.name}: ${oneLine(p.text)}`)].filter(Boolean).join('\n'),
		...(example ? { example } : {})
	};
}

/** Splits a `/** … *\/` comment into its description, `@param`s and first `@example`. */
export function parseDoc(comment: string): { description: string; params: { name: string; text: string }[]; example?: string } {
	const lines = comment
		.replace(/^\/\*\*/, '')
		.replace(/\*\/$/, '')
		.split('\n')
		.map((line) => line.replace(/^\s*\* ?/, ''));
	const sections: { tag: string; lines: string[] }[] = [{ tag: '', lines: [] }];
	for (const line of lines) {
		const tag = /^@(\w+)\s?(.*)$/.exec(line);
		if (tag) sections.push({ tag: tag[1], lines: tag[2] ? [tag[2]] : [] });
		else sections[sections.length - 1].lines.push(line);
	}
	const text = (section: { lines: string[] }) => section.lines.join('\n').trim();
	const params = sections.filter((s) => s.tag === 'param').map((s) => {
		const [, name = '', rest = ''] = /^(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(text(s)) ?? [];
		return { name, text: rest };
	});
	const example = sections.find((s) => s.tag === 'example');
	return { description: text(sections[0]).replace(/\{@link\s+([^}\s]+)\s*\}/g, '$1'), params, ...(example ? { example: text(example) } : {}) };
}

/** The call as declared: `name(params): Result` for a function or a function type, `name: Type` for a constant. */
export function signatureOf(sources: string[], name: string, declaredAs = name): string | undefined {
	const escaped = declaredAs.replace(/[$]/g, '\\$');
	const declaration = new RegExp(`export\\s+(?:declare\\s+)?(?:async\\s+)?(function\\*?|const|type)\\s+${escaped}\\b`);
	for (const source of sources) {
		const match = declaration.exec(source);
		if (!match) continue;
		const after = source.slice(match.index + match[0].length);
		if (match[1].startsWith('function')) {
			const end = closingParen(after);
			if (end < 0) return undefined;
			// The return type runs to the body's `{`, the last one on the line where it opens.
			const line = after.slice(end + 1).split('\n')[0];
			const result = line.replace(/\s*\{\s*$/, '').trim();
			return squash(`${name}${after.slice(0, end + 1)}${result}`);
		}
		if (match[1] === 'type') {
			const body = after.replace(/^\s*=\s*/, '');
			const end = closingParen(body);
			if (!body.startsWith('(') || end < 0) return undefined;
			const result = /^\s*=>\s*([^;]+);/.exec(body.slice(end + 1));
			return squash(`${name}${body.slice(0, end + 1)}${result ? `: ${result[1]}` : ''}`);
		}
		const type = /^\s*:\s*([^=;]+)/.exec(after);
		return type ? `${name}: ${squash(type[1])}` : name;
	}
	return undefined;
}

/** Index of the `)` that closes the text's first `(`, skipping nested brackets and strings. */
function closingParen(text: string): number {
	let depth = 0;
	let quote: string | undefined;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quote) {
			if (c === '\\') i++;
			else if (c === quote) quote = undefined;
		} else if (c === "'" || c === '"' || c === '`') quote = c;
		else if (c === '(' || c === '[' || c === '{') depth++;
		else if (c === ')' || c === ']' || c === '}') {
			depth--;
			if (depth === 0 && c === ')') return i;
		}
	}
	return -1;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/\(\s/g, '(').replace(/,?\s\)/g, ')').trim();
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
