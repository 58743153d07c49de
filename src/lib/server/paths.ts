/** Where notebooks live, and turning a client-supplied name into a path that stays there. */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { OutsideNotebooksError, UnsafeNameError } from './store/errors';

/** `TAPE_NOTEBOOKS_DIR`, or `notebooks/` under the working directory. */
export function notebooksDir(): string {
	return path.resolve(process.env.TAPE_NOTEBOOKS_DIR || path.join(process.cwd(), 'notebooks'));
}

const MAX_NAME_BYTES = 255;

/** Why `name` is not a safe flat file name, or null when it is. */
function flatNameProblem(name: string): string | null {
	if (name.length === 0) return 'it is empty';
	if (Buffer.byteLength(name) > MAX_NAME_BYTES) return `it is longer than ${MAX_NAME_BYTES} bytes`;
	if (name.includes('\0')) return 'it contains a NUL byte';
	if (/[\u0001-\u001f\u007f]/.test(name)) return 'it contains a control character';
	if (name.includes('/') || name.includes('\\')) return 'it contains a path separator; notebooks are files directly in the notebooks folder';
	if (name.includes(':')) return 'it contains ":"';
	if (name.includes('..')) return 'it contains ".."';
	if (name.startsWith('.')) return 'hidden names (starting with ".") are reserved';
	return null;
}

/**
 * Names arrive already URL-decoded once; a name that still decodes to something unsafe
 * (`%2e%2e%2fx.md`) is a trick aimed at a second decoder somewhere, so every decoding is checked.
 */
function decodings(name: string): string[] {
	const forms = [name];
	for (let i = 0; i < 3; i++) {
		let decoded: string;
		try {
			decoded = decodeURIComponent(forms[forms.length - 1]);
		} catch {
			break;
		}
		if (decoded === forms[forms.length - 1]) break;
		forms.push(decoded);
	}
	return forms;
}

/** Checks a flat file name (notebook or trash entry); throws UnsafeNameError. */
export function checkFlatName(name: string): string {
	if (typeof name !== 'string') throw new UnsafeNameError(String(name), 'it is not a string');
	for (const form of decodings(name)) {
		const problem = flatNameProblem(form);
		if (problem) throw new UnsafeNameError(name, form === name ? problem : `once decoded, ${problem}`);
	}
	return name;
}

/** Checks a notebook name: a safe flat file name ending in `.md`. Throws UnsafeNameError. */
export function checkNotebookName(name: string): string {
	checkFlatName(name);
	if (!name.endsWith('.md') || name.length === '.md'.length) throw new UnsafeNameError(name, 'notebook names end in .md, e.g. welcome.md');
	return name;
}

export function isNotebookName(name: string): boolean {
	try {
		checkNotebookName(name);
		return true;
	} catch {
		return false;
	}
}

/** The real path of the folder, or the folder as given while it does not exist yet. */
export async function realDir(dir: string): Promise<string> {
	try {
		return await realpath(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path.resolve(dir);
		throw error;
	}
}

/**
 * The absolute path of a flat `name` inside `dir`. Refuses unsafe names (UnsafeNameError, 400)
 * and existing files that resolve outside `dir`, e.g. a symlink to /etc (OutsideNotebooksError, 403).
 */
export async function resolveInside(dir: string, name: string): Promise<string> {
	checkFlatName(name);
	const root = await realDir(dir);
	const target = path.join(root, name);
	if (path.dirname(target) !== root) throw new UnsafeNameError(name, 'it does not name a file directly in the folder');
	let real: string;
	try {
		real = await realpath(target);
	} catch (error) {
		// A missing file (or a dangling link, which writes replace rather than follow) is fine.
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return target;
		throw error;
	}
	if (!real.startsWith(root + path.sep)) throw new OutsideNotebooksError(name);
	return target;
}

/** `resolveInside` for notebook names (`.md` required). */
export async function resolveNotebookPath(dir: string, name: string): Promise<string> {
	checkNotebookName(name);
	return resolveInside(dir, name);
}
