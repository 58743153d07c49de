/** The browser's side of the data folder's trash (/api/data/trash): replaced files, and restoring one. */
import type { DataTrashItem, RestoredDataFile } from '$lib/data/trash';
import { request } from './notebooksApi';

export async function listDataTrash(fetcher: typeof fetch = fetch): Promise<DataTrashItem[]> {
	return (await request<{ trash: DataTrashItem[] }>(fetcher, '/api/data/trash')).trash;
}

export function restoreDataFile(entry: string): Promise<RestoredDataFile> {
	return request(fetch, '/api/data/trash/restore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entry }) });
}
