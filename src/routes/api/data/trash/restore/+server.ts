import { json } from '@sveltejs/kit';
import { createServerSource, restoreDataFile } from '$lib/server/data';
import { answer, readJsonObject } from '$lib/server/store';
import type { RequestHandler } from './$types';

/**
 * POST /api/data/trash/restore, application/json `{ entry }`: puts that trash entry back as its
 * file in the data folder, the file there now going to the trash first; 200 `{ file, kept, summary }`.
 * 400 for a name that is not a data trash entry (no paths), 404 once it has been restored, 409
 * when a folder has the file's name. (Same-origin and viewer checks: hooks.server.ts.)
 */
export const POST: RequestHandler = ({ request }) =>
	answer(async () => {
		const body = await readJsonObject(request);
		return json(await restoreDataFile(createServerSource().dataDir, body.entry));
	});
