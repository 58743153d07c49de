/**
 * The data folder's trash seen from the workspace: the replaced files kept there (by
 * {@link keepInTrash}) listed with their rows and dates, and one put back on request.
 */
import { lstat, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CsvSummary } from '../../data/conflict';
import type { DataTrashItem, RestoredDataFile } from '../../data/trash';
import { syncDir } from '../store/atomicWrite';
import { BadRequestError, NotFoundError, StoreError } from '../store/errors';
import { KeyedMutex } from '../store/mutex';
import { parseTrashEntry } from '../store/trashEntry';
import { COMPARE_LIMIT_BYTES, summarizeCsv } from './replace';
import { DATA_TRASH_FOLDER, keepInTrash } from './trash';

/** Replaced data files in the trash, newest first, with their rows and date range. */
export async function listDataTrash(dataDir: string): Promise<DataTrashItem[]> {
	const trash = join(dataDir, DATA_TRASH_FOLDER);
	const entries = await readdir(trash).catch((e: NodeJS.ErrnoException) => {
		if (e.code === 'ENOENT') return [] as string[];
		throw e;
	});
	const items = await Promise.all(
		entries.map(async (entry): Promise<DataTrashItem | null> => {
			const parsed = parseDataEntry(entry);
			const info = parsed && (await stat(join(trash, entry)).catch(() => null));
			if (!parsed || !info?.isFile()) return null;
			return { entry, file: parsed.name, trashedAt: parsed.trashedAt, bytes: info.size, ...(await summaryOf(join(trash, entry))) };
		})
	);
	return items.filter((item) => item !== null).sort((a, b) => b.trashedAt.localeCompare(a.trashedAt) || b.entry.localeCompare(a.entry));
}

/** One restore per file at a time: a second restore of the same entry finds it gone, not half moved. */
const restoring = new KeyedMutex();

/**
 * Puts a trash entry back as its file in the data folder. The file there now (if any) goes to the
 * trash first, so a restore is undone by restoring that entry. The entry is moved, not copied:
 * it can be restored once.
 */
export async function restoreDataFile(dataDir: string, entry: unknown): Promise<RestoredDataFile> {
	const parsed = parseDataEntry(entry);
	if (!parsed || typeof entry !== 'string') throw new BadRequestError(`${JSON.stringify(entry)} is not an entry of the data folder's trash (a name like IWM.csv.2024-01-02T03-04-05.678Z)`);
	const { name: file } = parsed;
	const trashed = join(dataDir, DATA_TRASH_FOLDER, entry);
	return restoring.run([file], async () => {
		const info = await lstat(trashed).catch((e: NodeJS.ErrnoException) => {
			if (e.code === 'ENOENT') throw new NotFoundError(`no ${file} of ${parsed.trashedAt} in the data folder's trash (restored or removed meanwhile)`);
			throw e;
		});
		if (info.isDirectory()) throw new BadRequestError(`${entry} in the data folder's trash is a folder, not a file`);
		const current = await lstat(join(dataDir, file)).catch(() => null);
		if (current?.isDirectory()) throw new StoreError(`${file} in the data folder is a folder; rename it before restoring a file of that name`, 409);
		if (current && current.ino === info.ino && current.dev === info.dev) {
			// The entry is the file there now (kept, then not replaced): a rename of a file onto its
			// own other name does nothing, so the entry is taken out and the file stays as it is.
			await unlink(trashed);
			await syncDir(join(dataDir, DATA_TRASH_FOLDER));
			return { file, kept: null, ...(await summaryOf(join(dataDir, file))) };
		}
		const kept = current ? await keepInTrash(dataDir, file) : null;
		// A rename: readers see the replaced file or the restored one, never neither.
		await rename(trashed, join(dataDir, file));
		await Promise.all([syncDir(dataDir), syncDir(join(dataDir, DATA_TRASH_FOLDER))]);
		return { file, kept, ...(await summaryOf(join(dataDir, file))) };
	});
}

/** Rows and dates of a file, unless it is too large to read for that. */
async function summaryOf(path: string): Promise<{ summary?: CsvSummary }> {
	return (await stat(path)).size <= COMPARE_LIMIT_BYTES ? { summary: summarizeCsv(await readFile(path, 'utf8')) } : {};
}

/** `IWM.csv.<time>` → its file and time; null for anything else, so no entry names a path. */
function parseDataEntry(entry: unknown): { name: string; trashedAt: string } | null {
	if (typeof entry !== 'string' || /[/\\\0]/.test(entry) || entry.startsWith('.')) return null;
	return parseTrashEntry(entry, '.csv');
}
