/**
 * Runs a notebook's code cells: each cell once per run, after the cells it reads from, with the
 * values they defined passed in as parameters. The work is split as marimo splits it: the
 * notebook's compiled cells and graph (`notebookGraph.ts`), what runs when (`scheduler.ts`), and
 * running one cell (`execute.ts`); this module puts them together behind `NotebookRuntime`.
 */
import { CELL_CONTEXT_NAMES, type InputDefault } from './compile';
import { CellStates } from './cellStates';
import { CellRunner, stopRun, type Execution } from './execute';
import { NotebookGraph } from './notebookGraph';
import { Scheduler } from './scheduler';
import type { CodeCellInput, NotebookRuntime } from './types';

export { cellScoped, type CellContext } from './execute';

export interface RuntimeOptions {
	/** Names every cell can read without defining them (Plot, aq, loadSeries, …). */
	builtins?: Record<string, unknown>;
	/** Host globals cells may read (Math, fetch, …); defaults to what `globalThis` has. */
	isGlobal?: (name: string) => boolean;
	/**
	 * Awaited after a cell is marked running and before its code starts. The sandboxed frame
	 * yields to its event loop here so the states it posted reach the workspace before a cell
	 * that may never end (whose Stop button needs to know it is running).
	 */
	pace?: (id: string) => Promise<void>;
	/** Told when a reader changes an input shown with view(): which call in the cell, its value, and where its default is written. */
	onInput?: (id: string, change: { index: number; value: unknown; literal: InputDefault | null }) => void;
}

/** A runtime that can also be told which cells not to run (see `hold`). */
export interface HoldingRuntime extends NotebookRuntime {
	/**
	 * Cells not to run, each with the reason shown on it (a cell that was interrupted or ran out of
	 * memory), and through them every cell that reads them, which shows what it waits for. Replaces
	 * the previous hold; a run leaves these cells out until a later hold drops them.
	 */
	hold(held: Record<string, string>): void;
}

export function createRuntime(options: RuntimeOptions = {}): HoldingRuntime {
	const builtins = options.builtins ?? {};
	const notebook = new NotebookGraph(builtins, new Set<string>(CELL_CONTEXT_NAMES), options.isGlobal ?? ((name: string) => name in globalThis));
	const execution: Execution = { states: new CellStates(), defs: new Map(), runs: new Map(), disposed: false };
	const { states, defs, runs } = execution;
	const runner: CellRunner = new CellRunner(execution, {
		builtins,
		pace: options.pace,
		onInput: options.onInput,
		runReaders: (id): Promise<void> => scheduler.runReaders(id)
	});
	const scheduler: Scheduler = new Scheduler(notebook, execution, runner);

	function update(inputs: CodeCellInput[]): void {
		const { removed, changed } = notebook.update(inputs);
		for (const id of removed) {
			stopRun(runs.get(id));
			runs.delete(id);
			states.delete(id);
			defs.delete(id);
		}
		for (const cell of changed) {
			const state = states.get(cell.id);
			if (!state) states.add(cell);
			else states.emit(cell.id, { defines: cell.defines, refs: cell.refs, status: state.runs > 0 ? 'stale' : 'idle' });
		}
	}

	return {
		update,
		run: (ids) => scheduler.run(ids),
		hold: (held) => scheduler.hold(held),
		state: (id) => states.get(id),
		subscribe: (listener) => states.subscribe(listener),
		dispose() {
			execution.disposed = true;
			for (const run of runs.values()) run.invalidate();
			states.unsubscribeAll();
		}
	};
}
