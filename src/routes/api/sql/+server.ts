import type { RequestHandler } from '@sveltejs/kit';
import { readSqlRequest, sqlErrorResponse, sqlResultResponse } from '$lib/server/sql/http';
import { sqlLimits } from '$lib/server/sql/limits';
import { serverDatabases } from '$lib/server/sql/server-databases';

/**
 * POST /api/sql with application/json `{ database?, sql, params }` → the result as an Arrow IPC
 * stream (`x-tape-rows`, `x-tape-ms`, `x-tape-truncated`), or `{ error: { message, kind, line?,
 * column? } }`: 400 syntax or refused, 404 unknown database, 408 timeout, 413 limit, 500 engine.
 * A POST of JSON only, so another website cannot make the workspace run a query (the hook refuses
 * a foreign Origin; a foreign page cannot send JSON without CORS).
 */
export const POST: RequestHandler = async ({ request }) => {
	try {
		const { database, sql, params } = await readSqlRequest(request);
		const result = await serverDatabases().get(database).query({ sql, params }, sqlLimits());
		return sqlResultResponse(result);
	} catch (e) {
		return sqlErrorResponse(e);
	}
};
