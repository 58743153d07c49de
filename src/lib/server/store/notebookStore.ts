/**
 * The notebook folder as a store: list, open, create, save with revisions, rename, duplicate,
 * and delete to a recoverable trash. Every change goes through an atomic write or an exclusive
 * link, and every check-then-write on a name holds that name's lock.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { NotebookParseError, parseNotebook } from '../../notebook/index';
import { checkFlatName, checkNotebookName, realDir, resolveInside, resolveNotebookPath } from '../paths';
import { moveExclusive, nodeFileOps, removeAbandonedTemporaryFiles, writeFileAtomic, type FileOps } from './atomicWrite';
import { AlreadyExistsError, ConflictError, InvalidNotebookError, NotFoundError, TooLargeError, UnsafeNameError } from './errors';
import { MAX_NOTEBOOK_BYTES } from './limits';
import { identityNow } from './fileIdentity';
import { KeyedMutex } from './mutex';
import { createExclusive, moveNotebookFile, trashedNotebooks, readCurrent, trashDir, writeTarget, type TrashedNotebook } from './notebookFiles';
import { NotebookList, parseErrorOf, type NotebookLocation, type NotebookSummary } from './notebookSummary';
import { copyName, defaultNotebookText, retitle } from './notebookText';
import { revisionOf } from './revision';
import { TRASH_DIR, parseTrashEntry, trashEntryName } from './trashEntry';
import { VersionKeeper } from './versions';
import type { NotebookHistory } from '../history/notebookHistory';

export type { NotebookLocation, NotebookSummary, TrashedNotebook };
export { defaultNotebookText, retitle };
export { BEFORE_HISTORY } from './versions';

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

export interface NotebookStoreOptions {
	fileOps?: Partial<FileOps>;
	now?: () => Date;
	/** Where every saved text is kept; without it the store keeps no versions. */
	history?: NotebookHistory;
}

/** A save that finds the file touched (same bytes) this many times in a row gives up with a conflict. */
const SAVE_ATTEMPTS = 5;

export class NotebookStore {
	readonly dir: string;
	#ops: FileOps;
	#now: () => Date;
	#locks = new KeyedMutex();
	#list: NotebookList;
	#versions: VersionKeeper;
	readonly history: NotebookHistory | undefined;

	constructor(dir: string, options: NotebookStoreOptions = {}) {
		this.dir = path.resolve(dir);
		this.#ops = { ...nodeFileOps, ...options.fileOps };
		this.#now = options.now ?? (() => new Date());
		this.history = options.history;
		this.#list = new NotebookList(this.dir);
		this.#versions = new VersionKeeper(this.history, this.#now);
	}

	/** Removes temporary files of writes that a crash interrupted; returns their names. */
	async removeAbandonedWrites(): Promise<string[]> {
		return removeAbandonedTemporaryFiles(await realDir(this.dir), this.#ops);
	}

	/** Every notebook in the folder; a file that doesn't parse is listed with its error. */
	list(): Promise<NotebookSummary[]> {
		return this.#list.list();
	}

	async open(name: string): Promise<OpenedNotebook> {
		const current = await readCurrent(await resolveNotebookPath(this.dir, name));
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
			await createExclusive(file, content, name, this.#ops);
			await this.#versions.keep(name, content);
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
		const { target, key } = await writeTarget(this.dir, file);
		const saved = { name, revision: revisionOf(text) };
		return this.#locks.run([name, key], async () => {
			for (let attempt = 1; ; attempt++) {
				const current = await readCurrent(target);
				if (current === null) {
					if (baseRevision !== null) throw new NotFoundError(`${name} no longer exists (deleted or renamed); create it again to keep your text`);
					await this.#ensureDir();
					await createExclusive(file, text, name, this.#ops);
					await this.#versions.keep(name, text);
					return saved;
				}
				if (current.revision !== baseRevision || attempt > SAVE_ATTEMPTS) throw new ConflictError(name, current.text, current.revision);
				if (current.text === text) return saved;
				await this.#versions.keepFirst(name, current.text, target);
				// Another program may replace the file while ours is written and flushed: compare again
				// right before the rename, and when it changed, decide again on what is there now.
				if (await writeFileAtomic(target, text, this.#ops, () => identityNow(target) === current.identity)) {
					await this.#versions.keep(name, text);
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
			const current = await readCurrent(source);
			if (!current) throw new NotFoundError(`no notebook named ${from}`);
			if (from === to) return { name: to, revision: current.revision };
			await moveNotebookFile(source, target, to, this.#ops);
			await this.#versions.move(from, to);
			const retitled = retitle(current.text, from, to);
			if (retitled === undefined) return { name: to, revision: current.revision };
			await this.#versions.keepFirst(to, current.text, target);
			await writeFileAtomic(target, retitled, this.#ops);
			await this.#versions.keep(to, retitled);
			return { name: to, revision: revisionOf(retitled) };
		});
	}

	/** Copies a notebook to `to`, or to the first free `<name>-copy.md`, `<name>-copy-2.md`, … */
	async duplicate(name: string, to?: string): Promise<SavedNotebook> {
		const source = await resolveNotebookPath(this.dir, name);
		const current = await readCurrent(source);
		if (!current) throw new NotFoundError(`no notebook named ${name}`);
		if (to !== undefined) {
			const target = await resolveNotebookPath(this.dir, to);
			await this.#locks.run([to], async () => {
				await createExclusive(target, current.text, to, this.#ops);
				await this.#versions.keep(to, current.text);
			});
			return { name: to, revision: current.revision };
		}
		for (let attempt = 1; ; attempt++) {
			const candidate = copyName(name, attempt);
			const target = await resolveNotebookPath(this.dir, candidate);
			try {
				await this.#locks.run([candidate], async () => {
					await createExclusive(target, current.text, candidate, this.#ops);
					await this.#versions.keep(candidate, current.text);
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
			if (!(await readCurrent(file))) throw new NotFoundError(`no notebook named ${name}`);
			const trash = await trashDir(this.dir);
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
	listTrash(): Promise<TrashedNotebook[]> {
		return trashedNotebooks(this.dir);
	}

	/** Puts a trashed notebook back under its old name, or under `as`; never over an existing one. */
	async restore(entry: string, as?: string): Promise<SavedNotebook> {
		checkFlatName(entry);
		const parsed = parseTrashEntry(entry);
		if (!parsed) throw new UnsafeNameError(entry, 'it is not a trash entry (<name>.md.<time>)');
		const trashed = await resolveInside(await trashDir(this.dir), entry);
		const name = checkNotebookName(as ?? parsed.name);
		const target = await resolveNotebookPath(this.dir, name);
		// Locked on the entry too: two restores of it under different names must not both take it.
		return this.#locks.run([name, parsed.name, `${TRASH_DIR}/${entry}`], async () => {
			const current = await readCurrent(trashed);
			if (!current) throw new NotFoundError(`no trash entry ${entry} (restored or emptied meanwhile)`);
			await moveNotebookFile(trashed, target, name, this.#ops, 'restore it under another name');
			// Under a new name its history follows it, unless a notebook has the old name (and that history) now.
			if (name !== parsed.name && !(await readCurrent(await resolveNotebookPath(this.dir, parsed.name)))) {
				await this.#versions.move(parsed.name, name);
			}
			return { name, revision: current.revision };
		});
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

	async #ensureDir(): Promise<void> {
		await mkdir(this.dir, { recursive: true });
	}
}

