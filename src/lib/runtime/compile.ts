/**
 * One code cell's TypeScript → a JavaScript function body plus the names it defines and reads.
 *
 * The names come from an AST (acorn + periscopic scope analysis on the type-stripped code), never
 * from text matching. Sucrase strips types while keeping every line where it was, so a line number
 * in the JavaScript is the same line in the author's TypeScript.
 */
import { transform } from 'sucrase';
import { parse, type Node as AcornNode } from 'acorn';
import { analyze } from 'periscopic';
import type { CellError } from './types';

/** Where an input's default is written: its line in the cell (sucrase keeps lines) and its text. */
export interface InputDefault {
	line: number;
	raw: string;
}

export interface CompiledCell {
	id: string;
	source: string;
	/** Top-level names the cell declares (const/let/var/function/class, destructuring included). */
	defines: string[];
	/** Free names the cell reads: other cells' names, builtins, or host globals. */
	refs: string[];
	/** Free names the cell assigns to (x = …, x++): only legal for names nobody else defines. */
	assigns: string[];
	/** Function body; its parameters are `refs` in order, it returns { value, defs }. */
	body: string;
	/** The body uses top-level `await`, so it must run as an async function. */
	isAsync: boolean;
	/**
	 * The `value:` literal of each `view(Inputs.x(…, { value: … }))` call, in call order (null where
	 * there is none), so the value a reader leaves in an input can be written back as its default.
	 */
	viewDefaults: (InputDefault | null)[];
	/** Columns added on the last expression's line by the `return {value: (` wrapper. */
	shift?: { line: number; after: number; by: number };
	error?: CellError;
}

/** Names that a cell may use without defining them and that are not globals of the page. */
export const CELL_CONTEXT_NAMES = ['display', 'invalidation', 'view'] as const;

const SOURCE_URL_PREFIX = 'tape-cell-';

export function compileCell(id: string, source: string): CompiledCell {
	const empty = { id, source, defines: [], refs: [], assigns: [], body: '', isAsync: false, viewDefaults: [] };
	let js: string;
	try {
		js = transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
	} catch (e) {
		return { ...empty, error: syntaxError(e, source) };
	}
	let program: AcornNode & { body: AcornNode[] };
	try {
		program = parse(js, {
			ecmaVersion: 'latest',
			sourceType: 'module',
			allowAwaitOutsideFunction: true,
			locations: true
		}) as AcornNode & { body: AcornNode[] };
	} catch (e) {
		return { ...empty, error: syntaxError(e, source) };
	}

	const importNode = program.body.find((n) => n.type === 'ImportDeclaration' || n.type.startsWith('Export'));
	if (importNode) {
		const { line, column } = lineColumn(js, importNode.start);
		return {
			...empty,
			error: {
				kind: 'syntax',
				message:
					'import/export statements are not supported in cells: Plot, aq, d3, Inputs and the research library are already available, and a top-level const is visible to every other cell',
				line,
				column
			}
		};
	}

	const { scope, globals } = analyze(program as never);
	const defines = [...scope.declarations.keys()];
	const refs = [...globals.keys()].filter((name) => name !== 'arguments');
	const assigns = assignedGlobals(program, new Set(refs));

	return {
		id,
		source,
		defines,
		refs,
		assigns,
		isAsync: awaitsAtTopLevel(program),
		viewDefaults: viewDefaults(js, program),
		...functionBody(id, js, program, defines)
	};
}

/** Rewrites the program so it returns the last expression's value and the defined names. */
function functionBody(
	id: string,
	js: string,
	program: AcornNode & { body: AcornNode[] },
	defines: string[]
): Pick<CompiledCell, 'body' | 'shift'> {
	const defs = `{${defines.join(', ')}}`;
	const sourceURL = `\n//# sourceURL=${SOURCE_URL_PREFIX}${id}.js`;
	const last = program.body.at(-1) as (AcornNode & { expression?: AcornNode }) | undefined;
	if (last?.type !== 'ExpressionStatement' || !last.expression) {
		return { body: `${js}\nreturn {value: undefined, defs: ${defs}};${sourceURL}` };
	}
	const expr = last.expression;
	const wrapper = 'return {value: (';
	// The expression keeps its line; only the wrapper is new, and `shift` undoes its columns.
	const body =
		js.slice(0, last.start) +
		wrapper +
		js.slice(expr.start, expr.end) +
		`\n), defs: ${defs}};` +
		js.slice(last.end) +
		sourceURL;
	const at = lineColumn(js, last.start);
	return { body, shift: { line: at.line, after: at.column, by: wrapper.length } };
}

function viewDefaults(js: string, program: AcornNode): (InputDefault | null)[] {
	const found: { start: number; value: InputDefault | null }[] = [];
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const n = node as AcornNode & { callee?: { type: string; name?: string }; arguments?: unknown[] };
		if (n.type === 'CallExpression' && n.callee?.type === 'Identifier' && n.callee.name === 'view') {
			found.push({ start: n.start, value: defaultLiteral(js, n.arguments?.[0]) });
		}
		for (const key in n) if (key !== 'loc') visit((n as unknown as Record<string, unknown>)[key]);
	};
	visit(program);
	return found.sort((a, b) => a.start - b.start).map((f) => f.value);
}

/** `Inputs.range([…], { value: 20 })` → the literal `20` and its line; only plain literals qualify. */
function defaultLiteral(js: string, input: unknown): InputDefault | null {
	const call = input as { type?: string; arguments?: unknown[] } | undefined;
	if (call?.type !== 'CallExpression') return null;
	for (const arg of call.arguments ?? []) {
		const object = arg as { type?: string; properties?: { type: string; key?: { type: string; name?: string; value?: unknown }; value?: AcornNode & { value?: unknown; operator?: string; argument?: { type: string } } }[] };
		if (object.type !== 'ObjectExpression') continue;
		for (const p of object.properties ?? []) {
			const key = p.key?.type === 'Identifier' ? p.key.name : p.key?.value;
			if (p.type !== 'Property' || key !== 'value' || !p.value) continue;
			const v = p.value;
			const literal = v.type === 'Literal' || (v.type === 'UnaryExpression' && v.operator === '-' && v.argument?.type === 'Literal');
			if (!literal) return null;
			return { line: lineColumn(js, v.start).line, raw: js.slice(v.start, v.end) };
		}
	}
	return null;
}

/** Top-level `await` (or `for await`) outside any nested function. */
function awaitsAtTopLevel(program: AcornNode): boolean {
	const visit = (node: unknown): boolean => {
		if (!node || typeof node !== 'object') return false;
		if (Array.isArray(node)) return node.some(visit);
		const n = node as { type?: string; await?: boolean };
		if (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await)) return true;
		if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return false;
		for (const key in n) if (key !== 'loc' && visit((n as Record<string, unknown>)[key])) return true;
		return false;
	};
	return visit(program);
}

function assignedGlobals(program: AcornNode, free: Set<string>): string[] {
	const assigned = new Set<string>();
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const n = node as { type?: string; left?: unknown; argument?: unknown };
		if (n.type === 'AssignmentExpression') collectPatternNames(n.left, free, assigned);
		if (n.type === 'UpdateExpression') collectPatternNames(n.argument, free, assigned);
		for (const key in n) if (key !== 'loc') visit((n as Record<string, unknown>)[key]);
	};
	visit(program);
	return [...assigned];
}

function collectPatternNames(target: unknown, free: Set<string>, out: Set<string>): void {
	const t = target as { type?: string; name?: string; elements?: unknown[]; properties?: { value?: unknown; argument?: unknown }[]; left?: unknown; argument?: unknown };
	if (!t) return;
	if (t.type === 'Identifier' && t.name && free.has(t.name)) out.add(t.name);
	else if (t.type === 'ArrayPattern') t.elements?.forEach((e) => collectPatternNames(e, free, out));
	else if (t.type === 'ObjectPattern') t.properties?.forEach((p) => collectPatternNames(p.value ?? p.argument, free, out));
	else if (t.type === 'AssignmentPattern') collectPatternNames(t.left, free, out);
	else if (t.type === 'RestElement') collectPatternNames(t.argument, free, out);
}

function syntaxError(e: unknown, source: string): CellError {
	const err = e as { message?: string; loc?: { line: number; column: number }; pos?: number };
	let message = String(err?.message ?? e).replace(/\s*\(\d+:\d+\)$/, '');
	let line: number | undefined;
	let column: number | undefined;
	if (err?.loc) {
		line = err.loc.line;
		column = err.loc.column + 1;
	} else if (typeof err?.pos === 'number') {
		({ line, column } = lineColumn(source, err.pos));
	}
	message = message.replace(/^Error transforming [^:]*:\s*/, '');
	return { kind: 'syntax', message, line, column };
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: offset - lineStart + 1 };
}

/**
 * Finds where in a cell a runtime error was thrown, from the stack frame of the cell's sourceURL.
 * The function wrapper adds two lines before the body (`async function anonymous(…\n) {\n`).
 */
export function locateRuntimeError(error: unknown, cell: CompiledCell): { line?: number; column?: number } {
	// An error that knows its place in the cell (a SQL cell's query) says so itself.
	const located = error as { cellLine?: unknown; cellColumn?: unknown } | null;
	if (typeof located?.cellLine === 'number' && typeof located.cellColumn === 'number') return { line: located.cellLine, column: located.cellColumn };
	const stack = (error as { stack?: unknown })?.stack;
	if (typeof stack !== 'string') return {};
	const marker = `${SOURCE_URL_PREFIX}${cell.id}.js:`;
	const at = stack.indexOf(marker);
	if (at < 0) return {};
	const match = /^(\d+):(\d+)/.exec(stack.slice(at + marker.length));
	if (!match) return {};
	const line = Number(match[1]) - 2;
	let column = Number(match[2]);
	const { shift } = cell;
	if (shift && line === shift.line && column >= shift.after + shift.by) column -= shift.by;
	return { line, column };
}
