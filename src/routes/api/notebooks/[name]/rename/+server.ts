import { json } from '@sveltejs/kit';
import { answer, notebookStore, readJsonObject, requiredString } from '$lib/server/store';
import type { RequestHandler } from './$types';

/** `{ to }` → `{ name, revision }`; 409 when `to` exists. */
export const POST: RequestHandler = ({ params, request }) =>
	answer(async () => {
		const body = await readJsonObject(request);
		return json(await notebookStore().rename(params.name, requiredString(body, 'to')));
	});
