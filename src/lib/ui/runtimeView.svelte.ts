/** The page's window onto the notebook runtime: loads it lazily and mirrors cell states reactively. */
import type { CellState, CodeCellInput, NotebookRuntime } from '$lib/runtime/types';

async function loadRuntime(): Promise<NotebookRuntime> {
	const [{ createRuntime }, { browserBuiltins }] = await Promise.all([
		import('$lib/runtime'),
		import('$lib/runtime/builtins')
	]);
	return createRuntime({ builtins: await browserBuiltins() });
}

export class RuntimeView {
	/** Raw, not deep state: values are DOM nodes and arquero tables that must not be proxied. */
	states = $state.raw<Record<string, CellState>>({});

	#runtime = loadRuntime();
	#unsubscribe: Promise<() => void>;

	constructor() {
		this.#unsubscribe = this.#runtime.then((runtime) =>
			runtime.subscribe((state) => {
				this.states = { ...this.states, [state.id]: state };
			})
		);
	}

	/** Declares the current code cells, then runs `ids` (all cells when omitted). */
	async run(cells: CodeCellInput[], ids?: string[]) {
		const runtime = await this.#runtime;
		runtime.update(cells);
		await runtime.run(ids);
	}

	/** Declares the current code cells without running (e.g. after a delete or a move). */
	async update(cells: CodeCellInput[]) {
		const runtime = await this.#runtime;
		runtime.update(cells);
		const present = new Set(cells.map((cell) => cell.id));
		this.states = Object.fromEntries(Object.entries(this.states).filter(([id]) => present.has(id)));
	}

	async dispose() {
		(await this.#unsubscribe)();
		(await this.#runtime).dispose();
	}
}
