/**
 * The `sql` builtin: `` await sql`SELECT … ${x}` `` runs a read-only query on the embedded DuckDB
 * (`sql.on('warehouse')` on a configured database) and answers an arquero table. Each `${x}` is a
 * parameter bound by the database (a `?` in the text), never spliced into it. How a query reaches a
 * database is the host's: the workspace's frame asks the workspace page, the CLI asks the engine
 * directly, a report or an export reads the results embedded in it.
 */
import { fromArrow, type ColumnTable } from 'arquero';

/** A parameter value as the databases accept it (the server's SqlParam). */
export type SqlValue = string | number | boolean | null | { date: string };

export interface SqlQuery {
	/** Absent: the embedded DuckDB. */
	database?: string;
	sql: string;
	params: SqlValue[];
}

export interface SqlAnswer {
	/** The result as an Arrow IPC stream. */
	ipc: Uint8Array;
	rows: number;
	ms: number;
	truncated: boolean;
}

/** Answers a query, or throws a SqlQueryError. */
export type SqlRunner = (query: SqlQuery) => Promise<SqlAnswer>;

/** A refused or failed query; `line`/`column` (1-based) are in the query's text when the database says where. */
export class SqlQueryError extends Error {
	/** Where the error is in the cell's own text (set for SQL cells), read by locateRuntimeError. */
	cellLine?: number;
	cellColumn?: number;
	constructor(
		message: string,
		readonly kind: string,
		readonly line?: number,
		readonly column?: number
	) {
		super(message);
		this.name = 'SqlError';
	}
}

/** How a query was answered, kept on its table for the table viewer (row count, time, truncation). */
export const SQL_RESULT = Symbol.for('tape.sqlResult');
export interface SqlResultInfo {
	rows: number;
	ms: number;
	truncated: boolean;
	database: string;
}

export function sqlResultInfo(value: unknown): SqlResultInfo | undefined {
	return value && typeof value === 'object' ? (value as { [SQL_RESULT]?: SqlResultInfo })[SQL_RESULT] : undefined;
}

export interface SqlTag {
	(strings: TemplateStringsArray, ...values: unknown[]): Promise<ColumnTable>;
	/** The same tag on another configured database. */
	on(database: string): SqlTag;
}

export interface SqlBuiltin extends SqlTag {
	/** What a SQL cell's script calls: the tag, told where each text piece starts in the cell. */
	cell(database: string | null, starts: [number, number][]): SqlTag;
	/** What a SQL cell's script throws when its text cannot be split into query and parameters. */
	syntaxError(located: { message: string; line: number; column: number }): Error;
}

/** A JavaScript value as a bound parameter; `index` is 1-based, for the message. */
export function sqlValue(value: unknown, index: number): SqlValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new SqlQueryError(`parameter ${index} is ${value}: a SQL parameter must be a finite number`, 'refused');
		return value;
	}
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new SqlQueryError(`parameter ${index} is an invalid Date`, 'refused');
		const iso = value.toISOString();
		return { date: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso };
	}
	throw new SqlQueryError(
		`parameter ${index} is ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}: a SQL parameter is a string, number, boolean, Date or null (for a list, write one \${…} per value)`,
		'refused'
	);
}

/** The query text of a template: its pieces joined by `?` placeholders. */
export function sqlText(strings: readonly string[]): string {
	return strings.join('?');
}

/** Where an offset of the query text falls in the cell: in a text piece, or on a `?` (its `${`). */
export function cellPosition(strings: readonly string[], starts: [number, number][], line: number, column: number): { line: number; column: number } | undefined {
	const query = sqlText(strings);
	let offset = 0;
	for (let l = 1; l < line; l++) {
		const next = query.indexOf('\n', offset);
		if (next < 0) return undefined;
		offset = next + 1;
	}
	offset += column - 1;
	let pieceStart = 0;
	for (let k = 0; k < strings.length; k++) {
		const end = pieceStart + strings[k].length;
		// An offset on the placeholder after piece k is the `${` that ends it.
		if (offset <= end || k === strings.length - 1) {
			const start = starts[k];
			if (!start) return undefined;
			return advance(start, strings[k].slice(0, Math.min(offset, end) - pieceStart));
		}
		pieceStart = end + 1;
	}
	return undefined;
}

function advance([line, column]: [number, number], text: string): { line: number; column: number } {
	for (const c of text) {
		if (c === '\n') {
			line++;
			column = 1;
		} else column += c.length;
	}
	return { line, column };
}

export function createSql(run: SqlRunner): SqlBuiltin {
	const tag = (database: string | null, starts?: [number, number][]): SqlTag => {
		const query = async (strings: TemplateStringsArray, ...values: unknown[]) => {
			const params = values.map((value, i) => sqlValue(value, i + 1));
			const request: SqlQuery = { sql: sqlText(strings), params, ...(database ? { database } : {}) };
			let answer: SqlAnswer;
			try {
				answer = await run(request);
			} catch (e) {
				if (e instanceof SqlQueryError && starts && e.line !== undefined && e.column !== undefined) {
					const at = cellPosition(strings, starts, e.line, e.column);
					if (at) {
						e.cellLine = at.line;
						e.cellColumn = at.column;
					}
				}
				throw e;
			}
			const table = fromArrow(answer.ipc);
			const info: SqlResultInfo = { rows: answer.rows, ms: answer.ms, truncated: answer.truncated, database: database ?? 'duckdb' };
			Object.defineProperty(table, SQL_RESULT, { value: info });
			return table;
		};
		return Object.assign(query, { on: (name: string) => tag(name) });
	};
	return Object.assign(tag(null), {
		cell: (database: string | null, starts: [number, number][]) => tag(database, starts),
		syntaxError: ({ message, line, column }: { message: string; line: number; column: number }) =>
			Object.assign(new SqlQueryError(message, 'syntax'), { cellLine: line, cellColumn: column })
	});
}

/** The `sql` of a host without databases (it says so rather than failing on a missing name). */
export const noSql: SqlRunner = async () => {
	throw new SqlQueryError('SQL is not available here: this page has no database and no embedded result for this query', 'unknown-database');
};

/** Longest query text accepted from a notebook (the frame, an export request). */
export const MAX_SQL_CHARS = 100_000;
/** Most parameters of one query. */
export const MAX_SQL_PARAMS = 1000;
const DATABASE_NAME = /^[A-Za-z][\w-]{0,63}$/;

/** A query as a notebook may send it: sizes and types checked, nothing else (the server limits what it does). */
export function isSqlQuery(value: unknown): value is SqlQuery {
	const q = value as Partial<Record<keyof SqlQuery, unknown>> | null;
	if (!q || typeof q !== 'object') return false;
	if (typeof q.sql !== 'string' || q.sql.length === 0 || q.sql.length > MAX_SQL_CHARS) return false;
	if (q.database !== undefined && (typeof q.database !== 'string' || !DATABASE_NAME.test(q.database))) return false;
	return Array.isArray(q.params) && q.params.length <= MAX_SQL_PARAMS && q.params.every(isSqlValue);
}

function isSqlValue(v: unknown): v is SqlValue {
	if (v === null || typeof v === 'boolean') return true;
	if (typeof v === 'number') return Number.isFinite(v);
	if (typeof v === 'string') return v.length <= MAX_SQL_CHARS;
	if (typeof v !== 'object' || Array.isArray(v)) return false;
	const keys = Object.keys(v);
	const date = (v as { date?: unknown }).date;
	return keys.length === 1 && typeof date === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(date);
}

/** The same query always has the same key: how embedded results are found. */
export function sqlQueryKey(query: SqlQuery): string {
	return JSON.stringify([query.database ?? 'duckdb', query.sql, query.params]);
}
