/** The workspace's side of SQL: asks the server's read-only databases for a query's result. */
import { SqlQueryError, type SqlAnswer, type SqlQuery } from '$lib/runtime/sql';
import type { SqlTable } from '$lib/server/sql/types';

/** POST /api/sql: the result as Arrow IPC bytes with its row count, time and truncation, or a SqlQueryError. */
export async function querySql(query: SqlQuery): Promise<SqlAnswer> {
	const response = await fetch('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(query) });
	if (!response.ok) throw await sqlError(response);
	return {
		ipc: new Uint8Array(await response.arrayBuffer()),
		rows: Number(response.headers.get('x-tape-rows') ?? 0),
		ms: Number(response.headers.get('x-tape-ms') ?? 0),
		truncated: response.headers.get('x-tape-truncated') === 'true'
	};
}

async function sqlError(response: Response): Promise<SqlQueryError> {
	const body = (await response.json().catch(() => null)) as { error?: { message?: unknown; kind?: unknown; line?: unknown; column?: unknown } | string } | null;
	const error = typeof body?.error === 'object' ? body.error : { message: body?.error };
	const at = (n: unknown) => (typeof n === 'number' ? n : undefined);
	return new SqlQueryError(
		typeof error.message === 'string' ? error.message : `the database answered ${response.status} ${response.statusText}`,
		typeof error.kind === 'string' ? error.kind : 'engine',
		at(error.line),
		at(error.column)
	);
}

/** GET /api/sql/schema: the tables and columns a database has, for completions (empty when it cannot say). */
export async function sqlSchema(database?: string): Promise<SqlTable[]> {
	const response = await fetch(`/api/sql/schema${database ? `?database=${encodeURIComponent(database)}` : ''}`).catch(() => undefined);
	if (!response?.ok) return [];
	const body = (await response.json().catch(() => null)) as { tables?: SqlTable[] } | null;
	return Array.isArray(body?.tables) ? body.tables : [];
}
