import { SqlError, type SqlErrorKind } from './types';

/**
 * DuckDB's error classes (the words before " Error:") by what they mean for the person who wrote
 * the query: their mistake (400), a refusal (400), a limit (413) or the engine's own fault (500).
 */
const KIND_BY_CLASS: Record<string, SqlErrorKind> = {
	Parser: 'syntax',
	Binder: 'syntax',
	Catalog: 'syntax',
	Conversion: 'syntax',
	'Invalid Input': 'syntax',
	'Out of Range': 'syntax',
	'Not implemented': 'syntax',
	'Type Mismatch': 'syntax',
	Constraint: 'syntax',
	Dependency: 'syntax',
	Permission: 'refused',
	'Out of Memory': 'limit',
	INTERRUPT: 'timeout'
};

/**
 * A DuckDB error as a {@link SqlError}: its class decides the kind, its `LINE n:` caret becomes
 * the 1-based line and column in `sql`, and `hide` (server paths) is cut from the message.
 */
export function toSqlError(error: unknown, sql: string, hide: (text: string) => string = (t) => t): SqlError {
	if (error instanceof SqlError) return error;
	const raw = error instanceof Error ? error.message : String(error);
	const text = raw.replace(/^Failed to extract statements: /, '');
	const match = /^([A-Za-z ]+?) Error: /.exec(text);
	const kind = (match && KIND_BY_CLASS[match[1]]) || 'engine';
	// The first paragraph says what is wrong; the rest is the caret picture and, for memory,
	// advice to change settings the user cannot change here.
	const message = hide(text.split(/\n\s*\n/)[0].trim());
	const where = locate(text, sql);
	return new SqlError(message, kind, where?.line, where?.column);
}

/**
 * DuckDB marks the spot as `LINE 3:   fro x` over a line holding a `^`. Long lines are shown cut,
 * `LINE 2: ...bbb' || nocolumn || 'ccc...`, so the shown text is found in the query's own line
 * to turn the caret into a column there.
 */
export function locate(message: string, sql: string): { line: number; column: number } | undefined {
	const found = /LINE (\d+): (.*)\n( *)\^/.exec(message);
	if (!found) return undefined;
	const line = Number(found[1]);
	const prefix = `LINE ${found[1]}: `.length;
	let shown = found[2];
	let caret = found[3].length - prefix;
	if (shown.startsWith('...')) {
		shown = shown.slice(3);
		caret -= 3;
	}
	if (shown.endsWith('...')) shown = shown.slice(0, -3);
	const text = sql.split(/\r?\n/)[line - 1];
	if (text === undefined || caret < 0) return { line, column: 1 };
	const start = Math.max(0, text.indexOf(shown));
	return { line, column: start + caret + 1 };
}
