/**
 * One live notebook on the server: its shared document, the people connected to it, and the file.
 * Every change is written to the file through the notebook store (atomic write, new revision) a
 * moment after it arrives; a change made to the file by someone else is merged into the document
 * (outsideChange.ts), never overwritten. A file that no longer parses is left alone: writing stops
 * until it parses again, so neither the outside text nor the live edits are lost.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { notebooksEqual, parseNotebook, serializeNotebook, type Notebook } from '$lib/notebook';
import { ConflictError, type NotebookStore } from '$lib/server/store';
import { LOCAL_AUTHOR, withAuthor } from '$lib/server/history/author';
import { mergeOutsideChange } from '$lib/coedit/replayChange';
import { readNotebook, writeNotebook } from '$lib/coedit/sharedNotebook';

/** How long edits gather before a write (a throttle, not a debounce: typing never postpones it), and how often the file is checked for outside changes. */
export const WRITE_DELAY_MS = 150;
export const OUTSIDE_CHECK_MS = 1000;

export class Room {
	readonly doc = new Y.Doc();
	readonly awareness = new Awareness(this.doc);
	/** The file as last read or written, and the document's state that reads as it. */
	#text: string;
	#notebook: Notebook;
	#revision: string;
	#base: Uint8Array;
	#timer: NodeJS.Timeout | undefined;
	#poll: NodeJS.Timeout;
	#writing: Promise<void> = Promise.resolve();
	/** Why writing is paused (the file on disk does not parse), or null. */
	problem: string | null = null;

	private constructor(
		readonly store: NotebookStore,
		readonly name: string,
		text: string,
		revision: string
	) {
		this.#text = text;
		this.#revision = revision;
		this.#notebook = parseNotebook(text, name);
		writeNotebook(this.doc, this.#notebook);
		this.#base = Y.encodeStateAsUpdate(this.doc);
		this.awareness.setLocalState(null); // the server is no participant
		this.doc.on('update', () => this.writeSoon());
		this.#poll = setInterval(() => void this.#serial(() => this.#checkOutside()), OUTSIDE_CHECK_MS);
		this.#poll.unref();
	}

	/** @throws the store's NotFoundError / UnsafeNameError, or NotebookParseError for a file that does not parse. */
	/** Who sent the last edit, for the history's "who" (null: nobody signed in). */
	lastEditor: string | null = null;

	static async open(store: NotebookStore, name: string): Promise<Room> {
		const opened = await store.open(name);
		return new Room(store, name, opened.text, opened.revision);
	}

	get revision(): string {
		return this.#revision;
	}

	/** At most WRITE_DELAY_MS after the first unwritten change, however fast people keep typing. */
	writeSoon(): void {
		if (this.#timer) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			void this.#serial(() => this.#write());
		}, WRITE_DELAY_MS);
	}

	/** Writes what is pending now; resolves when the file holds the document (or writing is paused). */
	async flush(): Promise<void> {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		await this.#serial(() => this.#write());
	}

	async close(): Promise<void> {
		clearInterval(this.#poll);
		await this.flush();
		this.awareness.destroy();
		this.doc.destroy();
	}

	#serial(step: () => Promise<void>): Promise<void> {
		this.#writing = this.#writing.then(step).catch((error) => console.error(`co-editing ${this.name}:`, error));
		return this.#writing;
	}

	async #write(): Promise<void> {
		for (let attempt = 0; attempt < 5; attempt++) {
			if (this.problem) return;
			const notebook = readNotebook(this.doc);
			// Compared as notebooks, not text: a file written by hand in another layout is left as it is until someone edits it.
			if (notebooksEqual(notebook, this.#notebook) && notebook.frontMatterSource === this.#notebook.frontMatterSource) return;
			const text = serializeNotebook(notebook);
			const state = Y.encodeStateAsUpdate(this.doc);
			try {
				// The history names whoever edited last before this write (saves from a socket have no request).
				const saved = await withAuthor(this.lastEditor ?? LOCAL_AUTHOR, () => this.store.save(this.name, text, this.#revision));
				this.#remember(text, notebook, saved.revision, state);
				return;
			} catch (error) {
				if (!(error instanceof ConflictError)) throw error;
				this.#takeOutside(error.text, error.revision);
			}
		}
	}

	async #checkOutside(): Promise<void> {
		const opened = await this.store.open(this.name).catch(() => null);
		if (!opened || opened.revision === this.#revision) return;
		this.#takeOutside(opened.text, opened.revision);
		await this.#write();
	}

	/** Merges the file's new text into the document, or pauses writing when it does not parse. */
	#takeOutside(text: string, revision: string): void {
		let after: Notebook;
		try {
			after = parseNotebook(text, this.name);
		} catch (error) {
			this.problem = `${this.name} was changed outside Tape and no longer parses (${(error as Error).message}); live edits are kept in memory and written once it parses again`;
			console.warn(this.problem);
			return;
		}
		this.problem = null;
		const base = mergeOutsideChange(this.doc, this.#base, this.#notebook, after);
		if (!base) throw new Error(`co-editing ${this.name}: the document lost track of the file`);
		this.#remember(text, after, revision, base);
	}

	#remember(text: string, notebook: Notebook, revision: string, base: Uint8Array): void {
		this.#text = text;
		this.#notebook = notebook;
		this.#revision = revision;
		this.#base = base;
	}
}
