/**
 * Runs a notebook's code cells: each cell once per run, after the cells it reads from, with the
 * values they defined passed in as parameters. A newer run of a cell makes its older in-flight run
 * stale: the stale run's result is dropped and its `invalidation` promise resolves, so a slow old
 * run never overwrites a newer result.
 */
import { compileCell, locateRuntimeError, CELL_CONTEXT_NAMES, type CompiledCell } from './compile';
import { buildGraph, downstream, type CellGraph } from './graph';
import type { CellError, CellState, CodeCellInput, NotebookRuntime } from './types';

export interface RuntimeOptions {
	/** Names every cell can read without defining them (Plot, aq, loadSeries, …). */
	builtins?: Record<string, unknown>;
	/** Host globals cells may read (Math, fetch, …); defaults to what `globalThis` has. */
	isGlobal?: (name: string) => boolean;
}

type CellFunction = (...args: unknown[]) => Promise<{ value: unknown; defs: Record<string, unknown> }>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => CellFunction;

interface Run {
	version: number;
	/** Resolves true when the run ended with values its readers can use. */
	done: Promise<boolean>;
	invalidate: () => void;
}

export function createRuntime(options: RuntimeOptions = {}): NotebookRuntime {
	const builtins = options.builtins ?? {};
	const isGlobal = options.isGlobal ?? ((name: string) => name in globalThis);
	const context = new Set<string>(CELL_CONTEXT_NAMES);
	const isAvailable = (name: string) => name in builtins || context.has(name) || isGlobal(name);

	let cells: CompiledCell[] = [];
	let graph: CellGraph = buildGraph([], isAvailable);
	const states = new Map<string, CellState>();
	const defs = new Map<string, Record<string, unknown>>();
	const runs = new Map<string, Run>();
	const functions = new Map<string, { key: string; fn: CellFunction }>();
	const listeners = new Set<(state: CellState) => void>();
	let versions = 0;
	let disposed = false;

	const emit = (id: string, patch: Partial<CellState>) => {
		const previous = states.get(id);
		if (!previous) return;
		const next = { ...previous, ...patch };
		states.set(id, next);
		for (const listener of listeners) listener(next);
	};

	function update(inputs: CodeCellInput[]): void {
		const before = new Map(cells.map((c) => [c.id, c]));
		cells = inputs.map(({ id, source }) => {
			const old = before.get(id);
			return old && old.source === source ? old : compileCell(id, source);
		});
		const present = new Set(cells.map((c) => c.id));
		for (const id of before.keys()) {
			if (present.has(id)) continue;
			runs.get(id)?.invalidate();
			runs.delete(id);
			states.delete(id);
			defs.delete(id);
			functions.delete(id);
		}
		graph = buildGraph(cells, isAvailable);
		for (const cell of cells) {
			const state = states.get(cell.id);
			if (!state) {
				states.set(cell.id, {
					id: cell.id,
					status: 'idle',
					defines: cell.defines,
					refs: cell.refs,
					displays: [],
					runs: 0
				});
			} else if (before.get(cell.id) !== cell) {
				emit(cell.id, {
					defines: cell.defines,
					refs: cell.refs,
					status: state.runs > 0 ? 'stale' : 'idle'
				});
			}
		}
	}

	async function run(ids?: string[]): Promise<void> {
		if (disposed) return;
		const targets = downstream(graph, ids ?? graph.ids);
		addUnrunInputs(targets);
		const version = ++versions;
		const ordered = graph.order.filter((id) => targets.has(id));
		for (const id of ordered) {
			runs.get(id)?.invalidate();
			emit(id, { status: 'queued' });
		}
		const started: Promise<boolean>[] = [];
		for (const id of ordered) {
			let invalidate!: () => void;
			const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
			const waitFor = [...graph.inputs.get(id)!].map((input) => runs.get(input)?.done ?? Promise.resolve(defs.has(input)));
			const done = Promise.all(waitFor).then((ok) => execute(id, version, ok, invalidation));
			runs.set(id, { version, done, invalidate });
			started.push(done);
		}
		await Promise.all(started);
	}

	/** Cells upstream of a run that never ran, or whose code changed since, run with it. */
	function addUnrunInputs(targets: Set<string>): void {
		const stack = [...targets];
		while (stack.length) {
			const id = stack.pop()!;
			for (const input of graph.inputs.get(id) ?? []) {
				if (targets.has(input)) continue;
				const status = states.get(input)?.status;
				if (status === 'idle' || status === 'stale' || !defs.has(input)) {
					for (const d of downstream(graph, [input])) targets.add(d);
					stack.push(input);
				}
			}
		}
	}

	async function execute(id: string, version: number, inputsOk: boolean[], invalidation: Promise<void>): Promise<boolean> {
		const isCurrent = () => !disposed && runs.get(id)?.version === version;
		if (!isCurrent()) return false;
		const cell = cells.find((c) => c.id === id)!;
		const graphError = graph.errors.get(id);
		if (graphError) return fail(id, graphError);
		const failedInput = [...graph.inputs.get(id)!].find((_, i) => !inputsOk[i]);
		if (failedInput !== undefined) {
			const position = graph.ids.indexOf(failedInput) + 1;
			const names = cell.refs.filter((n) => graph.definer.get(n) === failedInput);
			return fail(id, {
				kind: 'runtime',
				symbol: names[0],
				message: `cannot run: ${names.map((n) => `\`${n}\``).join(', ') || 'an input'} comes from cell ${position}, which has an error`
			});
		}

		const displays: unknown[] = [];
		const display = (value: unknown) => {
			if (isCurrent()) {
				displays.push(value);
				emit(id, { displays: [...displays] });
			}
			return value;
		};
		const params = cell.refs.filter((name) => graph.definer.has(name) || name in builtins || context.has(name));
		const args = params.map((name) => {
			if (name === 'display') return display;
			if (name === 'invalidation') return invalidation;
			const from = graph.definer.get(name);
			return from !== undefined ? defs.get(from)?.[name] : builtins[name];
		});

		const startedAt = Date.now();
		const runsSoFar = (states.get(id)?.runs ?? 0) + 1;
		emit(id, { status: 'running', startedAt, runs: runsSoFar, displays: [], error: undefined });
		try {
			const result = await cellFunction(cell, params)(...args);
			if (!isCurrent()) return false;
			defs.set(id, result.defs);
			emit(id, { status: 'done', value: result.value, duration: Date.now() - startedAt });
			return true;
		} catch (error) {
			if (!isCurrent()) return false;
			defs.delete(id);
			return fail(id, {
				kind: 'runtime',
				message: error instanceof Error ? `${error.name === 'Error' ? '' : error.name + ': '}${error.message}` : `thrown: ${String(error)}`,
				...locateRuntimeError(error, cell)
			}, Date.now() - startedAt);
		}
	}

	function fail(id: string, error: CellError, duration?: number): false {
		defs.delete(id);
		emit(id, { status: 'error', error, value: undefined, duration });
		return false;
	}

	function cellFunction(cell: CompiledCell, params: string[]): CellFunction {
		const key = `${params.join(',')}\n${cell.body}`;
		const cached = functions.get(cell.id);
		if (cached?.key === key) return cached.fn;
		const fn = new AsyncFunction(...params, cell.body);
		functions.set(cell.id, { key, fn });
		return fn;
	}

	return {
		update,
		run,
		state: (id) => states.get(id),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		dispose() {
			disposed = true;
			for (const r of runs.values()) r.invalidate();
			listeners.clear();
		}
	};
}
