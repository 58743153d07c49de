/** What the history routes share: the store's history and a version number from the URL. */
import { BadRequestError, notebookStore, NotFoundError } from '../store/index';
import { checkNotebookName } from '../paths';
import type { NotebookHistory } from './notebookHistory';

export function historyOf(name: string): NotebookHistory {
	checkNotebookName(name);
	const history = notebookStore().history;
	if (!history) throw new NotFoundError('this workspace keeps no history');
	return history;
}

export function versionId(text: string): number {
	if (!/^[1-9]\d{0,7}$/.test(text)) throw new BadRequestError(`version ${JSON.stringify(text)} is not a version number`);
	return Number(text);
}

/** Restores version `id` of `name` as a new save over what is on disk now; returns the new version. */
export async function restoreVersion(name: string, id: number) {
	const history = historyOf(name);
	const version = await history.read(name, id);
	const store = notebookStore();
	const current = await store.open(name).catch((error) => {
		if (error instanceof NotFoundError) return null; // deleted since: the restore brings it back
		throw error;
	});
	const newestBefore = (await history.list(name)).versions.at(-1)?.id ?? 0;
	const saved = await store.save(name, version.text, current?.revision ?? null);
	const newest = (await history.list(name)).versions.at(-1);
	// null: the notebook held that text already, so the save added no version.
	return { ...saved, restored: id, version: newest && newest.id > newestBefore && newest.revision === saved.revision ? newest.id : null };
}
