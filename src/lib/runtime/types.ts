/** The contract between the runtime (no UI) and whoever shows its results (Svelte view, CLI, export). */

export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'stale';

/** Where and what went wrong, in terms of the cell's TypeScript source (1-based line and column). */
export interface CellError {
	message: string;
	/** 'syntax' | 'runtime' | 'graph' (duplicate definition, cycle, undefined name, reassignment). */
	kind: 'syntax' | 'runtime' | 'graph';
	line?: number;
	column?: number;
	/** The name involved, for graph errors. */
	symbol?: string;
}

export interface CellState {
	id: string;
	status: CellStatus;
	/** Names this cell defines at top level / free names it reads (static analysis). */
	defines: string[];
	refs: string[];
	/** The value of the cell's last expression statement (undefined when none). */
	value?: unknown;
	/** Extra outputs added with display(x), in call order, before the value. */
	displays: unknown[];
	/** Things the cell's run repaired or doubts (e.g. rows dropped from a price file), for the reader to see. */
	warnings?: string[];
	error?: CellError;
	/** ms since epoch when the current run started; ms the last run took. */
	startedAt?: number;
	duration?: number;
	/** Increments on every run (used by tests and the UI's run counter). */
	runs: number;
}

export interface CodeCellInput {
	id: string;
	source: string;
}

/**
 * What a view needs from a running notebook. Implemented in-page by `createRuntime` today;
 * the same interface is what an isolated (iframe/worker) implementation will offer.
 */
export interface NotebookRuntime {
	/** Declare the notebook's code cells in page order; recompiles changed sources, does not run. */
	update(cells: CodeCellInput[]): void;
	/** Run these cells and everything that depends on them (all cells when omitted); resolves when settled. */
	run(ids?: string[]): Promise<void>;
	state(id: string): CellState | undefined;
	/** Called whenever a cell's state changes (status, value, displays, error). */
	subscribe(listener: (state: CellState) => void): () => void;
	dispose(): void;
}
