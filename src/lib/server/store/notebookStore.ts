/**
 * The notebook folder as a store: list, open, create, save with revisions, rename, duplicate,
 * and delete to a recoverable trash. Every change goes through an atomic write or an exclusive
 * link, and every check-then-write on a name holds that name's lock.
 */
import { lstat, mkdir, open, readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { NotebookParseError, parseNotebook, serializeNotebook, titleOf, newCellId } from '../../notebook/index';
import { checkFlatName, checkNotebookName, isNotebookName, realDir, resolveInside, resolveNotebookPath } from '../paths';
import { moveExclusive, nodeFileOps, removeAbandonedTemporaryFiles, writeFileAtomic, writeFileExclusive, type FileOps } from './atomicWrite';
import {
	AlreadyExistsError,
	ConflictError,
	InvalidNotebookError,
	NotFoundError,
	OutsideNotebooksError,
	TooLargeError,
	UnsafeNameError
} from './errors';
import { MAX_NOTEBOOK_BYTES } from './limits';
import { identityNow, identityOf, type FileIdentity } from './fileIdentity';
import { KeyedMutex } from './mutex';
import { revisionOf } from './revision';
import { TRASH_DIR, parseTrashEntry, trashEntryName } from './trashEntry';
import type { NotebookHistory } from '../history/notebookHistory';
import { currentAuthor, versionWanted } from '../history/author';

export interface NotebookLocation {
	message: string;
	line: number;
	column: number;
}

export interface NotebookSummary {
	name: string;
	title: string;
	description?: string;
	tags: string[];
	/** ISO time of the last change on disk. */
	modified: string;
	size: number;
	revision: string;
	/** Set when the file does not parse; the rest then comes from the file name. */
	error?: NotebookLocation;
}

export interface OpenedNotebook {
	name: string;
	text: string;
	revision: string;
	error?: NotebookLocation;
}

export interface SavedNotebook {
	name: string;
	revision: string;
}

export interface TrashedNotebook {
	entry: string;
	/** The name it had and is restored to by default. */
	name: string;
	trashedAt: string;
	size: number;
}

export interface NotebookStoreOptions {
	fileOps?: Partial<FileOps>;
	now?: () => Date;
	/** Where every saved text is kept; without it the store keeps no versions. */
	history?: NotebookHistory;
}

interface Current {
	text: string;
	revision: string;
	/** Of the file these bytes were read from, to tell later whether it still holds them. */
	identity: FileIdentity;
}

/** The author of a notebook's text from before its history began. */
export const BEFORE_HISTORY = 'before history';

/** A save that finds the file touched (same bytes) this many times in a row gives up with a conflict. */
const SAVE_ATTEMPTS = 5;

export class NotebookStore {
	readonly dir: string;
	#ops: FileOps;
	#now: () => Date;
	#locks = new KeyedMutex();
	readonly history: NotebookHistory | undefined;
	/** List entries by name, kept while the file's identity is unchanged: the list reads only what changed. */
	#summaries = new Map<string, { identity: FileIdentity; summary: NotebookSummary }>();

	constructor(dir: string, options: NotebookStoreOptions = {}) {
		this.dir = path.resolve(dir);
		this.#ops = { ...nodeFileOps, ...options.fileOps };
		this.#now = options.now ?? (() => new Date());
		this.history = options.history;
	}

	/** Removes temporary files of writes that a crash interrupted; returns their names. */
	async removeAbandonedWrites(): Promise<string[]> {
		return removeAbandonedTemporaryFiles(await realDir(this.dir), this.#ops);
	}

	/** Every notebook in the folder; a file that doesn't parse is listed with its error. */
	async list(): Promise<NotebookSummary[]> {
		let entries;
		try {
			entries = await readdir(await realDir(this.dir), { withFileTypes: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
			throw error;
		}
		const names = entries.filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && isNotebookName(entry.name)).map((entry) => entry.name);
		const summaries = await Promise.all(names.map((name) => this.#summary(name)));
		const present = new Set(names);
		for (const name of this.#summaries.keys()) if (!present.has(name)) this.#summaries.delete(name);
		return summaries.filter((summary): summary is NotebookSummary => summary !== null).sort((a, b) => a.name.localeCompare(b.name));
	}

	async #summary(name: string): Promise<NotebookSummary | null> {
		let file: string;
		try {
			file = await resolveNotebookPath(this.dir, name);
		} catch (error) {
			if (error instanceof OutsideNotebooksError || error instanceof UnsafeNameError) return null;
			throw error;
		}
		// The file may vanish or turn out not to be a file between readdir and here.
		const info = await stat(file, { bigint: true }).catch(() => null);
		if (!info?.isFile()) return null;
		const identity = identityOf(info);
		const cached = this.#summaries.get(name);
		if (cached?.identity === identity) return cached.summary;
		const bytes = await readFile(file).catch(() => null);
		if (bytes === null) return null;
		const summary = summaryOf(name, bytes, info.mtime);
		// Kept under the identity seen before the read: had the file changed while being read, the
		// next list sees another identity and reads it again.
		this.#summaries.set(name, { identity, summary });
		return summary;
	}

	async open(name: string): Promise<OpenedNotebook> {
		const current = await this.#read(await resolveNotebookPath(this.dir, name));
		if (!current) throw new NotFoundError(`no notebook named ${name}`);
		const error = parseErrorOf(current.text, name);
		return { name, text: current.text, revision: current.revision, ...(error && { error }) };
	}

	/** Creates a notebook; without text, one with a title and an empty code cell. */
	async create(name: string, text?: string): Promise<SavedNotebook> {
		const content = text ?? defaultNotebookText(name);
		const file = await this.#writablePath(name, content);
		return this.#locks.run([name], async () => {
			await this.#ensureDir();
			await this.#createExclusive(file, content, name);
			await this.#keepVersion(name, content);
			return { name, revision: revisionOf(content) };
		});
	}

	/**
	 * Creates a notebook under `name`, or the first free `<name>-2.md`, `<name>-3.md`, … (an import
	 * never replaces a notebook); taken names are skipped here, so the browser sees no 409 for them.
	 */
	async createFree(name: string, text?: string): Promise<SavedNotebook> {
		const stem = name.replace(/\.md$/, '');
		for (let n = 1; n <= 100; n++) {
			const candidate = n === 1 ? name : `${stem}-${n}.md`;
			try {
				return await this.create(candidate, text);
			} catch (error) {
				if (!(error instanceof AlreadyExistsError)) throw error;
			}
		}
		throw new AlreadyExistsError(name, `so do ${stem}-2.md to ${stem}-100.md: rename some notebooks first`);
	}

	/**
	 * Saves `text` if the file is still at `baseRevision` (null: the file must not exist yet).
	 * @throws ConflictError carrying what is on disk when someone else saved in between.
	 */
	async save(name: string, text: string, baseRevision: string | null): Promise<SavedNotebook> {
		const file = await this.#writablePath(name, text);
		const { target, key } = await this.#writeTarget(file);
		const saved = { name, revision: revisionOf(text) };
		return this.#locks.run([name, key], async () => {
			for (let attempt = 1; ; attempt++) {
				const current = await this.#read(target);
				if (current === null) {
					if (baseRevision !== null) throw new NotFoundError(`${name} no longer exists (deleted or renamed); create it again to keep your text`);
					await this.#ensureDir();
					await this.#createExclusive(file, text, name);
					await this.#keepVersion(name, text);
					return saved;
				}
				if (current.revision !== baseRevision || attempt > SAVE_ATTEMPTS) throw new ConflictError(name, current.text, current.revision);
				if (current.text === text) return saved;
				await this.#keepFirstVersion(name, current.text, target);
				// Another program may replace the file while ours is written and flushed: compare again
				// right before the rename, and when it changed, decide again on what is there now.
				if (await writeFileAtomic(target, text, this.#ops, () => identityNow(target) === current.identity)) {
					await this.#keepVersion(name, text);
					return saved;
				}
			}
		});
	}

	/** Moves a notebook to a new name; a title Tape made from the old name follows the new one. */
	async rename(from: string, to: string): Promise<SavedNotebook> {
		const source = await resolveNotebookPath(this.dir, from);
		const target = await resolveNotebookPath(this.dir, to);
		return this.#locks.run([from, to], async () => {
			const current = await this.#read(source);
			if (!current) throw new NotFoundError(`no notebook named ${from}`);
			if (from === to) return { name: to, revision: current.revision };
			await this.#moveExclusive(source, target, to);
			await this.history?.move(from, to).catch((error) => console.error(`history of ${from} not carried to ${to}:`, error));
			const retitled = retitle(current.text, from, to);
			if (retitled === undefined) return { name: to, revision: current.revision };
			await this.#keepFirstVersion(to, current.text, target);
			await writeFileAtomic(target, retitled, this.#ops);
			await this.#keepVersion(to, retitled);
			return { name: to, revision: revisionOf(retitled) };
		});
	}

	/** Copies a notebook to `to`, or to the first free `<name>-copy.md`, `<name>-copy-2.md`, … */
	async duplicate(name: string, to?: string): Promise<SavedNotebook> {
		const source = await resolveNotebookPath(this.dir, name);
		const current = await this.#read(source);
		if (!current) throw new NotFoundError(`no notebook named ${name}`);
		if (to !== undefined) {
			const target = await resolveNotebookPath(this.dir, to);
			await this.#locks.run([to], async () => {
				await this.#createExclusive(target, current.text, to);
				await this.#keepVersion(to, current.text);
			});
			return { name: to, revision: current.revision };
		}
		for (let attempt = 1; ; attempt++) {
			const candidate = copyName(name, attempt);
			const target = await resolveNotebookPath(this.dir, candidate);
			try {
				await this.#locks.run([candidate], async () => {
					await this.#createExclusive(target, current.text, candidate);
					await this.#keepVersion(candidate, current.text);
				});
				return { name: candidate, revision: current.revision };
			} catch (error) {
				if (!(error instanceof AlreadyExistsError)) throw error;
			}
		}
	}

	/** Moves a notebook to `<dir>/.trash/<name>.<time>`, from where `restore` brings it back. */
	async delete(name: string): Promise<{ trashed: string }> {
		const file = await resolveNotebookPath(this.dir, name);
		return this.#locks.run([name], async () => {
			if (!(await this.#read(file))) throw new NotFoundError(`no notebook named ${name}`);
			const trash = await this.#trashDir();
			for (let attempt = 1; ; attempt++) {
				const entry = trashEntryName(name, this.#now(), attempt);
				try {
					await moveExclusive(file, path.join(trash, entry), this.#ops);
					return { trashed: entry };
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
				}
			}
		});
	}

	/** Trashed notebooks, newest first. */
	async listTrash(): Promise<TrashedNotebook[]> {
		const trash = await this.#trashDir();
		const items = await Promise.all(
			(await readdir(trash)).map(async (entry) => {
				const parsed = parseTrashEntry(entry);
				const info = parsed && (await stat(path.join(trash, entry)).catch(() => null));
				return parsed && info?.isFile() ? { entry, ...parsed, size: info.size } : null;
			})
		);
		return items.filter((item): item is TrashedNotebook => item !== null).sort((a, b) => b.trashedAt.localeCompare(a.trashedAt));
	}

	/** Puts a trashed notebook back under its old name, or under `as`; never over an existing one. */
	async restore(entry: string, as?: string): Promise<SavedNotebook> {
		checkFlatName(entry);
		const parsed = parseTrashEntry(entry);
		if (!parsed) throw new UnsafeNameError(entry, 'it is not a trash entry (<name>.md.<time>)');
		const trashed = await resolveInside(await this.#trashDir(), entry);
		const name = checkNotebookName(as ?? parsed.name);
		const target = await resolveNotebookPath(this.dir, name);
		// Locked on the entry too: two restores of it under different names must not both take it.
		return this.#locks.run([name, parsed.name, `${TRASH_DIR}/${entry}`], async () => {
			const current = await this.#read(trashed);
			if (!current) throw new NotFoundError(`no trash entry ${entry} (restored or emptied meanwhile)`);
			await this.#moveExclusive(trashed, target, name, 'restore it under another name');
			// Under a new name its history follows it, unless a notebook has the old name (and that history) now.
			if (name !== parsed.name && !(await this.#read(await resolveNotebookPath(this.dir, parsed.name)))) {
				await this.history?.move(parsed.name, name).catch((error) => console.error(`history of ${parsed.name} not carried to ${name}:`, error));
			}
			return { name, revision: current.revision };
		});
	}

	/**
	 * Records a text just written as a version, by whoever the request is from. The notebook is
	 * already saved then: a history that cannot be written is logged, and the save stands.
	 */
	async #keepVersion(name: string, text: string): Promise<void> {
		if (!versionWanted()) return;
		await this.history?.record(name, text, currentAuthor(), this.#now()).catch((error) => console.error(`no version kept of ${name}:`, error));
	}

	/** A notebook saved before it had a history: its text on disk becomes the first version. */
	async #keepFirstVersion(name: string, text: string, file: string): Promise<void> {
		if (!this.history || !(await this.history.isEmpty(name).catch(() => false))) return;
		const modified = (await stat(file).catch(() => null))?.mtime ?? this.#now();
		await this.history.record(name, text, BEFORE_HISTORY, modified).catch((error) => console.error(`no version kept of ${name}:`, error));
	}

	async #writablePath(name: string, text: string): Promise<string> {
		const file = await resolveNotebookPath(this.dir, name);
		if (Buffer.byteLength(text) > MAX_NOTEBOOK_BYTES) throw new TooLargeError(`notebook ${name}`, MAX_NOTEBOOK_BYTES);
		try {
			parseNotebook(text, name);
		} catch (error) {
			if (error instanceof NotebookParseError) throw new InvalidNotebookError(`not saved: ${error.message}`, error.line, error.column);
			throw error;
		}
		return file;
	}

	/**
	 * Where a save writes: the file itself, or for a symlink the notebook it points to (kept inside
	 * the folder by resolveInside), so the link survives and a save through it and one to its target
	 * share a lock (`key`: the target's path in the folder).
	 */
	async #writeTarget(file: string): Promise<{ target: string; key: string }> {
		const root = await realDir(this.dir);
		const link = await lstat(file).catch(() => null);
		let target = file;
		if (link?.isSymbolicLink()) {
			target = await realpath(file).catch(() => file); // dangling: create refuses it, save finds nothing
			if (!target.startsWith(root + path.sep)) throw new OutsideNotebooksError(path.basename(file));
		}
		return { target, key: path.relative(root, target) };
	}

	async #read(file: string): Promise<Current | null> {
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

	async #createExclusive(file: string, text: string, name: string): Promise<void> {
		try {
			await writeFileExclusive(file, text, this.#ops);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AlreadyExistsError(name);
			throw error;
		}
	}

	async #moveExclusive(from: string, to: string, name: string, hint?: string): Promise<void> {
		try {
			await moveExclusive(from, to, this.#ops);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EEXIST') throw new AlreadyExistsError(name, hint);
			if (code === 'ENOENT') throw new NotFoundError(`${path.basename(from)} was moved or removed meanwhile`);
			throw error;
		}
	}

	async #ensureDir(): Promise<void> {
		await mkdir(this.dir, { recursive: true });
	}

	async #trashDir(): Promise<string> {
		const trash = path.join(await realDir(this.dir), TRASH_DIR);
		await mkdir(trash, { recursive: true });
		// A .trash planted as a symlink (a cloned or unpacked folder) would move deleted notebooks
		// out of the folder, and let restore take files from wherever it points.
		if ((await realpath(trash)) !== trash) throw new OutsideNotebooksError(TRASH_DIR);
		return trash;
	}
}

function summaryOf(name: string, bytes: Buffer, modified: Date): NotebookSummary {
	const base = { name, modified: modified.toISOString(), size: bytes.length, revision: revisionOf(bytes) };
	try {
		const nb = parseNotebook(bytes.toString('utf8'), name);
		return { ...base, title: titleOf(nb, name), description: nb.meta.description, tags: nb.meta.tags ?? [] };
	} catch (error) {
		if (!(error instanceof NotebookParseError)) throw error;
		return { ...base, title: name.replace(/\.md$/, ''), tags: [], error: locationOf(error) };
	}
}

function locationOf(error: NotebookParseError): NotebookLocation {
	return { message: error.reason, line: error.line, column: error.column };
}

function parseErrorOf(text: string, name: string): NotebookLocation | undefined {
	try {
		parseNotebook(text, name);
		return undefined;
	} catch (error) {
		if (error instanceof NotebookParseError) return locationOf(error);
		throw error;
	}
}

function copyName(name: string, attempt: number): string {
	const stem = name.replace(/\.md$/, '');
	return attempt === 1 ? `${stem}-copy.md` : `${stem}-copy-${attempt}.md`;
}

/** "small-caps_study.md" → "Small caps study". */
function titleFromName(name: string): string {
	const words = name.replace(/\.md$/, '').replace(/[-_]+/g, ' ').trim();
	return words ? words[0].toUpperCase() + words.slice(1) : 'Untitled';
}

/** A title with an empty code cell to start from. */
export function defaultNotebookText(name: string): string {
	return serializeNotebook({ meta: { title: titleFromName(name) }, cells: [{ id: newCellId(), kind: 'code', source: '', options: {} }] });
}

/**
 * The text with the title made from `to` when its title is the one Tape made from `from` (a title
 * the author chose stays); undefined when nothing changes or the file does not parse.
 */
export function retitle(text: string, from: string, to: string): string | undefined {
	try {
		const notebook = parseNotebook(text, from);
		if (notebook.meta.title !== titleFromName(from) || titleFromName(to) === titleFromName(from)) return undefined;
		return serializeNotebook({ ...notebook, meta: { ...notebook.meta, title: titleFromName(to) } });
	} catch (error) {
		if (error instanceof NotebookParseError) return undefined;
		throw error;
	}
}
