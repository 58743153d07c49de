/**
 * What runs when: a run covers the asked cells and their readers, each once, after its inputs.
 * A cell whose inputs are already settled runs synchronously, so a change that fans out through
 * plain computations settles without a microtask per cell; a cell that awaits, or whose value or
 * names are promises, makes only its own readers wait. Held cells (and their readers) are left out.
 */
import { downstream, type CellGraph } from './graph';
import { stopRun, type CellRunner, type Execution, type Outcome, type Run } from './execute';
import type { NotebookGraph } from './notebookGraph';

const noop = () => {};

export class Scheduler {
	#notebook: NotebookGraph;
	#x: Execution;
	#runner: CellRunner;
	#versions = 0;
	#held = new Map<string, string>();
	#blocked = new Set<string>();
	#blockedGraph: CellGraph;

	constructor(notebook: NotebookGraph, execution: Execution, runner: CellRunner) {
		this.#notebook = notebook;
		this.#x = execution;
		this.#runner = runner;
		this.#blockedGraph = notebook.graph;
	}

	async run(ids?: string[]): Promise<void> {
		const { runs, defs, states } = this.#x;
		if (this.#x.disposed) return;
		if (this.#blockedGraph !== this.#notebook.graph) this.#blocked = this.#blockedBy();
		const blocked = this.#blocked;
		const all = this.#notebook.order(ids, this.#hasRun);
		const ordered = blocked.size ? all.filter((id) => !blocked.has(id)) : all;
		const version = ++this.#versions;
		for (const id of ordered) stopRun(runs.get(id));
		const pending: Promise<boolean>[] = [];
		for (const id of ordered) {
			const plan = this.#notebook.plan(id);
			let invalidate = noop;
			// Only cells that read `invalidation` pay for a promise per run.
			const invalidation = plan.usesInvalidation ? new Promise<void>((resolve) => (invalidate = resolve)) : undefined;
			const run: Run = { version, outcome: false, invalidate };
			runs.set(id, run);
			let sync = true;
			const inputs = new Array<Outcome>(plan.inputs.length);
			for (let i = 0; i < inputs.length; i++) {
				const input = plan.inputs[i];
				const outcome = runs.get(input)?.outcome ?? defs.has(input);
				if (typeof outcome !== 'boolean') sync = false;
				inputs[i] = outcome;
			}
			if (sync) {
				// Runs now, before anything else can look: no need to show it queued first.
				run.outcome = this.#runner.execute(id, version, plan, inputs as boolean[], invalidation);
			} else {
				states.emit(id, { status: 'queued' });
				run.outcome = Promise.all(inputs).then((ok) => this.#runner.execute(id, version, plan, ok, invalidation));
			}
			if (typeof run.outcome !== 'boolean') {
				// Readers that start later see the settled boolean, not a promise.
				run.outcome.then((ok) => runs.get(id) === run && (run.outcome = ok));
				pending.push(run.outcome);
			}
		}
		if (pending.length) await Promise.all(pending);
	}

	/** The cells that read `id`'s names, run for a new value of one of them. */
	runReaders(id: string): Promise<void> {
		return this.run([...this.#notebook.graph.outputs.get(id)!]);
	}

	/** See HoldingRuntime.hold. */
	hold(next: Record<string, string>): void {
		const { cells, graph } = this.#notebook;
		const states = this.#x.states;
		this.#held = new Map(Object.entries(next).filter(([id]) => cells.has(id)));
		const before = this.#blocked;
		const blocked = (this.#blocked = this.#blockedBy());
		for (const id of blocked) {
			const message = this.#held.get(id);
			if (message) {
				if (before.has(id) && states.get(id)?.error?.message === message) continue;
				states.emit(id, { status: 'error', error: { kind: 'runtime', message } });
			} else if (!before.has(id)) {
				const names = cells.get(id)!.refs.filter((name) => blocked.has(graph.definer.get(name) ?? ''));
				states.emit(id, { status: 'error', error: { kind: 'runtime', symbol: names[0], message: `not run: ${names.map((n) => `\`${n}\``).join(', ') || 'an input'} comes from a cell that was stopped; run that cell first` } });
			}
		}
	}

	#blockedBy(): Set<string> {
		const graph = (this.#blockedGraph = this.#notebook.graph);
		const held = this.#held;
		return held.size ? downstream(graph, [...held.keys()].filter((id) => graph.inputs.has(id))) : new Set();
	}

	/** Upstream cells that have run and still hold their names need not run again. */
	#hasRun = (id: string) => {
		const status = this.#x.states.get(id)?.status;
		return status !== 'idle' && status !== 'stale' && this.#x.defs.has(id);
	};
}
