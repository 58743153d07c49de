/**
 * One open notebook file: its parsed document, its saving (autosave, conflicts with someone else's
 * save) and the draft this browser kept of unsaved edits. A file that does not parse is kept as
 * it is and never saved, so the reader can see where it is broken without losing it.
 */
import { goto } from '$app/navigation';
import { NotebookParseError, parseNotebook, titleOf, type Cell, type Notebook } from '$lib/notebook';
import { Autosave } from './autosave.svelte';
import type { LiveNotebook } from './liveNotebook.svelte';
import { dropDraft, readDraft, type Draft } from './drafts';
import { NotebookDocument } from './notebookDocument.svelte';
import { ApiError, createNotebook, type NotebookFile } from './notebooksApi';

export type Parsed = { notebook: Notebook } | { error: NotebookParseError };

export class NotebookSession {
	readonly name: string;
	readonly text: string;
	readonly revision: string;
	readonly loaded: Parsed;
	readonly saver: Autosave;
	readonly doc: NotebookDocument;
	/** Unsaved edits this browser kept from an earlier visit, offered until restored or discarded. */
	offeredDraft = $state<Draft>();
	readonly title = $derived.by(() => titleOf(this.doc.notebook, this.name));
	// A cell the format cannot write yet (the save reports why) must not break the page.
	readonly shareText = $derived.by(() => {
		try {
			return this.doc.serialize();
		} catch {
			return '';
		}
	});
	/** Called with the document after it was replaced as a whole (a draft restored, their version reloaded). */
	#onReplaced: () => void;
	/** Called once the page shows the live room's notebook (cells the room changed meanwhile need running). */
	#onJoined: () => void;
	/** A viewer's: shown and run, never saved (a folded cell stays a local change). */
	readonly readOnly: boolean;
	/** Set while editing live with others: edits go to the shared document, and the server saves. */
	live = $state<LiveNotebook>();

	constructor({ name, text, revision }: NotebookFile, onReplaced: () => void, readOnly = false, onJoined: () => void = onReplaced) {
		this.name = name;
		this.text = text;
		this.revision = revision;
		this.#onReplaced = onReplaced;
		this.#onJoined = onJoined;
		this.readOnly = readOnly;
		this.loaded = this.#parse(text);
		this.saver = new Autosave(name, revision, () => this.doc.serialize(), () => this.doc.draft());
		this.doc = new NotebookDocument('notebook' in this.loaded ? this.loaded.notebook : { meta: {}, cells: [] }, (cellId) => {
			if (this.live?.active) this.live.changed(cellId);
			else if (!readOnly) this.saver.changed();
		});
		const draft = readOnly ? undefined : readDraft(name);
		this.offeredDraft = draft && draft.text !== text ? draft : undefined;
	}

	/** The page's notebook as plain data. */
	current(): Notebook {
		return this.doc.plain();
	}

	/** The page's cell at `index` now (a snapshot), if any. */
	cellAt(index: number): Cell | undefined {
		const cell = this.doc.notebook.cells[index];
		return cell && ($state.snapshot(cell) as Cell);
	}

	/** Saves what is not saved yet (before live editing takes over saving). */
	async flush(): Promise<void> {
		if (!this.readOnly && this.saver.status !== 'saved') await this.saver.save();
	}

	/** Live editing can start from a saved state, not from a conflict or a failed save. */
	get canGoLive(): boolean {
		return this.editable && !this.live && (this.readOnly || this.saver.status === 'saved' || this.saver.status === 'unsaved' || this.saver.status === 'saving');
	}

	/** Joins the others editing this notebook live, as `me` (loaded on demand: most pages never do). */
	async goLive(me: string): Promise<void> {
		if (!this.canGoLive) return;
		const { LiveNotebook } = await import('./liveNotebook.svelte');
		this.live ??= new LiveNotebook(this, me);
	}

	/** The file parsed, so its cells are shown and run. */
	get editable(): boolean {
		return 'notebook' in this.loaded;
	}

	/** The reader may change and save it: it parsed, and they are not a viewer. */
	get writable(): boolean {
		return this.editable && !this.readOnly;
	}

	#parse(source: string): Parsed {
		try {
			return { notebook: parseNotebook(source, this.name) };
		} catch (error) {
			if (error instanceof NotebookParseError) return { error };
			throw error;
		}
	}

	save() {
		if (this.readOnly || this.live?.active) return;
		void this.saver.save();
	}

	#replaceWith(source: string): boolean {
		const parsed = this.#parse(source);
		if (!('notebook' in parsed)) return false;
		this.doc.notebook = parsed.notebook;
		this.#onReplaced();
		return true;
	}

	reloadTheirs() {
		const conflict = this.saver.conflict;
		if (!conflict) return;
		this.saver.resolved(conflict.revision);
		this.#replaceWith(conflict.text);
	}

	async keepMineAsCopy() {
		const mine = this.doc.serialize();
		const stem = this.name.replace(/\.md$/, '');
		for (let n = 1; n < 100; n++) {
			const copy = `${stem}-mine${n > 1 ? `-${n}` : ''}.md`;
			try {
				await createNotebook(copy, mine);
			} catch (error) {
				if (error instanceof ApiError && error.status === 409) continue;
				this.saver.error = (error as Error).message;
				return;
			}
			// The original stays as the other person saved it; carry on editing in the copy.
			this.saver.resolved(this.saver.conflict?.revision ?? this.revision);
			await goto(`/nb/${encodeURIComponent(copy)}`);
			return;
		}
	}

	restoreDraft() {
		// Live (a team server joins at once), the draft goes to the shared document, not to a save of its own.
		if (this.offeredDraft && this.#replaceWith(this.offeredDraft.text)) {
			if (this.live?.active) this.live.changed();
			else this.saver.changed();
		}
		this.offeredDraft = undefined;
	}

	discardDraft() {
		dropDraft(this.name);
		this.offeredDraft = undefined;
	}

	/**
	 * The shared document's notebook, shown on the page. Cells that are still the same cells are
	 * changed in place, so their editors stay (with the caret); `joined`: the page just joined.
	 * `changed`: the indices of the only cells that can differ from the page's (someone typed in
	 * them), so a long notebook is not compared whole at every keystroke of another person.
	 */
	showShared(notebook: Notebook, joined: boolean, changed?: number[]) {
		this.doc.adopt(notebook, changed);
		if (joined) this.#onJoined();
	}

	/** Leaving the page: what is not saved yet is saved now (by the server, when live). */
	close() {
		if (!this.readOnly && !this.live?.active && this.saver.status === 'unsaved') void this.saver.save();
		this.saver.dispose();
		this.live?.dispose();
	}
}
