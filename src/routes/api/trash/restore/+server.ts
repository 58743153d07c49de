import { json } from '@sveltejs/kit';
import { answer, notebookStore, optionalString, readJsonObject, requiredString } from '$lib/server/store';
import type { RequestHandler } from './$types';

/** `{ entry, as? }` → `{ name, revision }`; 409 when a notebook with that name exists (pass `as`). */
export const POST: RequestHandler = ({ request }) =>
	answer(async () => {
		const body = await readJsonObject(request);
		return json(await notebookStore().restore(requiredString(body, 'entry'), optionalString(body, 'as')));
	});
