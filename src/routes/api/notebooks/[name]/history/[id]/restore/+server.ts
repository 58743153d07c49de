import { json } from '@sveltejs/kit';
import { restoreVersion, versionId } from '$lib/server/history/routes';
import { answer, readJsonObject } from '$lib/server/store';
import type { RequestHandler } from './$types';

/** `{}` → `{ name, revision, restored, version }`: the old text saved anew, itself a new version. */
export const POST: RequestHandler = ({ params, request }) =>
	answer(async () => {
		await readJsonObject(request);
		return json(await restoreVersion(params.name, versionId(params.id)));
	});
