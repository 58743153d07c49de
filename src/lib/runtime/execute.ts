/**
 * Running one cell: its arguments gathered from the cells and builtins it reads, its result
 * settled (promises awaited, generators advanced to their first value and then followed), and
 * its state told. Each run carries a version: whatever a run finishes after a newer run of the
 * same cell has started is dropped, so a slow old run never overwrites a newer result.
 */
import { inputValues, isIterator } from './generators';
import { locateRuntimeError, type CompiledCell, type InputDefault } from './compile';
import type { CellStates } from './cellStates';
import type { Plan } from './notebookGraph';
import type { CellError } from './types';

/** true: the cell's names are usable; false: it failed or was superseded. */
export type Outcome = boolean | Promise<boolean>;

export interface Run {
	version: number;
	outcome: Outcome;
	invalidate: () => void;
	/** Stops what the run left going (generators it is pulling from). */
	cleanups?: (() => void)[];
}

export function stopRun(run: Run | undefined): void {
	if (!run) return;
	run.invalidate();
	for (const cleanup of run.cleanups ?? []) cleanup();
	run.cleanups = undefined;
}

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
type CellFunction = (...args: unknown[]) => CellResult | Promise<CellResult>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => CellFunction;

/** The empty displays and warnings of a fresh run, shared: states are replaced, never changed in place. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** What the runner shares with the scheduler: the notebook's state as it runs. */
export interface Execution {
	states: CellStates;
	/** The names each cell defined on its last successful run. */
	defs: Map<string, Record<string, unknown>>;
	/** Each cell's latest run. */
	runs: Map<string, Run>;
	disposed: boolean;
}

export interface RunnerOptions {
	builtins: Record<string, unknown>;
	pace?: (id: string) => Promise<void>;
	onInput?: (id: string, change: { index: number; value: unknown; literal: InputDefault | null }) => void;
	/** Runs the cells that read the cell's names, for each new value of a generator it defines. */
	runReaders: (id: string) => Promise<void>;
}

export class CellRunner {
	#x: Execution;
	#options: RunnerOptions;

	constructor(execution: Execution, options: RunnerOptions) {
		this.#x = execution;
		this.#options = options;
	}

	#isCurrent(id: string, version: number): boolean {
		return !this.#x.disposed && this.#x.runs.get(id)?.version === version;
	}

	/** Runs the cell once its inputs are settled; `inputsOk[i]` tells whether `plan.inputs[i]` succeeded. */
	execute(id: string, version: number, plan: Plan, inputsOk: boolean[], invalidation: Promise<void> | undefined): Outcome {
		if (!this.#isCurrent(id, version)) return false;
		const { cell, params, sources, graph } = plan;
		const graphError = graph.errors.get(id);
		if (graphError) return this.#fail(id, graphError);
		for (let i = 0; i < inputsOk.length; i++) if (!inputsOk[i]) return this.#failedInput(id, plan, plan.inputs[i]);

		const { states, defs } = this.#x;
		const builtins = this.#options.builtins;
		const display = plan.usesDisplay ? this.#displayFor(id, version) : undefined;
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
			else if (name === 'view') args[i] = this.#viewFor(id, cell, display!);
			else {
				const builtin = builtins[name];
				args[i] = isCellScoped(builtin) ? builtin[CELL_SCOPED]({ warn: this.#warnFor(id, version) }) : builtin;
			}
		}
		const startedAt = Date.now();
		states.emit(id, { status: 'running', startedAt, runs: (states.get(id)?.runs ?? 0) + 1, displays: NONE, warnings: NONE, error: undefined });
		const pace = this.#options.pace;
		if (pace) return pace(id).then(() => this.#invoke(id, version, plan, args, startedAt));
		return this.#invoke(id, version, plan, args, startedAt);
	}

	#failedInput(id: string, { cell, graph }: Plan, input: string): false {
		const position = graph.ids.indexOf(input) + 1;
		// In the order the failed cell defines them, as its author wrote them.
		const names = [...graph.definer].filter(([n, by]) => by === input && cell.refs.includes(n)).map(([n]) => n);
		return this.#fail(id, {
			kind: 'runtime',
			symbol: names[0],
			message: `cannot run: ${inputsFrom(names)} from cell ${position}, which failed`
		});
	}

	#invoke(id: string, version: number, plan: Plan, args: unknown[], startedAt: number): Outcome {
		if (!this.#isCurrent(id, version)) return false;
		const { cell, params } = plan;
		try {
			plan.fn ??= cell.isAsync ? new AsyncFunction(...params, cell.body) : (new Function(...params, cell.body) as CellFunction);
			const result = (plan.fn as CellFunction)(...args);
			if (result instanceof Promise || hasPromises(result)) {
				return settle(result).then(
					(settled) => this.#succeed(id, version, settled, startedAt, cell),
					(error) => this.#failRun(id, version, error, startedAt, cell)
				);
			}
			return this.#succeed(id, version, result, startedAt, cell);
		} catch (error) {
			return this.#failRun(id, version, error, startedAt, cell);
		}
	}

	/** view(input): shows the input, follows its values, and reports changes a reader makes. */
	#viewFor(id: string, cell: CompiledCell, display: (value: unknown) => unknown) {
		const onInput = this.#options.onInput;
		let calls = 0;
		return (input: EventTarget & { value: unknown }) => {
			const index = calls++;
			display(input);
			if (onInput) {
				const literal = cell.viewDefaults[index] ?? null;
				input.addEventListener('input', () => onInput(id, { index, value: input.value, literal }));
			}
			return inputValues(input);
		};
	}

	#displayFor(id: string, version: number) {
		const displays: unknown[] = [];
		return (value: unknown) => {
			if (this.#isCurrent(id, version)) {
				displays.push(value);
				this.#x.states.emit(id, { displays: [...displays] });
			}
			return value;
		};
	}

	#warnFor(id: string, version: number) {
		return (message: string) => {
			const states = this.#x.states;
			if (this.#isCurrent(id, version)) states.emit(id, { warnings: [...(states.get(id)?.warnings ?? []), message] });
		};
	}

	#succeed(id: string, version: number, result: CellResult, startedAt: number, cell: CompiledCell): boolean {
		if (!this.#isCurrent(id, version)) {
			for (const { iterator } of result.streams ?? []) void iterator.return?.();
			return false;
		}
		this.#x.defs.set(id, result.defs);
		this.#x.states.emit(id, { status: 'done', value: result.value, duration: Date.now() - startedAt });
		if (result.streams?.length) this.#follow(id, version, result.streams, cell);
		return true;
	}

	/** Pulls each generator's next values; every new value of a name re-runs the cells that read it. */
	#follow(id: string, version: number, streams: Stream[], cell: CompiledCell): void {
		const { runs, defs, states } = this.#x;
		const run = runs.get(id)!;
		run.cleanups = streams.map(({ iterator }) => () => void iterator.return?.());
		for (const { name, iterator } of streams) {
			void (async () => {
				try {
					for (;;) {
						// One value per frame at most, as Observable does: an endless generator must not starve the page.
						await nextFrame();
						if (!this.#isCurrent(id, version)) return;
						const next = await iterator.next();
						if (next.done || !this.#isCurrent(id, version)) return;
						const value = await next.value;
						if (!this.#isCurrent(id, version)) return;
						if (name === null) {
							states.emit(id, { value });
							continue;
						}
						defs.set(id, { ...defs.get(id), [name]: value });
						// The readers finish with this value before the next one is pulled.
						await this.#options.runReaders(id);
					}
				} catch (error) {
					this.#failRun(id, version, error, Date.now(), cell);
				}
			})();
		}
	}

	#failRun(id: string, version: number, error: unknown, startedAt: number, cell: CompiledCell): boolean {
		if (!this.#isCurrent(id, version)) return false;
		const where = locateRuntimeError(error, cell);
		return this.#fail(id, { kind: 'runtime', message: errorMessage(error), ...where }, Date.now() - startedAt);
	}

	#fail(id: string, error: CellError, duration?: number): false {
		this.#x.defs.delete(id);
		this.#x.states.emit(id, { status: 'error', error, value: undefined, duration });
		return false;
	}
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
