/**
 * Completions in SQL cells: the tables of the cell's database and their columns, from the
 * server's schema route (asked once per database and page, again after a failed ask).
 */
import type { editor, languages, Position } from 'monaco-editor';
import { monaco } from './monaco';
import { sqlSchema } from '$lib/ui/sqlApi';
import type { SqlTable } from '$lib/server/sql/types';

const databaseOf = new WeakMap<editor.ITextModel, string | undefined>();
const schemas = new Map<string, Promise<SqlTable[]>>();
let registered = false;

function schemaOf(database: string | undefined): Promise<SqlTable[]> {
	const key = database ?? '';
	let pending = schemas.get(key);
	if (!pending) {
		pending = sqlSchema(database);
		schemas.set(key, pending);
		void pending.then((tables) => {
			if (tables.length === 0) schemas.delete(key);
		});
	}
	return pending;
}

/** The model is a SQL cell's on `database` (absent: the embedded DuckDB). */
export function watchSqlModel(model: editor.ITextModel, database: string | undefined): void {
	databaseOf.set(model, database);
	if (registered) return;
	registered = true;
	monaco.languages.registerCompletionItemProvider('sql', {
		triggerCharacters: ['.'],
		provideCompletionItems: (model, position) => completions(model, position)
	});
}

async function completions(model: editor.ITextModel, position: Position): Promise<languages.CompletionList> {
	const tables = await schemaOf(databaseOf.get(model));
	const word = model.getWordUntilPosition(position);
	const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
	const before = model.getValueInRange({ startLineNumber: position.lineNumber, startColumn: 1, endLineNumber: position.lineNumber, endColumn: word.startColumn });
	const { Kind } = { Kind: monaco.languages.CompletionItemKind };
	// `prices.` completes that table's columns; elsewhere, the tables and the columns of tables the query names.
	const qualifier = /([A-Za-z_][\w]*)\.$/.exec(before)?.[1]?.toLowerCase();
	const text = model.getValue().toLowerCase();
	const named = tables.filter((t) => (qualifier ? t.name.toLowerCase() === qualifier : new RegExp(`\\b${t.name.toLowerCase().replace(/[^\w]/g, '\\$&')}\\b`).test(text)));
	const columns = named.flatMap((t) =>
		t.columns.map((c) => ({ label: c.name, kind: Kind.Field, detail: `${c.type} · ${t.name}`, insertText: c.name, range, sortText: `0${c.name}` }))
	);
	if (qualifier) return { suggestions: columns };
	const tableItems = tables.map((t) => ({
		label: t.name,
		kind: Kind.Struct,
		detail: `table · ${t.columns.length} columns`,
		documentation: t.columns.map((c) => `${c.name} ${c.type}`).join('\n'),
		insertText: t.name,
		range,
		sortText: `1${t.name}`
	}));
	return { suggestions: [...columns, ...tableItems] };
}
