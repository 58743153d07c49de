import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/ui/notebooksApi';
import { listVersions } from '$lib/ui/historyApi';
import type { PageLoad } from './$types';

// The versions' reports run in sandboxed frames in the browser: nothing to render on the server.
export const ssr = false;

export const load: PageLoad = async ({ params, fetch }) => {
	try {
		return { name: params.name, ...(await listVersions(params.name, fetch)) };
	} catch (failure) {
		if (failure instanceof ApiError) error(failure.status, failure.message);
		throw failure;
	}
};
