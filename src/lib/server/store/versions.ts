/** The store's side of a notebook's history: every text it writes becomes a version. */
import { stat } from 'node:fs/promises';
import type { NotebookHistory } from '../history/notebookHistory';
import { currentAuthor, versionWanted } from '../history/author';

/** The author of a notebook's text from before its history began. */
export const BEFORE_HISTORY = 'before history';

export class VersionKeeper {
	constructor(
		readonly history: NotebookHistory | undefined,
		private readonly now: () => Date
	) {}

	/**
	 * Records a text just written as a version, by whoever the request is from. The notebook is
	 * already saved then: a history that cannot be written is logged, and the save stands.
	 */
	async keep(name: string, text: string): Promise<void> {
		if (!versionWanted()) return;
		await this.history?.record(name, text, currentAuthor(), this.now()).catch((error) => console.error(`no version kept of ${name}:`, error));
	}

	/** A notebook saved before it had a history: its text on disk becomes the first version. */
	async keepFirst(name: string, text: string, file: string): Promise<void> {
		if (!this.history || !(await this.history.isEmpty(name).catch(() => false))) return;
		const modified = (await stat(file).catch(() => null))?.mtime ?? this.now();
		await this.history.record(name, text, BEFORE_HISTORY, modified).catch((error) => console.error(`no version kept of ${name}:`, error));
	}

	/** Carries a notebook's history to its new name; a failure is logged, the move stands. */
	async move(from: string, to: string): Promise<void> {
		await this.history?.move(from, to).catch((error) => console.error(`history of ${from} not carried to ${to}:`, error));
	}
}
