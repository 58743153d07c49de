/**
 * Completions in code cells, from Monaco's TypeScript worker, ranked for notebooks: the names the
 * notebook's cells define first, then the research library and the other cell globals, then the
 * rest (DOM globals, keywords). TypeScript ranks every global alike, so Ctrl+Space on an empty
 * line opened on `AbortController`, `addEventListener`, … and a new user never saw `loadSeries`.
 * Monaco's own TypeScript completion provider is turned off for this one, which asks the same
 * worker the same questions (monaco-editor's SuggestAdapter) and only changes the order.
 */
import type { Monaco } from './monaco';
import { cellRank, topLevelNames } from './completionRank';

type Typescript = (typeof import('./monaco-modules'))['typescript'];
type Uri = import('monaco-editor/editor').Uri;

interface Entry {
	name: string;
	kind: string;
	kindModifiers?: string;
	sortText: string;
	replacementSpan?: { start: number; length: number };
}

/** Turns off Monaco's TypeScript completions and registers the notebook-ranked ones; `libraryNames` are the cell globals. */
export function registerCellCompletions(monaco: Monaco, typescript: Typescript, libraryNames: () => ReadonlySet<string>) {
	const defaults = typescript.typescriptDefaults;
	defaults.setModeConfiguration({ ...defaults.modeConfiguration, completionItems: false });
	const Kind = monaco.languages.CompletionItemKind;

	const worker = async (uri: Uri) => (await typescript.getTypeScriptWorker())(uri);

	/** The names other cells declare at top level (this cell's own come first anyway, as locals). */
	const notebookNames = (self: string) => {
		const names = new Set<string>();
		for (const model of monaco.editor.getModels()) {
			if (model.uri.path.startsWith('/cells/') && model.uri.toString() !== self && model.getLanguageId() === 'typescript') {
				for (const name of topLevelNames(model.getValue())) names.add(name);
			}
		}
		return names;
	};

	return monaco.languages.registerCompletionItemProvider('typescript', {
		triggerCharacters: ['.'],
		async provideCompletionItems(model, position) {
			const word = model.getWordUntilPosition(position);
			const wordRange = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
			const resource = model.uri;
			const offset = model.getOffsetAt(position);
			const client = await worker(resource);
			if (model.isDisposed()) return undefined;
			const info = (await client.getCompletionsAtPosition(resource.toString(), offset)) as { entries: Entry[]; isMemberCompletion: boolean } | undefined;
			if (!info || model.isDisposed()) return undefined;
			const own = notebookNames(resource.toString());
			const library = libraryNames();
			return {
				suggestions: info.entries.map((entry) => {
					let range = wordRange;
					if (entry.replacementSpan) {
						const start = model.getPositionAt(entry.replacementSpan.start);
						const end = model.getPositionAt(entry.replacementSpan.start + entry.replacementSpan.length);
						range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
					}
					return {
						label: entry.name,
						insertText: entry.name,
						// After a dot TypeScript's order (the object's own members first) stands.
						sortText: (info.isMemberCompletion ? '' : cellRank(entry, own, library)) + entry.sortText,
						kind: completionKind(Kind, entry.kind),
						tags: entry.kindModifiers?.includes('deprecated') ? [monaco.languages.CompletionItemTag.Deprecated] : [],
						range,
						// For resolveCompletionItem.
						uri: resource,
						offset
					};
				})
			};
		},
		async resolveCompletionItem(item) {
			const { uri, offset } = item as typeof item & { uri: Uri; offset: number };
			const client = await worker(uri);
			const details = (await client.getCompletionEntryDetails(uri.toString(), offset, String(item.label))) as
				| { displayParts: Part[]; documentation?: Part[]; tags?: { name: string; text?: Part[] }[] }
				| undefined;
			if (!details) return item;
			return { ...item, detail: text(details.displayParts), documentation: { value: documentation(details) } };
		}
	});
}

interface Part {
	text: string;
}

const text = (parts: Part[] | undefined) => (parts ?? []).map((part) => part.text).join('');

function documentation(details: { documentation?: Part[]; tags?: { name: string; text?: Part[] }[] }): string {
	let doc = text(details.documentation);
	for (const tag of details.tags ?? []) {
		const [first, ...rest] = tag.text ?? [];
		if (tag.name === 'param' && first) doc += `\n\n*@param* \`${first.text}\`${rest.length ? ` — ${text(rest)}` : ''}`;
		else if (tag.name === 'example') doc += `\n\n*@example*\n\`\`\`ts\n${text(tag.text)}\n\`\`\``;
		else doc += `\n\n*@${tag.name}*${tag.text?.length ? ` — ${text(tag.text)}` : ''}`;
	}
	return doc;
}

function completionKind(Kind: Monaco['languages']['CompletionItemKind'], kind: string) {
	switch (kind) {
		case 'primitive type':
		case 'keyword':
			return Kind.Keyword;
		case 'var':
		case 'let':
		case 'const':
		case 'local var':
			return Kind.Variable;
		case 'property':
		case 'getter':
		case 'setter':
			return Kind.Field;
		case 'function':
		case 'local function':
		case 'method':
		case 'construct':
		case 'call':
		case 'index':
			return Kind.Function;
		case 'enum':
			return Kind.Enum;
		case 'module':
			return Kind.Module;
		case 'class':
			return Kind.Class;
		case 'interface':
			return Kind.Interface;
	}
	return Kind.Property;
}
