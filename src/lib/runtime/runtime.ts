/**
 * Runs a notebook's code cells: each cell once per run, after the cells it reads from, with the
 * values they defined passed in as parameters. A newer run of a cell makes its older in-flight run
 * stale: the stale run's result is dropped and its `invalidation` promise resolves, so a slow old
 * run never overwrites a newer result.
 *
 * Cells without top-level `await` run synchronously as soon as their inputs are settled, so a
 * change that fans out through plain computations settles without a microtask per cell; a cell
 * that awaits, or whose value or names are promises, makes only its own readers wait.
 */
import { inputValues, isIterator } from './generators';
import { compileCell, locateRuntimeError, CELL_CONTEXT_NAMES, type CompiledCell, type InputDefault } from './compile';
import { buildGraph, downstream, type CellGraph } from './graph';
import type { CellError, CellState, CodeCellInput, NotebookRuntime } from './types';

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

interface CellResult {
	value: unknown;
	defs: Record<string, unknown>;
	/** Generators among the value (name null) and the names, already advanced to their first value. */
	streams?: Stream[];
}
interface Stream {
	name: string | null;
	iterator: AsyncIterator<unknown> | Iterator<unknown>;
}
const noop = () => {};
/** The empty displays and warnings of a fresh run, shared: states are replaced, never changed in place. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** What a cell-scoped builtin is given when a cell that reads it runs. */
export interface CellContext {
	/** Shows a warning on the cell that is running. */
	warn(message: string): void;
}
const CELL_SCOPED = Symbol('tape.cellScoped');
interface CellScoped {
	[CELL_SCOPED]: (context: CellContext) => unknown;
}

/**
 * A builtin made anew for each run of each cell that reads it, so it can speak to that cell,
 * e.g. `loadSeries` reporting repaired rows as warnings on the cell that loaded them.
 */
export function cellScoped<T>(make: (context: CellContext) => T): T {
	return { [CELL_SCOPED]: make } as unknown as T;
}

function isCellScoped(value: unknown): value is CellScoped {
	return !!value && typeof value === 'object' && CELL_SCOPED in value;
}
type CellFunction = (...args: unknown[]) => CellResult | Promise<CellResult>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => CellFunction;

/** true: the cell's names are usable; false: it failed or was superseded. */
type Outcome = boolean | Promise<boolean>;

interface Run {
	version: number;
	outcome: Outcome;
	invalidate: () => void;
	/** Stops what the run left going (generators it is pulling from). */
	cleanups?: (() => void)[];
}

function stopRun(run: Run | undefined): void {
	if (!run) return;
	run.invalidate();
	for (const cleanup of run.cleanups ?? []) cleanup();
	run.cleanups = undefined;
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
	const isGlobal = options.isGlobal ?? ((name: string) => name in globalThis);
	const context = new Set<string>(CELL_CONTEXT_NAMES);
	const isAvailable = (name: string) => name in builtins || context.has(name) || isGlobal(name);

	let cells = new Map<string, CompiledCell>();
	let graph: CellGraph = buildGraph([], isAvailable);
	const states = new Map<string, CellState>();
	const defs = new Map<string, Record<string, unknown>>();
	const runs = new Map<string, Run>();
	const listeners = new Set<(state: CellState) => void>();
	let versions = 0;
	let disposed = false;

	const emit = (id: string, patch: Partial<CellState>) => {
		const previous = states.get(id);
		if (!previous) return;
		const next = patched(previous, patch);
		states.set(id, next);
		for (const listener of listeners) listener(next);
	};

	function update(inputs: CodeCellInput[]): void {
		const before = cells;
		cells = new Map(
			inputs.map(({ id, source }) => {
				const old = before.get(id);
				return [id, old && old.source === source ? old : compileCell(id, source)];
			})
		);
		for (const id of before.keys()) {
			if (cells.has(id)) continue;
			stopRun(runs.get(id));
			runs.delete(id);
			states.delete(id);
			defs.delete(id);
			plans.delete(id);
		}
		if (!sameShape(before, cells)) graph = buildGraph([...cells.values()], isAvailable);
		for (const cell of cells.values()) {
			const state = states.get(cell.id);
			if (!state) {
				states.set(cell.id, { id: cell.id, status: 'idle', defines: cell.defines, refs: cell.refs, displays: [], runs: 0 });
			} else if (before.get(cell.id) !== cell) {
				emit(cell.id, { defines: cell.defines, refs: cell.refs, status: state.runs > 0 ? 'stale' : 'idle' });
			}
		}
	}

	let held = new Map<string, string>();
	let blocked = new Set<string>();
	let blockedGraph = graph;
	function hold(next: Record<string, string>): void {
		held = new Map(Object.entries(next).filter(([id]) => cells.has(id)));
		const before = blocked;
		blocked = blockedBy();
		for (const id of blocked) {
			const message = held.get(id);
			if (message) {
				if (before.has(id) && states.get(id)?.error?.message === message) continue;
				emit(id, { status: 'error', error: { kind: 'runtime', message } });
			} else if (!before.has(id)) {
				const names = cells.get(id)!.refs.filter((name) => blocked.has(graph.definer.get(name) ?? ''));
				emit(id, { status: 'error', error: { kind: 'runtime', symbol: names[0], message: `not run: ${names.map((n) => `\`${n}\``).join(', ') || 'an input'} comes from a cell that was stopped; run that cell first` } });
			}
		}
	}
	function blockedBy(): Set<string> {
		blockedGraph = graph;
		return held.size ? downstream(graph, [...held.keys()].filter((id) => graph.inputs.has(id))) : new Set();
	}

	async function run_(ids?: string[]): Promise<void> {
		if (disposed) return;
		if (blockedGraph !== graph) blocked = blockedBy();
		const ordered = blocked.size ? runOrder(ids).filter((id) => !blocked.has(id)) : runOrder(ids);
		const version = ++versions;
		for (const id of ordered) stopRun(runs.get(id));
		const pending: Promise<boolean>[] = [];
		for (const id of ordered) {
			const plan = planOf(id);
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
				run.outcome = execute(id, version, plan, inputs as boolean[], invalidation);
			} else {
				emit(id, { status: 'queued' });
				run.outcome = Promise.all(inputs).then((ok) => execute(id, version, plan, ok, invalidation));
			}
			if (typeof run.outcome !== 'boolean') {
				// Readers that start later see the settled boolean, not a promise.
				run.outcome.then((ok) => runs.get(id) === run && (run.outcome = ok));
				pending.push(run.outcome);
			}
		}
		if (pending.length) await Promise.all(pending);
	}

	/**
	 * The cells a run of `ids` covers, in dependency order: those cells, their readers, and any
	 * cell upstream that never ran or changed since. The common case (every upstream cell has run)
	 * is remembered per graph, so a slider drag does not walk the graph on every value.
	 */
	const orders = new Map<string, { ordered: string[]; frontier: string[] }>();
	let ordersGraph = graph;
	function runOrder(ids: string[] | undefined): string[] {
		if (ordersGraph !== graph) {
			orders.clear();
			ordersGraph = graph;
		}
		const key = ids ? ids.join('\u0000') : '';
		let known = orders.get(key);
		if (!known) {
			const targets = downstream(graph, ids ?? graph.ids);
			const frontier = new Set<string>();
			for (const id of targets) for (const input of graph.inputs.get(id) ?? []) if (!targets.has(input)) frontier.add(input);
			known = { ordered: graph.order.filter((id) => targets.has(id)), frontier: [...frontier] };
			orders.set(key, known);
		}
		if (known.frontier.every(hasRun)) return known.ordered;
		const targets = new Set(known.ordered);
		addUnrunInputs(targets);
		return graph.order.filter((id) => targets.has(id));
	}

	const hasRun = (id: string) => {
		const status = states.get(id)?.status;
		return status !== 'idle' && status !== 'stale' && defs.has(id);
	};

	/** Cells upstream of a run that never ran, or whose code changed since, run with it. */
	function addUnrunInputs(targets: Set<string>): void {
		const stack = [...targets];
		while (stack.length) {
			const id = stack.pop()!;
			for (const input of graph.inputs.get(id) ?? []) {
				if (targets.has(input) || hasRun(input)) continue;
				for (const d of downstream(graph, [input])) targets.add(d);
				stack.push(input);
			}
		}
	}

	/** What running a cell needs that only changes with its code or the graph, computed once. */
	interface Plan {
		cell: CompiledCell;
		graph: CellGraph;
		inputs: string[];
		params: string[];
		/** Per parameter: the id of the cell defining it, or null for a builtin or a context name. */
		sources: (string | null)[];
		usesInvalidation: boolean;
		usesDisplay: boolean;
		fn?: CellFunction;
	}
	const plans = new Map<string, Plan>();
	function planOf(id: string): Plan {
		const cell = cells.get(id)!;
		const cached = plans.get(id);
		if (cached && cached.cell === cell && cached.graph === graph) return cached;
		const params = cell.refs.filter((name) => graph.definer.has(name) || name in builtins || context.has(name));
		const plan: Plan = {
			cell,
			graph,
			inputs: [...graph.inputs.get(id)!],
			params,
			sources: params.map((name) => (context.has(name) ? null : (graph.definer.get(name) ?? null))),
			usesInvalidation: params.includes('invalidation'),
			usesDisplay: params.includes('display') || params.includes('view')
		};
		plans.set(id, plan);
		return plan;
	}

	const isCurrent = (id: string, version: number) => !disposed && runs.get(id)?.version === version;

	function execute(id: string, version: number, plan: Plan, inputsOk: boolean[], invalidation: Promise<void> | undefined): Outcome {
		if (!isCurrent(id, version)) return false;
		const { cell, params, sources, graph } = plan;
		const graphError = graph.errors.get(id);
		if (graphError) return fail(id, graphError);
		for (let i = 0; i < inputsOk.length; i++) if (!inputsOk[i]) return failedInput(id, plan, plan.inputs[i]);

		const display = plan.usesDisplay ? displayFor(id, version) : undefined;
		const args = new Array<unknown>(params.length);
		for (let i = 0; i < params.length; i++) {
			const from = sources[i];
			if (from !== null) {
				args[i] = defs.get(from)?.[params[i]];
				continue;
			}
			const name = params[i];
			if (name === 'display') args[i] = display;
			else if (name === 'invalidation') args[i] = invalidation;
			else if (name === 'view') args[i] = viewFor(id, cell, display!);
			else {
				const builtin = builtins[name];
				args[i] = isCellScoped(builtin) ? builtin[CELL_SCOPED]({ warn: warnFor(id, version) }) : builtin;
			}
		}
		const startedAt = Date.now();
		emit(id, { status: 'running', startedAt, runs: (states.get(id)?.runs ?? 0) + 1, displays: NONE, warnings: NONE, error: undefined });
		if (options.pace) return options.pace(id).then(() => invoke(id, version, plan, args, startedAt));
		return invoke(id, version, plan, args, startedAt);
	}

	function failedInput(id: string, { cell, graph }: Plan, input: string): false {
		const position = graph.ids.indexOf(input) + 1;
		// In the order the failed cell defines them, as its author wrote them.
		const names = [...graph.definer].filter(([n, by]) => by === input && cell.refs.includes(n)).map(([n]) => n);
		return fail(id, {
			kind: 'runtime',
			symbol: names[0],
			message: `cannot run: ${inputsFrom(names)} from cell ${position}, which failed`
		});
	}

	function invoke(id: string, version: number, plan: Plan, args: unknown[], startedAt: number): Outcome {
		if (!isCurrent(id, version)) return false;
		const { cell, params } = plan;
		try {
			plan.fn ??= cell.isAsync ? new AsyncFunction(...params, cell.body) : (new Function(...params, cell.body) as CellFunction);
			const result = plan.fn(...args);
			if (result instanceof Promise || hasPromises(result)) {
				return settle(result).then(
					(settled) => succeed(id, version, settled, startedAt),
					(error) => failRun(id, version, error, startedAt)
				);
			}
			return succeed(id, version, result, startedAt);
		} catch (error) {
			return failRun(id, version, error, startedAt);
		}
	}

	/** view(input): shows the input, follows its values, and reports changes a reader makes. */
	function viewFor(id: string, cell: CompiledCell, display: (value: unknown) => unknown) {
		let calls = 0;
		return (input: EventTarget & { value: unknown }) => {
			const index = calls++;
			display(input);
			if (options.onInput) {
				const literal = cell.viewDefaults[index] ?? null;
				input.addEventListener('input', () => options.onInput!(id, { index, value: input.value, literal }));
			}
			return inputValues(input);
		};
	}

	function displayFor(id: string, version: number) {
		const displays: unknown[] = [];
		return (value: unknown) => {
			if (isCurrent(id, version)) {
				displays.push(value);
				emit(id, { displays: [...displays] });
			}
			return value;
		};
	}

	function warnFor(id: string, version: number) {
		return (message: string) => {
			if (isCurrent(id, version)) emit(id, { warnings: [...(states.get(id)?.warnings ?? []), message] });
		};
	}

	function succeed(id: string, version: number, result: CellResult, startedAt: number): boolean {
		if (!isCurrent(id, version)) {
			for (const { iterator } of result.streams ?? []) void iterator.return?.();
			return false;
		}
		defs.set(id, result.defs);
		emit(id, { status: 'done', value: result.value, duration: Date.now() - startedAt });
		if (result.streams?.length) follow(id, version, result.streams);
		return true;
	}

	/** Pulls each generator's next values; every new value of a name re-runs the cells that read it. */
	function follow(id: string, version: number, streams: Stream[]): void {
		const run = runs.get(id)!;
		run.cleanups = streams.map(({ iterator }) => () => void iterator.return?.());
		for (const { name, iterator } of streams) {
			void (async () => {
				try {
					for (;;) {
						// One value per frame at most, as Observable does: an endless generator must not starve the page.
						await nextFrame();
						if (!isCurrent(id, version)) return;
						const next = await iterator.next();
						if (next.done || !isCurrent(id, version)) return;
						const value = await next.value;
						if (!isCurrent(id, version)) return;
						if (name === null) {
							emit(id, { value });
							continue;
						}
						defs.set(id, { ...defs.get(id), [name]: value });
						// The readers finish with this value before the next one is pulled.
						await run_([...graph.outputs.get(id)!]);
					}
				} catch (error) {
					failRun(id, version, error, Date.now());
				}
			})();
		}
	}

	function failRun(id: string, version: number, error: unknown, startedAt: number): boolean {
		if (!isCurrent(id, version)) return false;
		const where = locateRuntimeError(error, cells.get(id)!);
		return fail(id, { kind: 'runtime', message: errorMessage(error), ...where }, Date.now() - startedAt);
	}

	function fail(id: string, error: CellError, duration?: number): false {
		defs.delete(id);
		emit(id, { status: 'error', error, value: undefined, duration });
		return false;
	}

	return {
		update,
		run: run_,
		hold,
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

/**
 * A new state with the patch applied, spelled out field by field: a fixed object shape keeps
 * this hot path (three states per cell per run) several times faster than object spread.
 */
function patched(p: CellState, patch: Partial<CellState>): CellState {
	return {
		id: p.id,
		status: patch.status ?? p.status,
		defines: patch.defines ?? p.defines,
		refs: patch.refs ?? p.refs,
		value: 'value' in patch ? patch.value : p.value,
		displays: patch.displays ?? p.displays,
		warnings: patch.warnings ?? p.warnings,
		error: 'error' in patch ? patch.error : p.error,
		startedAt: patch.startedAt ?? p.startedAt,
		duration: 'duration' in patch ? patch.duration : p.duration,
		runs: patch.runs ?? p.runs
	};
}

/** The graph only changes when some cell's names, reads or compile error change. */
function sameShape(a: Map<string, CompiledCell>, b: Map<string, CompiledCell>): boolean {
	if (a.size !== b.size) return false;
	const ai = a.keys();
	for (const [id, cell] of b) {
		if (ai.next().value !== id) return false;
		const old = a.get(id)!;
		if (old === cell) continue;
		if (
			!sameList(old.defines, cell.defines) ||
			!sameList(old.refs, cell.refs) ||
			!sameList(old.assigns, cell.assigns) ||
			old.error !== undefined ||
			cell.error !== undefined
		)
			return false;
	}
	return true;
}

function sameList(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

function nextFrame(): Promise<void> {
	return new Promise((resolve) =>
		typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 0)
	);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return !!value && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}

function hasPromises(result: CellResult): boolean {
	if (later(result.value)) return true;
	for (const name in result.defs) if (later(result.defs[name])) return true;
	return false;
}

function later(value: unknown): boolean {
	// Numbers and strings, most cells' values, are settled without a look at their properties.
	if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
	return isThenable(value) || isIterator(value);
}

/**
 * A cell's value and names that are promises resolve before readers see them, and generators
 * give their first value, as in Observable; the generators are kept to follow afterwards.
 */
async function settle(result: CellResult | Promise<CellResult>): Promise<CellResult> {
	const { value, defs } = await result;
	const names = Object.keys(defs);
	const streams: Stream[] = [];
	const first = async (name: string | null, v: unknown) => {
		if (!isIterator(v)) return v;
		streams.push({ name, iterator: v });
		const next = await v.next();
		return next.done ? undefined : await next.value;
	};
	const [settledValue, ...settledDefs] = await Promise.all([first(null, value), ...names.map((n) => first(n, defs[n]))]);
	return { value: settledValue, defs: Object.fromEntries(names.map((n, i) => [n, settledDefs[i]])), streams };
}

function errorMessage(error: unknown): string {
	if (error instanceof Error) return `${error.name === 'Error' ? '' : error.name + ': '}${error.message}`;
	return `thrown: ${String(error)}`;
}

/** "`a` comes", "`a` and `b` come", "`a`, `b` and `c` come": the inputs a failed cell defines. */
function inputsFrom(names: string[]): string {
	if (names.length === 0) return 'an input comes';
	const quoted = names.map((n) => `\`${n}\``);
	const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
	return `${list} ${names.length === 1 ? 'comes' : 'come'}`;
}
