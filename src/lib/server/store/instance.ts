/** One store per notebooks folder in this process, so all requests share its per-name locks. */
import { notebooksDir } from '../paths';
import { NotebookHistory } from '../history/notebookHistory';
import { NotebookStore } from './notebookStore';

const stores = new Map<string, NotebookStore>();

/** The store for `TAPE_NOTEBOOKS_DIR` (read on each call, so tests can point it at a temp folder). */
export function notebookStore(): NotebookStore {
	const dir = notebooksDir();
	let store = stores.get(dir);
	if (!store) {
		store = new NotebookStore(dir, { history: new NotebookHistory(dir) });
		stores.set(dir, store);
		// Tidy up after a crash of an earlier server; the notebooks themselves are always whole.
		store.removeAbandonedWrites().catch((error) => console.warn(`could not tidy ${dir}:`, error));
	}
	return store;
}
