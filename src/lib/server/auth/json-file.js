// @ts-check
/**
 * The auth store's files: small JSON documents in `<data folder>/.tape/`, each written by one
 * kind of process only (users.json by the `tape user` command, sessions.json by the server), so a
 * whole-file atomic replace never loses another writer's update. Reads are cached until the
 * file's modification time, size or inode changes, so the server sees the command's changes
 * (a removed user, a new role, revoked sessions) on its next request.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** The auth folder of a data folder: hidden, so the data listing never shows it. */
export function authDir(/** @type {string} */ dataDir) {
	return path.join(path.resolve(dataDir), '.tape');
}

/** @type {Map<string, { key: string, value: unknown }>} */
const cache = new Map();

/**
 * The parsed file, or `empty` when it does not exist. A file that is not valid JSON throws: the
 * server must not treat a damaged user list as "no users" (that would switch sign-in off).
 * @template T
 * @param {string} file
 * @param {() => T} empty
 * @returns {T}
 */
export function readJson(file, empty) {
	let stat;
	try {
		stat = statSync(file, { bigint: true });
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return empty();
		throw error;
	}
	const key = `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
	const hit = cache.get(file);
	if (hit && hit.key === key) return /** @type {T} */ (structuredClone(hit.value));
	const text = readFileSync(file, 'utf8');
	let value;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new Error(`${path.basename(file)} in the data folder's .tape/ is not valid JSON (${/** @type {Error} */ (error).message}); restore it or remove it to start again`);
	}
	cache.set(file, { key, value });
	return /** @type {T} */ (structuredClone(value));
}

/**
 * Replaces `file` with `value` as JSON: temporary file, flushed, renamed over, folder flushed.
 * Readable by its owner only (it holds password hashes).
 * @param {string} file
 * @param {unknown} value
 */
export function writeJsonAtomic(file, value) {
	const dir = path.dirname(file);
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const fd = openSync(temporary, 'wx', 0o600);
	try {
		writeSync(fd, JSON.stringify(value, null, '\t') + '\n');
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(temporary, file);
	try {
		const dirFd = openSync(dir, 'r');
		try {
			fsyncSync(dirFd);
		} finally {
			closeSync(dirFd);
		}
	} catch {
		// Some file systems cannot flush a folder; the rename is still atomic.
	}
	cache.delete(file);
}
