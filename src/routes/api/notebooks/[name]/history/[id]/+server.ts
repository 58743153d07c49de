import { json } from '@sveltejs/kit';
import { historyOf, versionId } from '$lib/server/history/routes';
import { answer } from '$lib/server/store';
import type { RequestHandler } from './$types';

/** `{ id, who, at, revision, text }`; 404 for no such version, 422 for a damaged one. */
export const GET: RequestHandler = ({ params }) => answer(async () => json(await historyOf(params.name).read(params.name, versionId(params.id))));
