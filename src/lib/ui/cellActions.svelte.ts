/**
 * What the reader does to cells, from buttons and keys alike: run, run and move on, insert,
 * delete and undo, focus, and write a changed input back as the cell's default. The cell list
 * mounts only cells near the viewport, so focusing a cell asks for it (`wanted`) and the focus
 * happens when its editor registers.
 */
import { untrack } from 'svelte';
import type { CellKind, CodeLanguage } from '$lib/notebook';
import { withInputDefault } from '$lib/runtime/input-defaults';
import { cellCommand } from './cellCommands';
import type { NotebookDocument } from './notebookDocument.svelte';
import type { RuntimeView } from './runtimeView.svelte';

export class CellActions {
	/** A cell to focus once it is on the page; the cell list mounts it. */
	wanted = $state<string>();
	/** Why the last "Save as default" could not write the input's value into its cell. */
	defaultError = $state<string>();
	#doc: NotebookDocument;
	#runtime: RuntimeView;
	#save: () => void;
	#focusers = new Map<string, () => void>();

	/** A viewer's page: cells run, none is added (the server refuses the save anyway). */
	#readOnly: boolean;

	constructor(doc: NotebookDocument, runtime: RuntimeView, save: () => void, readOnly = false) {
		this.#doc = doc;
		this.#runtime = runtime;
		this.#save = save;
		this.#readOnly = readOnly;
	}

	/** For each mounted cell: hands over how to focus it, returns the unregister. */
	register(id: string) {
		return (focus: () => void) => {
			this.#focusers.set(id, focus);
			// Registering runs in the cell's effect, which must not re-run whenever another cell is wanted.
			if (untrack(() => this.wanted) === id) {
				this.wanted = undefined;
				// After the registering component has finished mounting.
				queueMicrotask(focus);
			}
			return () => this.#focusers.delete(id);
		};
	}

	focus(id: string) {
		const focus = this.#focusers.get(id);
		if (focus) focus();
		else this.wanted = id;
	}

	run(id: string) {
		return this.#runtime.run(this.#doc.codeCells(), [id]);
	}

	/** Shift+Enter: on to the next cell, or a new code cell after the last one (as in Jupyter). */
	runAndAdvance(id: string) {
		const cells = this.#doc.notebook.cells;
		const index = this.#doc.indexOf(id);
		if (cells[index]?.kind === 'code') void this.run(id);
		const next = cells[index + 1];
		if (next) this.focus(next.id);
		else this.add('code');
	}

	/** Alt+Enter: run, then a new code cell right below. */
	runAndInsert(id: string) {
		void this.run(id);
		this.add('code', this.#doc.indexOf(id) + 1);
	}

	/** Markdown's Shift+Enter: on to the next cell, if any. */
	advance(id: string) {
		const next = this.#doc.notebook.cells[this.#doc.indexOf(id) + 1];
		if (next) this.focus(next.id);
	}

	add(kind: CellKind, index?: number, language?: CodeLanguage) {
		// The new cell takes the focus once it has registered itself.
		this.wanted = this.#doc.insert(kind, index, language);
	}

	/** A new code cell at the end holding `source` (an example from the library reference), with the caret in it. */
	insertCode(source: string) {
		const id = this.#doc.insert('code');
		this.#doc.setSource(id, source);
		this.wanted = id;
	}

	remove(id: string) {
		this.#doc.remove(id);
		void this.#runtime.update(this.#doc.codeCells());
	}

	undoRemove() {
		const cell = this.#doc.undoRemove();
		if (cell?.kind === 'code') void this.#runtime.run(this.#doc.codeCells(), [cell.id]);
	}

	saveInputDefault(id: string) {
		const change = this.#runtime.inputs[id];
		const cell = this.#doc.notebook.cells[this.#doc.indexOf(id)];
		if (!change?.literal || !cell) return;
		const next = withInputDefault(cell.source, change.literal, change.value);
		if (next instanceof Error) {
			this.defaultError = next.message;
			return;
		}
		this.defaultError = undefined;
		this.#doc.setSource(id, next);
		this.#runtime.forgetInput(id);
	}

	/** The page's keys outside the editors: Ctrl/Cmd+S, and the cell keys of cellCommands.ts. */
	keydown(event: KeyboardEvent) {
		if (event.key === 's' && (event.ctrlKey || event.metaKey)) {
			event.preventDefault();
			this.#save();
			return;
		}
		const asked = cellCommand(event);
		const index = asked ? this.#doc.indexOf(asked.cellId) : -1;
		if (!asked || index < 0) return;
		event.preventDefault();
		if (this.#readOnly && asked.command.startsWith('insert')) return;
		if (asked.command === 'insert-above') this.add('code', index);
		else if (asked.command === 'insert-below') this.add('code', index + 1);
		else if (asked.command === 'run-advance') this.runAndAdvance(asked.cellId);
		else if (this.#doc.notebook.cells[index].kind === 'code') void this.run(asked.cellId);
	}
}
