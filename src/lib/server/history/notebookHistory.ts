/**
 * Every saved text of every notebook, kept in a plain append-only store beside the notebooks:
 *
 *   <notebooks>/.history/<name>/texts/<sha256>.md      each distinct text once (content-addressed)
 *   <notebooks>/.history/<name>/versions/00000001.json { who, at, revision, sha256 }, one per save
 *
 * Both are created with an exclusive atomic write (a temporary file hard-linked into place), so a
 * crash leaves a version whole or absent, and two writers never take the same number. A version
 * whose file or text is damaged is reported with the others, never thrown on. A save of the text
 * the newest version already holds adds nothing.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkNotebookName } from '../paths';
import { writeFileExclusive } from '../store/atomicWrite';
import { NotFoundError, OutsideNotebooksError, StoreError } from '../store/errors';
import { revisionOf } from '../store/revision';

export const HISTORY_DIR = '.history';

export interface VersionSummary {
	id: number;
	/** The signed-in user's name, "local" without sign-in. */
	who: string;
	/** ISO time of the save. */
	at: string;
	/** The notebook's revision that save wrote. */
	revision: string;
}

export interface Version extends VersionSummary {
	text: string;
}

/** A version that could not be read, by its file name, with why. */
export interface HistoryProblem {
	entry: string;
	message: string;
}

export interface NotebookVersions {
	versions: VersionSummary[];
	problems: HistoryProblem[];
}

interface VersionRecord {
	who: string;
	at: string;
	revision: string;
	sha256: string;
}

const VERSION_FILE = /^(\d{8})\.json$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const versionFile = (id: number) => `${String(id).padStart(8, '0')}.json`;

export class NotebookHistory {
	/** The `.history` folder; created on the first version. */
	readonly root: string;

	constructor(notebooksDir: string) {
		this.root = path.join(path.resolve(notebooksDir), HISTORY_DIR);
	}

	/** Keeps `text` as the newest version of `name`; null when the newest version already has it. */
	async record(name: string, text: string, who: string, at: Date): Promise<VersionSummary | null> {
		const dir = await this.#notebookDir(name, true);
		const hash = sha256(text);
		const ids = await this.#ids(dir);
		const newest = ids.at(-1);
		if (newest !== undefined) {
			const last = await this.#readRecord(dir, newest).catch(() => null);
			if (last?.sha256 === hash) return null;
		}
		await mkdir(path.join(dir, 'texts'), { recursive: true });
		await mkdir(path.join(dir, 'versions'), { recursive: true });
		await writeFileExclusive(path.join(dir, 'texts', `${hash}.md`), text).catch(ignoreExisting);
		const record: VersionRecord = { who, at: at.toISOString(), revision: revisionOf(text), sha256: hash };
		return { id: await this.#appendRecord(dir, record, (newest ?? 0) + 1), who: record.who, at: record.at, revision: record.revision };
	}

	/** The versions of `name`, oldest first, and the entries that could not be read. */
	async list(name: string): Promise<NotebookVersions> {
		const dir = await this.#notebookDir(name, false);
		const versions: VersionSummary[] = [];
		const problems: HistoryProblem[] = [];
		for (const id of await this.#ids(dir)) {
			try {
				const record = await this.#readRecord(dir, id);
				versions.push({ id, who: record.who, at: record.at, revision: record.revision });
			} catch (error) {
				problems.push({ entry: versionFile(id), message: (error as Error).message });
			}
		}
		return { versions, problems };
	}

	/** One version with its text; a damaged one throws CorruptVersionError naming what is wrong. */
	async read(name: string, id: number): Promise<Version> {
		const dir = await this.#notebookDir(name, false);
		let record: VersionRecord;
		try {
			record = await this.#readRecord(dir, id);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`${name} has no version ${id}`);
			throw error;
		}
		let text: string;
		try {
			text = await readFile(path.join(dir, 'texts', `${record.sha256}.md`), 'utf8');
		} catch {
			throw new CorruptVersionError(`version ${id} of ${name}: its text is missing`);
		}
		if (sha256(text) !== record.sha256) throw new CorruptVersionError(`version ${id} of ${name}: its text is damaged (checksum differs)`);
		return { id, who: record.who, at: record.at, revision: record.revision, text };
	}

	async isEmpty(name: string): Promise<boolean> {
		return (await this.#ids(await this.#notebookDir(name, false))).length === 0;
	}

	/**
	 * Carries the history of `from` over to `to` (a rename). When `to` has a history already (a
	 * notebook of that name was deleted), `from`'s versions follow it, renumbered in order.
	 */
	async move(from: string, to: string): Promise<void> {
		const source = await this.#notebookDir(from, false);
		if ((await this.#ids(source)).length === 0) return;
		const target = await this.#notebookDir(to, true);
		if ((await stat(target).catch(() => null)) === null) {
			await rename(source, target);
			return;
		}
		await mkdir(path.join(target, 'texts'), { recursive: true });
		await mkdir(path.join(target, 'versions'), { recursive: true });
		for (const hash of await readdir(path.join(source, 'texts')).catch(() => [] as string[])) {
			const text = await readFile(path.join(source, 'texts', hash), 'utf8');
			await writeFileExclusive(path.join(target, 'texts', hash), text).catch(ignoreExisting);
		}
		let next = ((await this.#ids(target)).at(-1) ?? 0) + 1;
		for (const id of await this.#ids(source)) {
			const bytes = await readFile(path.join(source, 'versions', versionFile(id)), 'utf8');
			next = (await this.#appendRaw(target, bytes, next)) + 1;
		}
		await rm(source, { recursive: true, force: true });
	}

	async #appendRecord(dir: string, record: VersionRecord, first: number): Promise<number> {
		return this.#appendRaw(dir, JSON.stringify(record) + '\n', first);
	}

	/** Writes the next free version number from `first` on; returns the number taken. */
	async #appendRaw(dir: string, bytes: string, first: number): Promise<number> {
		for (let id = first; ; id++) {
			try {
				await writeFileExclusive(path.join(dir, 'versions', versionFile(id)), bytes);
				return id;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
		}
	}

	async #readRecord(dir: string, id: number): Promise<VersionRecord> {
		const text = await readFile(path.join(dir, 'versions', versionFile(id)), 'utf8');
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			throw new CorruptVersionError(`version ${id} is not valid JSON (${(error as Error).message})`);
		}
		const record = value as Partial<VersionRecord> | null;
		if (
			typeof record !== 'object' ||
			record === null ||
			typeof record.who !== 'string' ||
			typeof record.at !== 'string' ||
			typeof record.revision !== 'string' ||
			typeof record.sha256 !== 'string' ||
			!/^[0-9a-f]{64}$/.test(record.sha256)
		)
			throw new CorruptVersionError(`version ${id} lacks who, at, revision or a sha256 of its text`);
		return record as VersionRecord;
	}

	async #ids(dir: string): Promise<number[]> {
		const names = await readdir(path.join(dir, 'versions')).catch(() => [] as string[]);
		return names
			.map((entry) => VERSION_FILE.exec(entry))
			.filter((match): match is RegExpExecArray => match !== null)
			.map((match) => Number(match[1]))
			.sort((a, b) => a - b);
	}

	/**
	 * The folder of `name`'s history. The name is checked as a notebook name (flat, no dots), and a
	 * `.history` planted as a symlink is refused: versions must stay inside the notebooks folder.
	 */
	async #notebookDir(name: string, create: boolean): Promise<string> {
		checkNotebookName(name);
		if (create) await mkdir(this.root, { recursive: true });
		const real = await realpath(this.root).catch(() => null);
		if (real !== null && real !== path.join(await realpath(path.dirname(this.root)), HISTORY_DIR)) throw new OutsideNotebooksError(HISTORY_DIR);
		return path.join(this.root, name);
	}
}

/** A version whose record or text is damaged; 422: the request was fine, that entry is not. */
export class CorruptVersionError extends StoreError {
	constructor(message: string) {
		super(message, 422);
	}
}

function ignoreExisting(error: NodeJS.ErrnoException): void {
	if (error.code !== 'EEXIST') throw error;
}
