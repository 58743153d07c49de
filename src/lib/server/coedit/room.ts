/**
 * One live notebook on the server: its shared document, the people connected to it, and the file.
 * Every change is written to the file through the notebook store (atomic write, new revision) a
 * moment after it arrives; a change made to the file by someone else is merged into the document
 * (outsideChange.ts), never overwritten. A file that no longer parses is left alone: writing stops
 * until it parses again, so neither the outside text nor the live edits are lost.
 *
 * The history keeps checkpoints of a live session, not each write (a write every 150 ms of
 * typing would keep thousands of full copies a day): a version when a minute has passed since
 * the room's last one, when the typing pauses for a few seconds, and when the last person leaves,
 * named after everyone who edited since the previous one. A server killed mid-session loses at
 * most the pending checkpoint, never the file.
 *
 * A change on disk that removes cells people edited live here (a `git pull` deleting them, or
 * rewriting and moving them beyond recognition) first keeps the live text as a version, then
 * tells each of those people (typingRemoved): the room knows who by the socket each edit came
 * from, so the others in the room are not bothered.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { notebooksEqual, parseNotebook, serializeNotebook, type Notebook } from '$lib/notebook';
import { ConflictError, type NotebookStore } from '$lib/server/store';
import { LOCAL_AUTHOR, withAuthor, withoutVersion } from '$lib/server/history/author';
import { mergeOutsideChange } from '$lib/coedit/replayChange';
import { cellsByIdOf, cellsOf, readNotebook, tidyOrder, writeNotebook } from '$lib/coedit/sharedNotebook';
import { SharedReading } from '$lib/coedit/sharedReading';
import { cellLabel } from '$lib/coedit/typingRemoved';

/** How long edits gather before a write (a throttle, not a debounce: typing never postpones it), and how often the file is checked for outside changes. */
export const WRITE_DELAY_MS = 150;
export const OUTSIDE_CHECK_MS = 1000;

export interface VersionTiming {
	/** At most this long between two versions while people keep typing. */
	everyMs: number;
	/** A pause in typing this long keeps a version. */
	pauseMs: number;
}
export const VERSION_TIMING: VersionTiming = { everyMs: 60_000, pauseMs: 5_000 };

/** Cells a change on disk removed while people were editing them, and the version that keeps their text. */
export interface RemovedTyping {
	version: number | null;
	/** Each cell by its first line, with the origins (the sockets) of the edits made to it here. */
	cells: { label: string; editors: Set<unknown> }[];
}

export class Room {
	readonly doc = new Y.Doc();
	/** This opening of the room (roomEpoch.ts): a page's reconnect must present it, or join afresh. */
	readonly epoch = randomUUID();
	readonly awareness = new Awareness(this.doc);
	/**
	 * The file as last read or written, and the document's state that reads as it (a copy brought
	 * up to date by each write's difference: encoding a 10,000-cell document whole took ~40 ms).
	 */
	#text: string;
	#notebook: Notebook;
	#revision: string;
	#base = new Y.Doc();
	/** The document as a notebook, kept up to date per edit (a write reads it often, and whole took ~40 ms on 10,000 cells). */
	#reading: SharedReading;
	#timer: NodeJS.Timeout | undefined;
	#poll: NodeJS.Timeout;
	#writing: Promise<void> = Promise.resolve();
	/** Why writing is paused (the file on disk does not parse), or null. */
	problem: string | null = null;
	/** Who edited since the last version kept. */
	#editors = new Set<string>();
	#keptAt = 0;
	/** A text the room wrote and the history has not kept yet. */
	#unkept: string | null = null;
	#pause: NodeJS.Timeout | undefined;
	/** Per cell id, the origins (sockets) of the edits made to it while the room is open. */
	#editedBy = new Map<string, Set<unknown>>();
	/** Told when a change on disk removed cells being edited (the socket tells their editors). */
	readonly typingRemoved = new Set<(removed: RemovedTyping) => void>();

	private constructor(
		readonly store: NotebookStore,
		readonly name: string,
		text: string,
		revision: string,
		readonly timing: VersionTiming
	) {
		this.#text = text;
		this.#revision = revision;
		this.#notebook = parseNotebook(text, name);
		writeNotebook(this.doc, this.#notebook);
		Y.applyUpdate(this.#base, Y.encodeStateAsUpdate(this.doc));
		this.#reading = new SharedReading(this.doc, (id) => id);
		this.awareness.setLocalState(null); // the server is no participant
		this.doc.on('update', () => this.writeSoon());
		this.doc.on('afterTransaction', (transaction: Y.Transaction) => this.#noteEditors(transaction));
		this.#poll = setInterval(() => void this.#serial(() => this.#checkOutside()), OUTSIDE_CHECK_MS);
		this.#poll.unref();
	}

	/** @throws the store's NotFoundError / UnsafeNameError, or NotebookParseError for a file that does not parse. */
	static async open(store: NotebookStore, name: string, timing = VERSION_TIMING): Promise<Room> {
		const opened = await store.open(name);
		return new Room(store, name, opened.text, opened.revision, timing);
	}

	/** Someone (null: nobody signed in) sent an edit: named in the next version. */
	edited(user: string | null): void {
		this.#editors.add(user ?? LOCAL_AUTHOR);
	}

	get revision(): string {
		return this.#revision;
	}

	/** At most WRITE_DELAY_MS after the first unwritten change, however fast people keep typing. */
	writeSoon(): void {
		if (this.#timer) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			// The room is the one peer that tidies the cell order (see tidyOrder); everyone gets the result as an edit.
			tidyOrder(this.doc, this);
			void this.#serial(() => this.#write());
		}, WRITE_DELAY_MS);
	}

	/** Writes what is pending now; resolves when the file holds the document (or writing is paused). */
	async flush(): Promise<void> {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		await this.#serial(() => this.#write());
	}

	/** Writes what is pending and keeps it as a version (the last person left): nothing to keep when nothing changed since. */
	async checkpoint(): Promise<void> {
		await this.flush();
		await this.#serial(() => this.#keepVersion());
	}

	async close(): Promise<void> {
		clearInterval(this.#poll);
		await this.checkpoint();
		clearTimeout(this.#pause);
		this.awareness.destroy();
		this.#reading.dispose();
		this.doc.destroy();
		this.#base.destroy();
	}

	#serial(step: () => Promise<void>): Promise<void> {
		this.#writing = this.#writing.then(step).catch((error) => console.error(`co-editing ${this.name}:`, error));
		return this.#writing;
	}

	async #write(): Promise<void> {
		for (let attempt = 0; attempt < 5; attempt++) {
			if (this.problem) return;
			const notebook = this.#reading.notebook();
			// Compared as notebooks, not text: a file written by hand in another layout is left as it is until someone edits it.
			if (notebooksEqual(notebook, this.#notebook) && notebook.frontMatterSource === this.#notebook.frontMatterSource) return;
			const text = serializeNotebook(notebook);
			const state = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.#base));
			try {
				const due = Date.now() - this.#keptAt >= this.timing.everyMs;
				const save = () => this.store.save(this.name, text, this.#revision);
				// Saves from a socket have no request: the version is named here.
				const saved = await withAuthor(this.#who(), () => (due ? save() : withoutVersion(save)));
				this.#remember(text, notebook, saved.revision, state);
				if (due) this.#kept();
				else this.#unkept = text;
				clearTimeout(this.#pause);
				this.#pause = setTimeout(() => void this.#serial(() => this.#keepVersion()), this.timing.pauseMs);
				this.#pause.unref();
				return;
			} catch (error) {
				if (!(error instanceof ConflictError)) throw error;
				await this.#takeOutside(error.text, error.revision);
			}
		}
	}

	#who(): string {
		return this.#editors.size ? [...this.#editors].join(', ') : LOCAL_AUTHOR;
	}

	#kept(): void {
		this.#keptAt = Date.now();
		this.#unkept = null;
		this.#editors.clear();
	}

	/** Keeps the room's last write as a version, while the file still holds it. */
	async #keepVersion(): Promise<void> {
		if (this.#unkept === null || this.#unkept !== this.#text) return;
		await this.store.history?.record(this.name, this.#unkept, this.#who(), new Date());
		this.#kept();
	}

	async #checkOutside(): Promise<void> {
		const opened = await this.store.open(this.name).catch(() => null);
		if (!opened || opened.revision === this.#revision) return;
		await this.#takeOutside(opened.text, opened.revision);
		await this.#write();
	}

	/** Remembers whose edit touched which cell (the room's own tidying and the file's changes are nobody's). */
	#noteEditors({ origin, changed }: Y.Transaction): void {
		if (origin === this || origin === 'outside') return;
		const byId: unknown = cellsByIdOf(this.doc);
		const note = (id: unknown) => {
			if (typeof id !== 'string') return;
			const editors = this.#editedBy.get(id) ?? new Set();
			this.#editedBy.set(id, editors.add(origin));
		};
		for (const [type, keys] of changed) {
			if (type === byId) keys.forEach(note);
			else {
				let cell: typeof type | null = type;
				while (cell && cell.parent !== byId) cell = cell.parent;
				if (cell instanceof Y.Map) note(cell.get('id'));
			}
		}
	}

	/** Merges the file's new text into the document, or pauses writing when it does not parse. */
	async #takeOutside(text: string, revision: string): Promise<void> {
		let after: Notebook;
		try {
			after = parseNotebook(text, this.name);
		} catch (error) {
			this.problem = `${this.name} was changed outside Tape and no longer parses (${(error as Error).message}); live edits are kept in memory and written once it parses again`;
			console.warn(this.problem);
			return;
		}
		this.problem = null;
		const live = readNotebook(this.doc);
		const merged = mergeOutsideChange(this.doc, Y.encodeStateAsUpdate(this.#base), this.#notebook, after);
		if (!merged) throw new Error(`co-editing ${this.name}: the document lost track of the file`);
		this.#base.destroy();
		this.#base = new Y.Doc();
		this.#remember(text, after, revision, merged.base);
		// The change removed cells people were editing here (it deleted them, or rewrote and
		// moved them): the live text is kept as a version of its own, to compare and restore
		// from, and those people are told where it is.
		const left = new Set(cellsOf(this.doc).map((cell) => String(cell.get('id'))));
		const droppedIds = new Set(merged.dropped.map((cell) => cell.id));
		const removed = live.cells.filter((cell) => !left.has(cell.id) && (this.#editedBy.has(cell.id) || droppedIds.has(cell.id)));
		const editors = removed.map((cell) => this.#editedBy.get(cell.id) ?? new Set<unknown>());
		for (const id of this.#editedBy.keys()) if (!left.has(id)) this.#editedBy.delete(id);
		if (!removed.length) return;
		const who = `${this.#who()} (live, before a change on disk removed ${removed.length === 1 ? 'a cell' : `${removed.length} cells`} being edited)`;
		console.warn(`co-editing ${this.name}: a change on disk removed cells being edited live; their text is kept in the history as "${who}"`);
		const version = await this.#keep(serializeNotebook(live), who);
		const notice: RemovedTyping = { version, cells: removed.map((cell, i) => ({ label: cellLabel(cell.source), editors: editors[i] })) };
		for (const listener of this.typingRemoved) listener(notice);
	}

	/**
	 * Keeps the room's text as it is now as a version, before a page that rejoined replaces cells
	 * the room changed while that page was away (rejoinMerge.ts: the page's text wins; this is the
	 * room's, kept to compare and restore from). Resolves to that version (null without a history),
	 * which the page names in its notice.
	 */
	async keepBeforeRejoin(who: string): Promise<number | null> {
		const text = serializeNotebook(readNotebook(this.doc));
		let version: number | null = null;
		await this.#serial(async () => void (version = await this.#keep(text, `${this.#who()} (live, before ${who} rejoined with offline edits to the same cells)`)));
		return version;
	}

	/** Keeps `text` as a version; its id (the newest, when that holds the text already), or null without a history. */
	async #keep(text: string, who: string): Promise<number | null> {
		const history = this.store.history;
		if (!history) return null;
		const kept = await history.record(this.name, text, who, new Date());
		return kept?.id ?? (await history.list(this.name)).versions.at(-1)?.id ?? null;
	}

	/** `base`: the document's state (or what it gained since the last one) that reads as `text`. */
	#remember(text: string, notebook: Notebook, revision: string, base: Uint8Array): void {
		this.#text = text;
		this.#notebook = notebook;
		this.#revision = revision;
		Y.applyUpdate(this.#base, base);
	}
}
