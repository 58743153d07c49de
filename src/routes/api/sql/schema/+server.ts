import { json, type RequestHandler } from '@sveltejs/kit';
import { sqlErrorResponse } from '$lib/server/sql/http';
import { serverDatabases } from '$lib/server/sql/server-databases';

/** GET /api/sql/schema?database= → `{ tables: [{ name, columns: [{ name, type }] }] }`, for completions in the SQL editor. */
export const GET: RequestHandler = async ({ url }) => {
	try {
		const tables = await serverDatabases()
			.get(url.searchParams.get('database') ?? undefined)
			.schema();
		return json({ tables }, { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		return sqlErrorResponse(e);
	}
};
