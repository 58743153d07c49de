import { copyFile, link, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from '../store/atomicWrite';
import { trashEntryName } from '../store/trashEntry';

/** Replaced data files are kept here, inside the data folder: `<data>/.trash/IWM.csv.<UTC time>`. */
export const DATA_TRASH_FOLDER = '.trash';

/**
 * Keeps the current `<dataDir>/<file>` in the data folder's trash before it is replaced, and
 * returns the trash entry's name (copy it back to restore). A hard link, so the kept bytes are
 * exactly the old file's and cost no copy; a copy where links are not possible.
 */
export async function keepInTrash(dataDir: string, file: string, now = new Date()): Promise<string> {
	const trash = join(dataDir, DATA_TRASH_FOLDER);
	await mkdir(trash, { recursive: true });
	for (let attempt = 1; ; attempt++) {
		const entry = trashEntryName(file, now, attempt);
		try {
			await link(join(dataDir, file), join(trash, entry));
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code;
			if (code === 'EEXIST' && attempt < 100) continue;
			if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw e;
			await copyFile(join(dataDir, file), join(trash, entry), 1 /* COPYFILE_EXCL */);
		}
		await syncDir(trash);
		return entry;
	}
}
