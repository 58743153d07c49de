import { json } from '@sveltejs/kit';
import { createServerSource, listDataTrash } from '$lib/server/data';
import { answer } from '$lib/server/store';
import type { RequestHandler } from './$types';

/** GET /api/data/trash: the replaced data files kept in `<data>/.trash`, newest first, `{ trash: DataTrashItem[] }`. */
export const GET: RequestHandler = () => answer(async () => json({ trash: await listDataTrash(createServerSource().dataDir) }));
