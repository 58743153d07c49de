// @ts-check
/**
 * The auth store's files: small JSON documents in `<data folder>/.tape/`, each replaced whole
 * and atomically. sessions.json and login-failures.json are written by the server only; users.json
 * by the `tape user` command and by the server (a password set through a sign-in link), so its
 * read-modify-write runs under a lock file (updateJsonLocked) and neither loses the other's
 * update. Reads are cached until the
 * file's modification time, size or inode changes, so the server sees the command's changes
 * (a removed user, a new role, revoked sessions) on its next request.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
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

/** A lock older than this was left by a process that died holding it (a change takes milliseconds). */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 5_000;

/**
 * Reads `file`, lets `change` modify the value, writes it back, all while holding
 * `<file>.lock` (created exclusively), so two processes never interleave their read and write.
 * `change` must be synchronous: the lock is never held across an await, so the server's other
 * requests cannot pile up behind it either.
 * @template T, R
 * @param {string} file
 * @param {() => T} empty
 * @param {(value: T) => R} change
 * @returns {R}
 */
export function updateJsonLocked(file, empty, change) {
	const lock = `${file}.lock`;
	mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	const deadline = Date.now() + LOCK_WAIT_MS;
	for (;;) {
		try {
			closeSync(openSync(lock, 'wx', 0o600));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			try {
				if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock);
			} catch {
				// Released meanwhile: try again.
			}
			if (Date.now() > deadline) throw new Error(`${path.basename(file)} in the data folder's .tape/ stays locked by another process (remove ${path.basename(lock)} if none runs)`);
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
		}
	}
	try {
		const value = readJson(file, empty);
		const result = change(value);
		writeJsonAtomic(file, value);
		return result;
	} finally {
		unlinkSync(lock);
	}
}
