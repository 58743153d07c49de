import { json } from '@sveltejs/kit';
import { BadRequestError, answer, notebookStore, readJsonObject, requiredString } from '$lib/server/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => answer(async () => json(await notebookStore().open(params.name)));

/** `{ text, baseRevision }` → `{ revision }`, or 409 `{ error, revision, text }` when stale. */
export const PUT: RequestHandler = ({ params, request }) =>
	answer(async () => {
		const body = await readJsonObject(request);
		const base = body.baseRevision;
		if (base !== null && typeof base !== 'string') throw new BadRequestError('"baseRevision" must be a string, or null for a new notebook');
		return json(await notebookStore().save(params.name, requiredString(body, 'text'), base));
	});

/** Moves the notebook to the trash: `{ trashed }` names the entry to restore. */
export const DELETE: RequestHandler = ({ params }) => answer(async () => json(await notebookStore().delete(params.name)));
