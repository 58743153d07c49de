/**
 * The dataflow graph between cells: who defines each name, which cells read it, the order to run
 * them in, and the problems that stop a cell from running (duplicate names, cycles, undefined
 * names, reassigning another cell's name). Pure: no running, no DOM.
 */
import type { CompiledCell } from './compile';
import type { CellError } from './types';

export interface CellGraph {
	/** Cell ids in page order. */
	ids: string[];
	/** name → id of the one cell that defines it (names defined twice are absent). */
	definer: Map<string, string>;
	/** id → ids of the cells it reads from. */
	inputs: Map<string, Set<string>>;
	/** id → ids of the cells that read from it. */
	outputs: Map<string, Set<string>>;
	/** Problems found by analysis alone, per cell. */
	errors: Map<string, CellError>;
	/** All cells, inputs before the cells that read them (cells in a cycle last, in page order). */
	order: string[];
}

/**
 * @param isAvailable whether a free name that no cell defines is still fine (a builtin such as
 *   `Plot`, or a host global such as `Math`).
 */
export function buildGraph(cells: CompiledCell[], isAvailable: (name: string) => boolean): CellGraph {
	const ids = cells.map((c) => c.id);
	const label = new Map(cells.map((c, i) => [c.id, `cell ${i + 1}`]));
	const errors = new Map<string, CellError>();
	const definers = new Map<string, string[]>();
	for (const cell of cells) {
		if (cell.error) errors.set(cell.id, cell.error);
		for (const name of cell.defines) {
			const list = definers.get(name);
			if (list) list.push(cell.id);
			else definers.set(name, [cell.id]);
		}
	}

	const definer = new Map<string, string>();
	for (const [name, list] of definers) {
		if (list.length === 1) {
			definer.set(name, list[0]);
			continue;
		}
		const where = list.map((id) => label.get(id)).join(' and ');
		for (const id of list) {
			setOnce(errors, id, {
				kind: 'graph',
				symbol: name,
				message: `\`${name}\` is defined in more than one cell (${where}); rename one of them`
			});
		}
	}

	const inputs = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
	const outputs = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
	for (const cell of cells) {
		for (const name of cell.assigns) {
			const owner = definers.get(name);
			if (owner && !owner.includes(cell.id)) {
				setOnce(errors, cell.id, {
					kind: 'graph',
					symbol: name,
					message: `this cell assigns to \`${name}\`, which ${label.get(owner[0])} defines; cells cannot change each other's names — define a new name instead`
				});
			}
		}
		for (const name of cell.refs) {
			const from = definers.get(name);
			if (!from) {
				if (!isAvailable(name)) {
					setOnce(errors, cell.id, {
						kind: 'graph',
						symbol: name,
						message: `\`${name}\` is not defined by any cell`
					});
				}
				continue;
			}
			for (const source of from) {
				if (source === cell.id) continue;
				inputs.get(cell.id)!.add(source);
				outputs.get(source)!.add(cell.id);
			}
		}
	}

	const { order, cyclic } = topologicalOrder(ids, inputs, outputs);
	for (const component of cyclic) {
		const path = component.map((id) => label.get(id)).join(' → ');
		for (const id of component) {
			setOnce(errors, id, {
				kind: 'graph',
				message: `circular definition: ${path} → ${label.get(component[0])} read each other's names`
			});
		}
	}
	return { ids, definer, inputs, outputs, errors, order };
}

/** Every cell that reads, directly or through others, from any of `roots` (roots included). */
export function downstream(graph: CellGraph, roots: Iterable<string>): Set<string> {
	const seen = new Set<string>();
	const stack = [...roots];
	while (stack.length) {
		const id = stack.pop()!;
		if (seen.has(id)) continue;
		seen.add(id);
		for (const next of graph.outputs.get(id) ?? []) stack.push(next);
	}
	return seen;
}

/** Kahn's algorithm in page order; what remains unplaced sits on or behind a cycle. */
function topologicalOrder(
	ids: string[],
	inputs: Map<string, Set<string>>,
	outputs: Map<string, Set<string>>
): { order: string[]; cyclic: string[][] } {
	const position = new Map(ids.map((id, i) => [id, i]));
	const pending = new Map(ids.map((id) => [id, inputs.get(id)!.size]));
	const ready = ids.filter((id) => pending.get(id) === 0);
	const order: string[] = [];
	while (ready.length) {
		const id = ready.shift()!;
		order.push(id);
		for (const next of outputs.get(id)!) {
			const left = pending.get(next)! - 1;
			pending.set(next, left);
			if (left === 0) insertByPosition(ready, next, position);
		}
	}
	if (order.length === ids.length) return { order, cyclic: [] };
	const placed = new Set(order);
	const rest = ids.filter((id) => !placed.has(id));
	return { order: [...order, ...rest], cyclic: stronglyConnected(rest, outputs).filter((c) => c.length > 1) };
}

function insertByPosition(queue: string[], id: string, position: Map<string, number>): void {
	const p = position.get(id)!;
	let i = queue.length;
	while (i > 0 && position.get(queue[i - 1])! > p) i--;
	queue.splice(i, 0, id);
}

/** Tarjan's algorithm restricted to `ids`; components come out with their members in page order. */
function stronglyConnected(ids: string[], outputs: Map<string, Set<string>>): string[][] {
	const inSet = new Set(ids);
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const components: string[][] = [];
	let counter = 0;
	const visit = (v: string): void => {
		index.set(v, counter);
		low.set(v, counter);
		counter++;
		stack.push(v);
		onStack.add(v);
		for (const w of outputs.get(v) ?? []) {
			if (!inSet.has(w)) continue;
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) {
				low.set(v, Math.min(low.get(v)!, index.get(w)!));
			}
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			components.push(ids.filter((id) => component.includes(id)));
		}
	};
	for (const id of ids) if (!index.has(id)) visit(id);
	return components;
}

function setOnce(errors: Map<string, CellError>, id: string, error: CellError): void {
	if (!errors.has(id)) errors.set(id, error);
}
