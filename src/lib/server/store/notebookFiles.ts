/**
 * Reading and placing notebook files inside the folder: a read that knows which file it read,
 * exclusive creates and moves that never replace a notebook, where a save through a symlink
 * writes, and the trash folder.
 */
import { lstat, mkdir, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { realDir } from '../paths';
import { moveExclusive, writeFileExclusive, type FileOps } from './atomicWrite';
import { AlreadyExistsError, NotFoundError, OutsideNotebooksError } from './errors';
import { identityOf, type FileIdentity } from './fileIdentity';
import { revisionOf } from './revision';
import { TRASH_DIR, parseTrashEntry } from './trashEntry';

/** A notebook file's text as read. */
export interface Current {
	text: string;
	revision: string;
	/** Of the file these bytes were read from, to tell later whether it still holds them. */
	identity: FileIdentity;
}

export interface TrashedNotebook {
	entry: string;
	/** The name it had and is restored to by default. */
	name: string;
	trashedAt: string;
	size: number;
}

/** The file's text, revision and identity; null when there is no such file. */
export async function readCurrent(file: string): Promise<Current | null> {
	let handle;
	try {
		handle = await open(file, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
	try {
		const bytes = await handle.readFile();
		// Taken after the read: a write in place during it changes the identity, so it is caught.
		const identity = identityOf(await handle.stat({ bigint: true }));
		return { text: bytes.toString('utf8'), revision: revisionOf(bytes), identity };
	} finally {
		await handle.close();
	}
}

/** Writes a new notebook `name` at `file`; AlreadyExistsError when one is there. */
export async function createExclusive(file: string, text: string, name: string, ops: FileOps): Promise<void> {
	try {
		await writeFileExclusive(file, text, ops);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AlreadyExistsError(name);
		throw error;
	}
}

/** Moves a file to `to` (the notebook `name`) unless something is there already. */
export async function moveNotebookFile(from: string, to: string, name: string, ops: FileOps, hint?: string): Promise<void> {
	try {
		await moveExclusive(from, to, ops);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') throw new AlreadyExistsError(name, hint);
		if (code === 'ENOENT') throw new NotFoundError(`${path.basename(from)} was moved or removed meanwhile`);
		throw error;
	}
}

/**
 * Where a save writes: the file itself, or for a symlink the notebook it points to (kept inside
 * the folder by resolveInside), so the link survives and a save through it and one to its target
 * share a lock (`key`: the target's path in the folder).
 */
export async function writeTarget(dir: string, file: string): Promise<{ target: string; key: string }> {
	const root = await realDir(dir);
	const link = await lstat(file).catch(() => null);
	let target = file;
	if (link?.isSymbolicLink()) {
		target = await realpath(file).catch(() => file); // dangling: create refuses it, save finds nothing
		if (!target.startsWith(root + path.sep)) throw new OutsideNotebooksError(path.basename(file));
	}
	return { target, key: path.relative(root, target) };
}

/** The folder's `.trash`, made when missing. */
export async function trashDir(dir: string): Promise<string> {
	const trash = path.join(await realDir(dir), TRASH_DIR);
	await mkdir(trash, { recursive: true });
	// A .trash planted as a symlink (a cloned or unpacked folder) would move deleted notebooks
	// out of the folder, and let restore take files from wherever it points.
	if ((await realpath(trash)) !== trash) throw new OutsideNotebooksError(TRASH_DIR);
	return trash;
}

/** Trashed notebooks, newest first. */
export async function trashedNotebooks(dir: string): Promise<TrashedNotebook[]> {
	const trash = await trashDir(dir);
	const items = await Promise.all(
		(await readdir(trash)).map(async (entry) => {
			const parsed = parseTrashEntry(entry);
			const info = parsed && (await stat(path.join(trash, entry)).catch(() => null));
			return parsed && info?.isFile() ? { entry, ...parsed, size: info.size } : null;
		})
	);
	return items.filter((item): item is TrashedNotebook => item !== null).sort((a, b) => b.trashedAt.localeCompare(a.trashedAt));
}
