/** The notebook being edited, as reactive state, with the edits the page offers. */
import { newCellId, serializeNotebook, type Cell, type CellKind, type CellOptions, type CodeLanguage, type Notebook, type NotebookMeta, type WrittenBlocks } from '$lib/notebook';
import type { CodeCellInput } from '$lib/runtime/types';
import { runtimeCell } from '$lib/runtime/sql-cell';

export class NotebookDocument {
	notebook = $state<Notebook>({ meta: {}, cells: [] });
	/** Cells deleted on this page, last last, with where they stood: what Undo puts back. */
	removed = $state.raw<{ cell: Cell; index: number }[]>([]);
	#onChange: () => void;

	constructor(notebook: Notebook, onChange: () => void) {
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

	/** Each cell's block of the file, kept between writes (the draft writes the file on every keystroke). */
	#written: WrittenBlocks = new Map();

	/**
	 * The file's text. Written from the cells' state itself, not a $state.snapshot of it: a snapshot
	 * copies each string through structuredClone, ~250 ms a keystroke in a notebook of 10,000 cells.
	 */
	serialize(): string {
		const { meta, frontMatterSource, cells } = this.notebook;
		return serializeNotebook({ meta: $state.snapshot(meta) as NotebookMeta, frontMatterSource, cells }, this.#written);
	}

	/** A plain copy of the notebook, as $state.snapshot makes it but without copying each string (see serialize): live editing sends it on every keystroke. */
	plain(): Notebook {
		const cells = this.notebook.cells.map((cell) => ({ ...cell, options: $state.snapshot(cell.options) as CellOptions }));
		return { ...this.notebook, meta: $state.snapshot(this.notebook.meta) as NotebookMeta, cells };
	}

	/** Sets the front matter's title; an empty one removes it (the first `# heading` or the file name stands in). */
	setTitle(title: string) {
		const next = title.trim();
		if ((this.notebook.meta.title ?? '') === next) return;
		if (next) this.notebook.meta.title = next;
		else delete this.notebook.meta.title;
		this.#onChange();
	}

	/** Where each cell was when last looked for, checked on use (cells move): each keystroke looks its cell up. */
	#places = new Map<string, number>();

	indexOf(id: string) {
		const cells = this.notebook.cells;
		const at = this.#places.get(id);
		if (at !== undefined && cells[at]?.id === id) return at;
		this.#places = new Map(cells.map((cell, i) => [cell.id, i]));
		return this.#places.get(id) ?? -1;
	}

	setSource(id: string, source: string) {
		const cell = this.notebook.cells[this.indexOf(id)];
		if (!cell || cell.source === source) return;
		cell.source = source;
		this.#onChange();
	}

	setOption<K extends keyof CellOptions>(id: string, key: K, value: CellOptions[K]) {
		const cell = this.notebook.cells[this.indexOf(id)];
		if (!cell || cell.options[key] === value) return;
		// Absent, not false: keeps the fence info string as short as the file had it.
		if (value) cell.options[key] = value;
		else delete cell.options[key];
		this.#onChange();
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
