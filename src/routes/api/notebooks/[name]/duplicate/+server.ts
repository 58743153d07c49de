import { json } from '@sveltejs/kit';
import { answer, notebookStore, optionalString, readJsonObject } from '$lib/server/store';
import type { RequestHandler } from './$types';

/** `{ to? }` → 201 `{ name, revision }`; without `to`, the copy is named `<name>-copy.md`, `-copy-2`, … */
export const POST: RequestHandler = ({ params, request }) =>
	answer(async () => {
		const body = await readJsonObject(request);
		return json(await notebookStore().duplicate(params.name, optionalString(body, 'to')), { status: 201 });
	});
