/**
 * The contract between SQL cells and the databases that answer them. Notebook code never runs in
 * the server: a query is text plus parameter values, answered by a read-only connection with
 * limits. `duckdb.ts` is the embedded default; other connections (`clickhouse.ts`) are declared by
 * the user outside notebooks, and their credentials stay in the server.
 */

/** A value bound to a `${expr}` of a SQL cell: always a parameter, never spliced into the text. */
export type SqlParam = string | number | boolean | null | { date: string };

export interface SqlRequest {
	/** A configured database's name; absent means the embedded DuckDB (`'duckdb'`). */
	database?: string;
	sql: string;
	params: SqlParam[];
}

export interface SqlLimits {
	/** Rows returned at most; more sets `truncated`. */
	maxRows: number;
	/** Wall-clock limit of one query. */
	timeoutMs: number;
	/** Memory limit handed to the engine. */
	memoryBytes: number;
}

export interface SqlResult {
	/** The result as an Arrow IPC stream (arquero reads it through flechette). */
	ipc: Uint8Array;
	rows: number;
	ms: number;
	truncated: boolean;
}

export interface SqlColumn {
	name: string;
	type: string;
}

export interface SqlTable {
	name: string;
	columns: SqlColumn[];
}

export type SqlErrorKind = 'syntax' | 'refused' | 'limit' | 'timeout' | 'unknown-database' | 'engine';

/** A failed query, located in the query's own text when the engine says where (1-based). */
export class SqlError extends Error {
	constructor(
		message: string,
		readonly kind: SqlErrorKind,
		readonly line?: number,
		readonly column?: number
	) {
		super(message);
		this.name = 'SqlError';
	}
}

/** One database a SQL cell can name. */
export interface SqlConnection {
	readonly name: string;
	query(request: Omit<SqlRequest, 'database'>, limits: SqlLimits): Promise<SqlResult>;
	schema(): Promise<SqlTable[]>;
	/** Loads what the first query would wait for (the embedded engine's tables); a server calls it at start, in the background. */
	warm?(): Promise<void>;
	close(): Promise<void>;
}
