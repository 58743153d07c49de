/** The notebook being edited, as reactive state, with the edits the page offers. */
import { newCellId, serializeNotebook, type Cell, type CellKind, type CellOptions, type CodeLanguage, type Notebook } from '$lib/notebook';
import type { CodeCellInput } from '$lib/runtime/types';
import { runtimeCell } from '$lib/runtime/sql-cell';

export class NotebookDocument {
	notebook = $state<Notebook>({ meta: {}, cells: [] });
	/** Cells deleted on this page, last last, with where they stood: what Undo puts back. */
	removed = $state.raw<{ cell: Cell; index: number }[]>([]);
	/** Told of every edit; `cellId` when only that cell's text or options changed (a live page replays just that cell). */
	#onChange: (cellId?: string) => void;

	constructor(notebook: Notebook, onChange: (cellId?: string) => void) {
		this.notebook = notebook;
		this.#onChange = onChange;
	}

	// Kept until a cell changes: the cell list asks on every frame that cell states change, and
	// reading 10,000 cells through the notebook's state took a few ms each time.
	readonly #codeCells = $derived(this.notebook.cells.filter((cell) => cell.kind === 'code').map(runtimeCell));

	/** The code cells as the runtime takes them (do not change the list). */
	codeCells(): CodeCellInput[] {
		return this.#codeCells;
	}

	serialize(): string {
		return serializeNotebook($state.snapshot(this.notebook) as Notebook);
	}

	/** Sets the front matter's title; an empty one removes it (the first `# heading` or the file name stands in). */
	setTitle(title: string) {
		const next = title.trim();
		if ((this.notebook.meta.title ?? '') === next) return;
		if (next) this.notebook.meta.title = next;
		else delete this.notebook.meta.title;
		this.#onChange();
	}

	indexOf(id: string) {
		return this.notebook.cells.findIndex((cell) => cell.id === id);
	}

	setSource(id: string, source: string) {
		const cell = this.notebook.cells[this.indexOf(id)];
		if (!cell || cell.source === source) return;
		cell.source = source;
		this.#onChange(id);
	}

	setOption<K extends keyof CellOptions>(id: string, key: K, value: CellOptions[K]) {
		const cell = this.notebook.cells[this.indexOf(id)];
		if (!cell || cell.options[key] === value) return;
		// Absent, not false: keeps the fence info string as short as the file had it.
		if (value) cell.options[key] = value;
		else delete cell.options[key];
		this.#onChange(id);
	}

	/** Inserts an empty cell at `index` (the end when omitted) and returns its id. */
	insert(kind: CellKind, index = this.notebook.cells.length, language?: CodeLanguage): string {
		const id = newCellId();
		this.notebook.cells.splice(index, 0, { id, kind, ...(language ? { language } : {}), source: '', options: {} });
		this.#onChange();
		return id;
	}

	remove(id: string) {
		const index = this.indexOf(id);
		if (index < 0) return;
		const [cell] = this.notebook.cells.splice(index, 1);
		this.removed = [...this.removed, { cell: $state.snapshot(cell) as Cell, index }];
		this.#onChange();
	}

	/** Puts the last deleted cell back where it was; returns it, or undefined when none is left. */
	undoRemove(): Cell | undefined {
		const last = this.removed.at(-1);
		if (!last) return undefined;
		this.removed = this.removed.slice(0, -1);
		this.notebook.cells.splice(Math.min(last.index, this.notebook.cells.length), 0, last.cell);
		this.#onChange();
		return last.cell;
	}

	/** The reader has seen the deletions and does not want them back. */
	forgetRemoved() {
		this.removed = [];
	}

	move(id: string, delta: -1 | 1) {
		const from = this.indexOf(id);
		const to = from + delta;
		if (from < 0 || to < 0 || to >= this.notebook.cells.length) return;
		const [cell] = this.notebook.cells.splice(from, 1);
		this.notebook.cells.splice(to, 0, cell);
		this.#onChange();
	}
}
