import { json, type RequestHandler } from '@sveltejs/kit';
import { DataError, isTableName, ORIGIN_HEADER } from '$lib/data';
import { createServerSource, csvFileResponse, locateTableFile, withoutDataDir } from '$lib/server/data';

/**
 * GET /api/data/tables/<name> → `<name>.csv` of the data folder as it is (the page parses it,
 * for `loadTable`), streamed, gzipped when accepted, with an ETag; `x-tape-origin` names the
 * file inside the data folder (never the folder's path). Errors are JSON `{ error }`: 400 for a name that could leave the folder, 404 when there
 * is no such file (or it is over the table limit).
 */
export const GET: RequestHandler = async ({ params, request }) => {
	const name = params.name ?? '';
	if (!isTableName(name)) return json({ error: `${JSON.stringify(name)} is not a table name` }, { status: 400 });
	const { dataDir } = createServerSource();
	try {
		const path = await locateTableFile(dataDir, name);
		return await csvFileResponse(request, path, { [ORIGIN_HEADER]: withoutDataDir(path, dataDir) });
	} catch (e) {
		if (e instanceof DataError) return json({ error: withoutDataDir(e.message, dataDir) }, { status: 404 });
		throw e;
	}
};
