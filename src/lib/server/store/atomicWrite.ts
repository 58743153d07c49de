/**
 * Crash-safe file writes. The new bytes go to a temporary file in the same folder, are flushed
 * to disk, then moved into place in one step, and the folder entry is flushed: after a crash at
 * any moment the target holds either the old bytes or the new ones, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import path from 'node:path';

/** The file operations a write uses; tests swap some to simulate failures. */
export interface FileOps {
	open: typeof fs.open;
	/** Synchronous, so that the last check before a replace runs back to back with it. */
	renameSync: typeof renameSync;
	link: typeof fs.link;
	unlink: typeof fs.unlink;
}

export const nodeFileOps: FileOps = { open: fs.open, renameSync, link: fs.link, unlink: fs.unlink };

/** Temporary files are hidden (leading dot), so the notebook list never shows them. */
const TEMPORARY_FILE = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Removes temporary files left in `dir` by processes that died mid-write (a crash between
 * writing the temporary file and renaming it). Files of live processes are in use and kept.
 */
export async function removeAbandonedTemporaryFiles(dir: string, ops: FileOps = nodeFileOps): Promise<string[]> {
	const names = await fs.readdir(dir).catch(() => [] as string[]);
	const abandoned = names.filter((name) => {
		const match = TEMPORARY_FILE.exec(name);
		return match !== null && !isAlive(Number(match[1]));
	});
	await Promise.all(abandoned.map((name) => ops.unlink(path.join(dir, name)).catch(() => {})));
	return abandoned;
}

async function writeTemporary(target: string, data: string, ops: FileOps): Promise<string> {
	const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const handle = await ops.open(temporary, 'wx', 0o644);
	try {
		await handle.writeFile(data, 'utf8');
		await handle.sync();
	} catch (error) {
		await handle.close();
		await ops.unlink(temporary).catch(() => {});
		throw error;
	}
	await handle.close();
	return temporary;
}

/** Flushes a folder's entries, so a rename in it survives a power cut. */
export async function syncDir(dir: string, ops: FileOps = nodeFileOps): Promise<void> {
	let handle: fs.FileHandle;
	try {
		handle = await ops.open(dir, 'r');
	} catch {
		return; // Some platforms cannot open folders; the rename is still atomic there.
	}
	try {
		await handle.sync();
	} catch {
		// Folders can't be fsynced on every file system; atomicity does not depend on it.
	} finally {
		await handle.close();
	}
}

/**
 * Replaces (or creates) `target` with `data` atomically. `stillCurrent`, when given, runs after the
 * slow part (writing and flushing the new bytes) and right before the replace, with no await in
 * between, so nothing in this process and as little as possible outside it can slip in between
 * the check and the rename. When it returns false nothing is replaced and the write returns false.
 */
export async function writeFileAtomic(target: string, data: string, ops: FileOps = nodeFileOps, stillCurrent?: () => boolean): Promise<boolean> {
	const temporary = await writeTemporary(target, data, ops);
	let replaced = false;
	try {
		if (!stillCurrent || stillCurrent()) {
			ops.renameSync(temporary, target);
			replaced = true;
		}
	} finally {
		if (!replaced) await ops.unlink(temporary).catch(() => {});
	}
	if (replaced) await syncDir(path.dirname(target), ops);
	return replaced;
}

/**
 * Creates `target` with `data` atomically, failing with EEXIST if it exists: a hard link never
 * replaces an existing name, so two creators racing cannot overwrite each other.
 */
export async function writeFileExclusive(target: string, data: string, ops: FileOps = nodeFileOps): Promise<void> {
	const temporary = await writeTemporary(target, data, ops);
	try {
		await ops.link(temporary, target);
	} finally {
		await ops.unlink(temporary).catch(() => {});
	}
	await syncDir(path.dirname(target), ops);
}

/** Moves `from` to `to`, failing with EEXIST rather than replacing an existing `to`. */
export async function moveExclusive(from: string, to: string, ops: FileOps = nodeFileOps): Promise<void> {
	await ops.link(from, to);
	try {
		await ops.unlink(from);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		// Another process moved `from` between our link and unlink. If it moved it to a name of its
		// own the file now has two names: give ours back and fail, so it is restored once. If it
		// deleted it, ours is the only name left and the move stands.
		if ((await fs.stat(to)).nlink > 1) {
			await ops.unlink(to);
			throw error;
		}
	}
	await syncDir(path.dirname(to), ops);
	if (path.dirname(from) !== path.dirname(to)) await syncDir(path.dirname(from), ops);
}
