/**
 * The notebook being edited, as reactive state, with the edits the page offers. Its cells are
 * changed through these methods only (`adopt` for others' edits): the draft, written on every
 * keystroke, reuses the blocks of the file kept for the cells they did not change.
 */
import { joinBlocks, newCellId, serializeNotebook, writtenBlock, type Cell, type CellKind, type CellOptions, type CodeLanguage, type Notebook, type NotebookMeta, type WrittenBlocks } from '$lib/notebook';
import type { CodeCellInput } from '$lib/runtime/types';
import { runtimeCell } from '$lib/runtime/sql-cell';

export class NotebookDocument {
	#notebook = $state<Notebook>({ meta: {}, cells: [] });
	/** Cells deleted on this page, last last, with where they stood: what Undo puts back. */
	removed = $state.raw<{ cell: Cell; index: number }[]>([]);
	/** Told of every edit; `cellId` when only that cell's text or options changed (a live page replays just that cell). */
	#onChange: (cellId?: string) => void;

	constructor(notebook: Notebook, onChange: (cellId?: string) => void) {
		this.notebook = notebook;
		this.#onChange = onChange;
	}

	get notebook(): Notebook {
		return this.#notebook;
	}

	/** Replaces the notebook whole (a draft restored, their version reloaded). */
	set notebook(notebook: Notebook) {
		this.#notebook = notebook;
		this.#written.clear();
		this.#order = undefined;
	}

	// Kept until a cell changes: the cell list asks on every frame that cell states change, and
	// reading 10,000 cells through the notebook's state took a few ms each time.
	readonly #codeCells = $derived(this.notebook.cells.filter((cell) => cell.kind === 'code').map(runtimeCell));

	/** The code cells as the runtime takes them (do not change the list). */
	codeCells(): CodeCellInput[] {
		return this.#codeCells;
	}

	/** Each cell's block of the file, kept between writes; an edit drops its cell's. */
	#written: WrittenBlocks = new Map();
	/** The cells' ids in order, for the draft, until cells come, go or move. */
	#order: string[] | undefined;

	/**
	 * The file's text (saved, shared), each cell's block reused only if the cell reads the same.
	 * Written from the cells' state itself, not a $state.snapshot of it: a snapshot copies each
	 * string through structuredClone, ~250 ms a keystroke in a notebook of 10,000 cells.
	 */
	serialize(): string {
		const { meta, frontMatterSource, cells } = this.notebook;
		const text = serializeNotebook({ meta: $state.snapshot(meta) as NotebookMeta, frontMatterSource, cells }, this.#written);
		this.#order = undefined;
		return text;
	}

	/**
	 * The file's text for the draft, on every keystroke: the blocks kept for the cells no edit
	 * changed, without reading them again (reading every cell through the notebook's state, to
	 * compare, still cost a 10,000-cell notebook tens of ms a key). The next save's `serialize`
	 * reads them all.
	 */
	draft(): string {
		const { meta, frontMatterSource, cells } = this.notebook;
		const order = (this.#order ??= cells.map((cell) => cell.id));
		const blocks = order.map((id, i) => this.#written.get(id) ?? writtenBlock(cells[i], i, this.#written));
		return joinBlocks($state.snapshot(meta) as NotebookMeta, frontMatterSource, blocks);
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
		this.#written.delete(id);
		this.#onChange(id);
	}

	setOption<K extends keyof CellOptions>(id: string, key: K, value: CellOptions[K]) {
		const cell = this.notebook.cells[this.indexOf(id)];
		if (!cell || cell.options[key] === value) return;
		// Absent, not false: keeps the fence info string as short as the file had it.
		if (value) cell.options[key] = value;
		else delete cell.options[key];
		this.#written.delete(id);
		this.#onChange(id);
	}

	/** Inserts an empty cell at `index` (the end when omitted) and returns its id. */
	insert(kind: CellKind, index = this.notebook.cells.length, language?: CodeLanguage): string {
		const id = newCellId();
		this.notebook.cells.splice(index, 0, { id, kind, ...(language ? { language } : {}), source: '', options: {} });
		this.#order = undefined;
		this.#onChange();
		return id;
	}

	remove(id: string) {
		const index = this.indexOf(id);
		if (index < 0) return;
		const [cell] = this.notebook.cells.splice(index, 1);
		this.removed = [...this.removed, { cell: $state.snapshot(cell) as Cell, index }];
		this.#order = undefined;
		this.#onChange();
	}

	/** Puts the last deleted cell back where it was; returns it, or undefined when none is left. */
	undoRemove(): Cell | undefined {
		const last = this.removed.at(-1);
		if (!last) return undefined;
		this.removed = this.removed.slice(0, -1);
		this.notebook.cells.splice(Math.min(last.index, this.notebook.cells.length), 0, last.cell);
		this.#order = undefined;
		this.#written.delete(last.cell.id);
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
		this.#order = undefined;
		this.#onChange();
	}

	/**
	 * Shows the notebook as others edited it (live), without telling #onChange. Cells that are
	 * still the same cells are changed in place, so their editors stay (with the caret).
	 * `changed`: the indices of the only cells that can differ from the page's (someone typed in
	 * them), so a long notebook is not compared whole at every keystroke of another person.
	 */
	adopt(notebook: Notebook, changed?: number[]) {
		const page = this.notebook;
		if (changed && notebook.cells.length === page.cells.length && changed.every((i) => page.cells[i].id === notebook.cells[i].id)) {
			for (const i of changed) this.#adoptCell(page.cells[i], notebook.cells[i]);
			return;
		}
		const sameCells = notebook.cells.length === page.cells.length && notebook.cells.every((cell, i) => cell.id === page.cells[i].id);
		if (!sameCells) {
			this.notebook = notebook;
			return;
		}
		if (JSON.stringify(page.meta) !== JSON.stringify(notebook.meta)) page.meta = notebook.meta;
		// Else the page's next edit, replayed onto the shared document, would put its old YAML back.
		if (page.frontMatterSource !== notebook.frontMatterSource) page.frontMatterSource = notebook.frontMatterSource;
		notebook.cells.forEach((cell, i) => this.#adoptCell(page.cells[i], cell));
	}

	/** Changes what differs of the cell shown (the same cell) to `cell`. */
	#adoptCell(shown: Cell, cell: Cell) {
		const sameOptions = JSON.stringify(shown.options) === JSON.stringify(cell.options);
		if (shown.source === cell.source && shown.kind === cell.kind && shown.language === cell.language && sameOptions) return;
		if (shown.source !== cell.source) shown.source = cell.source;
		if (shown.kind !== cell.kind) shown.kind = cell.kind;
		if (shown.language !== cell.language) shown.language = cell.language;
		if (!sameOptions) shown.options = cell.options;
		this.#written.delete(cell.id);
	}
}
