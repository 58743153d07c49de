import { StoreError } from '../store/errors';
import { readJsonObject } from '../store/http';
import { SqlError, type SqlErrorKind, type SqlParam, type SqlRequest, type SqlResult } from './types';

/** A query's text and parameters in one request body; a notebook's SQL is far below this. */
export const SQL_REQUEST_LIMIT_BYTES = 1024 * 1024;

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

const STATUS_BY_KIND: Record<SqlErrorKind, number> = {
	syntax: 400,
	refused: 400,
	'unknown-database': 404,
	timeout: 408,
	limit: 413,
	engine: 500
};

/** The body of `POST /api/sql`, checked: `{ database?, sql, params? }` as application/json. */
export async function readSqlRequest(request: Request): Promise<SqlRequest> {
	let body: Record<string, unknown>;
	try {
		body = await readJsonObject(request, SQL_REQUEST_LIMIT_BYTES);
	} catch (e) {
		if (e instanceof StoreError) throw new SqlRequestError(e.message, e.status);
		throw e;
	}
	const { database, sql, params = [] } = body;
	if (typeof sql !== 'string' || sql.trim() === '') throw new SqlRequestError('"sql" must be the text of a query', 400);
	if (database !== undefined && typeof database !== 'string') throw new SqlRequestError('"database" must be a database name', 400);
	if (!Array.isArray(params) || !params.every(isParam)) {
		throw new SqlRequestError('"params" must be a list of strings, numbers, booleans, nulls or { date: "YYYY-MM-DD" }', 400);
	}
	return { database, sql, params };
}

function isParam(value: unknown): value is SqlParam {
	if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
	return typeof value === 'object' && typeof (value as { date?: unknown }).date === 'string' && Object.keys(value as object).length === 1;
}

/** A request the route refuses before it reaches a database (wrong type, too large, malformed). */
export class SqlRequestError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
	}
}

/** The result as Arrow bytes, its row count, time and truncation in headers. */
export function sqlResultResponse(result: SqlResult): Response {
	return new Response(result.ipc as Uint8Array<ArrayBuffer>, {
		status: 200,
		headers: {
			'content-type': ARROW_STREAM_TYPE,
			'cache-control': 'no-store',
			'x-tape-rows': String(result.rows),
			'x-tape-ms': String(result.ms),
			'x-tape-truncated': String(result.truncated)
		}
	});
}

/**
 * `{ error: { message, kind, line?, column? } }` with the kind's status. Messages come from the
 * connections, which take server paths and credentials out; anything else is logged and answered
 * without its details.
 */
export function sqlErrorResponse(error: unknown): Response {
	let status: number;
	let body: { message: string; kind: SqlErrorKind; line?: number; column?: number };
	if (error instanceof SqlError) {
		status = STATUS_BY_KIND[error.kind];
		body = { message: error.message, kind: error.kind, line: error.line, column: error.column };
	} else if (error instanceof SqlRequestError) {
		status = error.status;
		body = { message: error.message, kind: 'refused' };
	} else {
		console.error('SQL:', error);
		status = 500;
		body = { message: 'internal error in the SQL engine; see the server log', kind: 'engine' };
	}
	return new Response(JSON.stringify({ error: body }), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}
