import { json } from '@sveltejs/kit';
import { answer, notebookStore } from '$lib/server/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => answer(async () => json({ trash: await notebookStore().listTrash() }));
