import { mkdir, readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { removeAbandonedTemporaryFiles, writeFileAtomic } from '../store/atomicWrite';

/**
 * Writes a file of the data folder (an upload, a provider download in `.cache`) with the notebook
 * store's crash-safe writer: temporary file, fsync, rename, fsync of the folder. A reader (another
 * request, the CLI) sees the old file or the new one, never half of one, and a kill leaves only a
 * hidden temporary file that {@link removeAbandonedDataWrites} tidies on the next start.
 */
export async function writeDataFile(path: string, text: string): Promise<void> {
	await mkdir(dirname(path), { recursive: true });
	await writeFileAtomic(path, text);
}

/** What the data folder's writer before this one left after a crash: `IWM.csv.<12 hex>.tmp`. */
const OLD_TEMPORARY = /^[^.].*\.csv\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes temporary files of data writes that a crash interrupted, in the folder and its cache
 * (files of writers still alive are kept); returns how many. Called when the server starts.
 */
export async function removeAbandonedDataWrites(dataDir: string, cacheFolder: string): Promise<number> {
	let removed = 0;
	for (const dir of [dataDir, join(dataDir, cacheFolder)]) {
		removed += (await removeAbandonedTemporaryFiles(dir)).length;
		const old = (await readdir(dir).catch(() => [] as string[])).filter((name) => OLD_TEMPORARY.test(name));
		await Promise.all(old.map((name) => unlink(join(dir, name)).catch(() => {})));
		removed += old.length;
	}
	return removed;
}
