/**
 * Saving one notebook: debounced autosave after edits, explicit save, and the revision check that
 * turns a concurrent save into a conflict for the person to resolve, never a silent overwrite.
 */
import { dropDraft, writeDraft } from './drafts';
import { saveNotebook } from './notebooksApi';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

export interface Conflict {
	/** What is on the server now, and its revision. */
	text: string;
	revision: string;
}

export class Autosave {
	status = $state<SaveStatus>('saved');
	error = $state<string>();
	conflict = $state<Conflict>();
	revision: string;

	#name: string;
	#text: () => string;
	#draft: () => string;
	#delay: number;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#edits = 0;
	#inFlight: Promise<void> | undefined;

	/**
	 * `text` serializes the current document; it may throw (the format refuses some content).
	 * `draft` does too, for the draft kept on every edit (the same text, written quicker).
	 */
	constructor(name: string, revision: string, text: () => string, draft = text, delay = 1000) {
		this.#name = name;
		this.revision = revision;
		this.#text = text;
		this.#draft = draft;
		this.#delay = delay;
	}

	/** Call after every edit. */
	changed() {
		this.#edits++;
		if (this.status !== 'conflict') this.status = 'unsaved';
		const text = this.#serialize(this.#draft);
		if (text !== undefined) writeDraft(this.#name, text, this.revision);
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.save(), this.#delay);
	}

	async save(): Promise<void> {
		clearTimeout(this.#timer);
		if (this.status === 'conflict') return;
		// One save at a time: revisions chain, so the next save must wait for this one's revision.
		if (this.#inFlight) {
			await this.#inFlight;
			if (this.status === 'unsaved') return this.save();
			return;
		}
		this.#inFlight = this.#saveOnce();
		try {
			await this.#inFlight;
		} finally {
			this.#inFlight = undefined;
		}
	}

	async #saveOnce() {
		const text = this.#serialize(this.#text);
		if (text === undefined) return;
		const editsAtStart = this.#edits;
		this.status = 'saving';
		try {
			const result = await saveNotebook(this.#name, text, this.revision);
			if (!result.ok) {
				this.conflict = result.conflict;
				this.status = 'conflict';
				return;
			}
			this.revision = result.revision;
			this.error = undefined;
			if (this.#edits === editsAtStart) {
				this.status = 'saved';
				dropDraft(this.#name);
			} else {
				this.status = 'unsaved';
				this.#timer = setTimeout(() => void this.save(), this.#delay);
			}
		} catch (error) {
			this.status = 'error';
			this.error = (error as Error).message;
		}
	}

	#serialize(write: () => string): string | undefined {
		try {
			return write();
		} catch (error) {
			this.status = 'error';
			this.error = (error as Error).message;
		}
	}

	/** After the person chose how to resolve a conflict, continue from the server's revision. */
	resolved(revision: string) {
		this.revision = revision;
		this.conflict = undefined;
		this.status = 'saved';
		dropDraft(this.#name);
	}

	dispose() {
		clearTimeout(this.#timer);
	}
}
