import { listNotebooks, listTrash } from '$lib/ui/notebooksApi';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const [trash, notebooks] = await Promise.all([listTrash(fetch), listNotebooks(fetch)]);
	return { trash, taken: notebooks.map((n) => n.name) };
};
