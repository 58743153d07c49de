/**
 * The runtime's memory of the notebook's code: each cell compiled once per source, the graph
 * rebuilt only when some cell's names or reads change, and what depends only on the code and the
 * graph (a cell's parameters, a run's order) worked out once and kept until either changes.
 * Running nothing, it is the part a slider drag must not pay for on every value.
 */
import { compileCell, type CompiledCell } from './compile';
import { buildGraph, downstream, type CellGraph } from './graph';
import type { CodeCellInput } from './types';

/** What running a cell needs that only changes with its code or the graph. */
export interface Plan {
	cell: CompiledCell;
	graph: CellGraph;
	inputs: string[];
	params: string[];
	/** Per parameter: the id of the cell defining it, or null for a builtin or a context name. */
	sources: (string | null)[];
	usesInvalidation: boolean;
	usesDisplay: boolean;
	/** The cell's function, made on its first run. */
	fn?: (...args: unknown[]) => unknown;
}

export interface CellChanges {
	/** Cells that are no longer in the notebook. */
	removed: string[];
	/** Cells that are new or whose code changed. */
	changed: CompiledCell[];
}

export class NotebookGraph {
	cells = new Map<string, CompiledCell>();
	graph: CellGraph;
	#isAvailable: (name: string) => boolean;
	#builtins: Record<string, unknown>;
	#context: Set<string>;
	#plans = new Map<string, Plan>();
	#orders = new Map<string, { ordered: string[]; frontier: string[] }>();
	#ordersGraph: CellGraph;

	/**
	 * @param builtins names every cell may read; @param context the names given to each run of a
	 *   cell (display, invalidation, view); @param isGlobal host globals cells may read.
	 */
	constructor(builtins: Record<string, unknown>, context: Set<string>, isGlobal: (name: string) => boolean) {
		this.#builtins = builtins;
		this.#context = context;
		this.#isAvailable = (name) => name in builtins || context.has(name) || isGlobal(name);
		const isAvailable = this.#isAvailable;
		this.graph = this.#ordersGraph = buildGraph([], isAvailable);
	}

	update(inputs: CodeCellInput[]): CellChanges {
		const before = this.cells;
		this.cells = new Map(
			inputs.map(({ id, source }) => {
				const old = before.get(id);
				return [id, old && old.source === source ? old : compileCell(id, source)];
			})
		);
		const removed = [...before.keys()].filter((id) => !this.cells.has(id));
		for (const id of removed) this.#plans.delete(id);
		if (!sameShape(before, this.cells)) this.graph = buildGraph([...this.cells.values()], this.#isAvailable);
		return { removed, changed: [...this.cells.values()].filter((cell) => before.get(cell.id) !== cell) };
	}

	plan(id: string): Plan {
		const cell = this.cells.get(id)!;
		const graph = this.graph;
		const cached = this.#plans.get(id);
		if (cached && cached.cell === cell && cached.graph === graph) return cached;
		const context = this.#context;
		const params = cell.refs.filter((name) => graph.definer.has(name) || name in this.#builtins || context.has(name));
		const plan: Plan = {
			cell,
			graph,
			inputs: [...graph.inputs.get(id)!],
			params,
			sources: params.map((name) => (context.has(name) ? null : (graph.definer.get(name) ?? null))),
			usesInvalidation: params.includes('invalidation'),
			usesDisplay: params.includes('display') || params.includes('view')
		};
		this.#plans.set(id, plan);
		return plan;
	}

	/**
	 * The cells a run of `ids` covers, in dependency order: those cells, their readers, and any
	 * cell upstream that never ran or changed since. The common case (every upstream cell has run)
	 * is remembered per graph, so a slider drag does not walk the graph on every value.
	 */
	order(ids: string[] | undefined, hasRun: (id: string) => boolean): string[] {
		const graph = this.graph;
		if (this.#ordersGraph !== graph) {
			this.#orders.clear();
			this.#ordersGraph = graph;
		}
		const key = ids ? ids.join('\u0000') : '';
		let known = this.#orders.get(key);
		if (!known) {
			const targets = downstream(graph, ids ?? graph.ids);
			const frontier = new Set<string>();
			for (const id of targets) for (const input of graph.inputs.get(id) ?? []) if (!targets.has(input)) frontier.add(input);
			known = { ordered: graph.order.filter((id) => targets.has(id)), frontier: [...frontier] };
			this.#orders.set(key, known);
		}
		if (known.frontier.every(hasRun)) return known.ordered;
		const targets = new Set(known.ordered);
		this.#addUnrunInputs(targets, hasRun);
		return graph.order.filter((id) => targets.has(id));
	}

	/** Cells upstream of a run that never ran, or whose code changed since, run with it. */
	#addUnrunInputs(targets: Set<string>, hasRun: (id: string) => boolean): void {
		const stack = [...targets];
		while (stack.length) {
			const id = stack.pop()!;
			for (const input of this.graph.inputs.get(id) ?? []) {
				if (targets.has(input) || hasRun(input)) continue;
				for (const d of downstream(this.graph, [input])) targets.add(d);
				stack.push(input);
			}
		}
	}
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
