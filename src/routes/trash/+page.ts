import { listDataTrash } from '$lib/ui/dataTrashApi';
import { listNotebooks, listTrash } from '$lib/ui/notebooksApi';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const [trash, notebooks, dataTrash] = await Promise.all([
		listTrash(fetch),
		listNotebooks(fetch),
		// The notebooks' trash still opens when the data folder's cannot be read; the page says why.
		listDataTrash(fetch).then(
			(items) => ({ items, error: undefined }),
			(failure: Error) => ({ items: [], error: failure.message })
		)
	]);
	return { trash, taken: notebooks.map((n) => n.name), dataTrash };
};
