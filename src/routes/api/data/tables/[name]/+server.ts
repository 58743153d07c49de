import { json, type RequestHandler } from '@sveltejs/kit';
import { DataError, isTableName, ORIGIN_HEADER } from '$lib/data';
import { createServerSource, withoutPaths } from '$lib/server/data';

/**
 * GET /api/data/tables/<name> → `<name>.csv` of the data folder as it is (the page parses it,
 * for `loadTable`); `x-tape-origin` names the file inside the data folder. Errors are JSON `{ error }`: 400 for a name
 * that could leave the folder, 404 when there is no such file.
 */
export const GET: RequestHandler = async ({ params }) => {
	const name = params.name ?? '';
	if (!isTableName(name)) return json({ error: `${JSON.stringify(name)} is not a table name` }, { status: 400 });
	try {
		const { text, origin } = await withoutPaths(createServerSource()).fetchTable!(name);
		return new Response(text, { headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', [ORIGIN_HEADER]: origin } });
	} catch (e) {
		if (e instanceof DataError) return json({ error: e.message }, { status: 404 });
		throw e;
	}
};
