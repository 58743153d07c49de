import { json } from '@sveltejs/kit';
import { answer, notebookStore, optionalString, readJsonObject, requiredString } from '$lib/server/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => answer(async () => json({ notebooks: await notebookStore().list() }));

/** `{ name, text? }` → 201 `{ name, revision }`; 409 when the name is taken. */
export const POST: RequestHandler = ({ request }) =>
	answer(async () => {
		const body = await readJsonObject(request);
		const created = await notebookStore().create(requiredString(body, 'name'), optionalString(body, 'text'));
		return json(created, { status: 201 });
	});
