/**
 * The reading of code behind reachable-data.ts, over programs already parsed (ESTree), so the
 * workspace page can use the TypeScript parser it already has instead of sucrase.
 */
import type { Node as AcornNode } from 'acorn';

export interface ReachableNames {
	direct: string[];
	indirect: string[];
}

export interface ReachableData {
	series: ReachableNames;
	tables: ReachableNames;
}

export type AnyNode = AcornNode & Record<string, unknown>;

const LOADERS = { loadSeries: 'series', loadTable: 'tables' } as const;
type Loader = keyof typeof LOADERS;
/** How many definitions deep a name is followed (symbol ← choice ← view(Inputs.select([...]))). */
const MAX_DEPTH = 4;
/** A notebook naming more than this is cut: an export is not a copy of the data folder. */
const MAX_NAMES = 100;

/**
 * What the programs (the code cells, parsed; undefined for a cell that does not parse) can load.
 * `wholeOnly`: only the calls that ask for whole files (see asksWhole), such as the series worth
 * fetching before the cells run.
 */
export function reachableIn(programs: (AnyNode | undefined)[], { wholeOnly = false } = {}): ReachableData {
	const definitions = new Map<string, AnyNode[]>();
	const uses: { loader: Loader; argument?: AnyNode; context: AnyNode[] }[] = [];
	for (const program of programs) {
		if (!program) continue;
		try {
			for (const statement of program.body as AnyNode[]) collectDefinitions(statement, definitions);
			walk(program, [], (node, ancestors) => {
				const loader = loaderCalled(node);
				if (loader) {
					if (!wholeOnly || asksWhole((node.arguments as AnyNode[])[1])) uses.push({ loader, argument: (node.arguments as AnyNode[])[0], context: ancestors });
				}
				else if (node.type === 'Identifier' && isLoader(node.name) && !isCallee(node, ancestors.at(-1))) {
					// loadSeries passed along: tickers.map(loadSeries)
					uses.push({ loader: node.name, context: [...ancestors, node] });
				}
			});
		} catch (e) {
			// Nesting deeper than the stack: such a cell names nothing we could follow anyway.
			if (!(e instanceof RangeError)) throw e;
		}
	}
	const found = { series: { direct: new Set<string>(), indirect: new Set<string>() }, tables: { direct: new Set<string>(), indirect: new Set<string>() } };
	for (const use of uses) {
		const into = found[LOADERS[use.loader]];
		const names = new Set<string>();
		if (use.argument) {
			for (const literal of literalsIn(use.argument)) into.direct.add(literal);
			for (const name of identifiersIn(use.argument)) names.add(name);
		}
		// A call that hands out the values the loader receives: tickers.map((t) => loadSeries(t)).
		for (const ancestor of use.context) {
			const callee = ancestor.type === 'CallExpression' ? (ancestor.callee as AnyNode) : undefined;
			if (callee?.type === 'MemberExpression') for (const name of identifiersIn(callee.object as AnyNode)) names.add(name);
		}
		for (const literal of followNames(names, definitions)) if (!into.direct.has(literal)) into.indirect.add(literal);
	}
	const list = (set: Set<string>) => [...set].slice(0, MAX_NAMES);
	return {
		series: { direct: list(found.series.direct), indirect: list(found.series.indirect) },
		tables: { direct: list(found.tables.direct), indirect: list(found.tables.indirect) }
	};
}

/**
 * Whether a call with these options surely loads whole files: no options, or an object written
 * out without `start`, `end` or a spread (`{ adjusted: true }`). A range, or options held in a
 * name, may ask for part of a file only.
 */
function asksWhole(options: AnyNode | undefined): boolean {
	if (!options) return true;
	if (options.type !== 'ObjectExpression') return false;
	return (options.properties as AnyNode[]).every((p) => {
		if (p.type !== 'Property' || p.computed) return false;
		const key = p.key as AnyNode;
		const name = key.type === 'Identifier' ? key.name : key.value;
		return name !== 'start' && name !== 'end';
	});
}

/** Top-level `const a = …`, `let [a, b] = …`, `function f() {…}`: name → the code that gives it its value. */
function collectDefinitions(statement: AnyNode, definitions: Map<string, AnyNode[]>): void {
	const add = (name: string, node: AnyNode) => definitions.set(name, [...(definitions.get(name) ?? []), node]);
	if (statement.type === 'VariableDeclaration') {
		for (const declarator of statement.declarations as AnyNode[]) {
			if (!declarator.init) continue;
			for (const name of identifiersIn(declarator.id as AnyNode)) add(name, declarator.init as AnyNode);
		}
	} else if (statement.type === 'FunctionDeclaration' && statement.id) {
		add((statement.id as AnyNode).name as string, statement.body as AnyNode);
	}
}

function followNames(start: Set<string>, definitions: Map<string, AnyNode[]>): Set<string> {
	const literals = new Set<string>();
	const seen = new Set<string>();
	let frontier = [...start];
	for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
		const next: string[] = [];
		for (const name of frontier) {
			if (seen.has(name)) continue;
			seen.add(name);
			for (const definition of definitions.get(name) ?? []) {
				for (const literal of literalsIn(definition)) literals.add(literal);
				next.push(...identifiersIn(definition));
			}
		}
		frontier = next;
	}
	return literals;
}

function loaderCalled(node: AnyNode): Loader | undefined {
	if (node.type !== 'CallExpression') return undefined;
	const callee = node.callee as AnyNode;
	return callee.type === 'Identifier' && isLoader(callee.name) ? callee.name : undefined;
}

function isLoader(name: unknown): name is Loader {
	return name === 'loadSeries' || name === 'loadTable';
}

function isCallee(node: AnyNode, parent: AnyNode | undefined): boolean {
	return parent?.type === 'CallExpression' && parent.callee === node;
}

/** Strings written in the code: 'IWM', "SPY", `QQQ` (a template without substitutions). */
function literalsIn(node: AnyNode): string[] {
	const found: string[] = [];
	walk(node, [], (n) => {
		if (n.type === 'Literal' && typeof n.value === 'string') found.push(n.value);
		else if (n.type === 'TemplateLiteral' && (n.expressions as unknown[]).length === 0) {
			const cooked = ((n.quasis as AnyNode[])[0]?.value as { cooked?: string } | undefined)?.cooked;
			if (cooked) found.push(cooked);
		}
	});
	return found.filter((s) => s.length > 0 && s.length <= 128);
}

/** Names read in an expression (not property names: `a.b` reads a, `{ b: c }` reads c). */
function identifiersIn(node: AnyNode): string[] {
	const found: string[] = [];
	walk(node, [], (n, ancestors) => {
		if (n.type !== 'Identifier') return;
		const parent = ancestors.at(-1);
		if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return;
		if (parent?.type === 'Property' && parent.key === n && !parent.computed && !parent.shorthand) return;
		found.push(n.name as string);
	});
	return found;
}

function walk(node: unknown, ancestors: AnyNode[], visit: (node: AnyNode, ancestors: AnyNode[]) => void): void {
	if (!node || typeof node !== 'object') return;
	if (Array.isArray(node)) {
		for (const child of node) walk(child, ancestors, visit);
		return;
	}
	const n = node as AnyNode;
	if (typeof n.type !== 'string') return;
	visit(n, ancestors);
	const inner = [...ancestors, n];
	for (const key in n) if (key !== 'loc' && key !== 'type') walk(n[key], inner, visit);
}
