import { error } from '@sveltejs/kit';
import { prestartFrame } from '$lib/sandbox/frame-element';
import { ApiError, openNotebook } from '$lib/ui/notebooksApi';
import { prefetchSeries } from '$lib/ui/seriesPrefetch';
import type { PageLoad } from './$types';

// Cells run in the page and Monaco needs the DOM: nothing here renders on the server.
export const ssr = false;

export const load: PageLoad = async ({ params, fetch }) => {
	// The frame that runs the cells loads its script meanwhile; the page takes it when it mounts.
	prestartFrame();
	try {
		const file = await openNotebook(params.name, fetch);
		// The series its code names are asked for meanwhile too; the page answers the frame with them.
		prefetchSeries(params.name, file.text);
		return { file };
	} catch (failure) {
		if (failure instanceof ApiError) error(failure.status, failure.message);
		throw failure;
	}
};
