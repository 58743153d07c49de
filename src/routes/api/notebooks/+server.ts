import { json } from '@sveltejs/kit';
import { answer, notebookStore, optionalString, readJsonObject, requiredString } from '$lib/server/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => answer(async () => json({ notebooks: await notebookStore().list() }));

/** `{ name, text?, free? }` → 201 `{ name, revision }`; 409 when the name is taken, unless `free: true` (then the first free `name-N.md`). */
export const POST: RequestHandler = ({ request }) =>
	answer(async () => {
		const body = await readJsonObject(request);
		const store = notebookStore();
		const create = body.free === true ? store.createFree.bind(store) : store.create.bind(store);
		const created = await create(requiredString(body, 'name'), optionalString(body, 'text'));
		return json(created, { status: 201 });
	});
