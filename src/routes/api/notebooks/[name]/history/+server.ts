import { json } from '@sveltejs/kit';
import { historyOf } from '$lib/server/history/routes';
import { answer } from '$lib/server/store';
import type { RequestHandler } from './$types';

/** `{ versions: [{ id, who, at, revision }], problems: [{ entry, message }] }`, oldest first. */
export const GET: RequestHandler = ({ params }) => answer(async () => json(await historyOf(params.name).list(params.name)));
