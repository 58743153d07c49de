import { listNotebooks } from '$lib/ui/notebooksApi';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ notebooks: await listNotebooks(fetch) });
