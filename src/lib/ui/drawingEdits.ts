/**
 * Drawings are code: what a reader draws on a chart becomes an edit of the `drawings` (or
 * `timeframe`) option of the chart call in the cell that made it, and nothing else of the cell.
 * The cell is parsed as TypeScript with exact positions (acorn with Svelte's TypeScript plugin),
 * so only the characters of that option change and the rest keeps the writer's formatting.
 */
import { Parser, type Node as AcornNode } from 'acorn';
import { tsPlugin } from '@sveltejs/acorn-typescript';
import { anchorsOf, drawingCode, type Drawing } from '$lib/plots/drawings/types';
import type { ChartEdit, ChartRef } from '$lib/plots/drawings/edit';
import type { NotebookDocument } from './notebookDocument.svelte';

type AnyNode = AcornNode & Record<string, unknown>;
interface Splice {
	start: number;
	end: number;
	text: string;
}

const TypeScriptParser = Parser.extend(tsPlugin());

function parseCell(source: string): AnyNode {
	try {
		return TypeScriptParser.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, locations: true }) as unknown as AnyNode;
	} catch (e) {
		const where = (e as { loc?: { line: number; column: number } }).loc;
		const at = where ? ` at line ${where.line}, column ${where.column + 1}` : '';
		throw new Error(`the cell's code does not parse${at} (${(e as Error).message.replace(/\s*\(\d+:\d+\)$/, '')}): fix it, then draw again`);
	}
}

/** The calls to `ref.chart` in the cell, in the order they are written. */
function chartCalls(program: AnyNode, chart: string): AnyNode[] {
	const calls: AnyNode[] = [];
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const n = node as AnyNode;
		if (typeof n.type !== 'string') return;
		const callee = n.callee as AnyNode | undefined;
		if (n.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === chart) calls.push(n);
		for (const key of Object.keys(n)) if (key !== 'loc') visit(n[key]);
	};
	visit(program);
	return calls.sort((a, b) => a.start - b.start);
}

function findCall(source: string, program: AnyNode, ref: ChartRef): AnyNode {
	const calls = chartCalls(program, ref.chart);
	const call = calls[ref.call];
	if (!call) {
		const which = ref.call === 0 ? `${ref.chart}(…) call` : `${ordinal(ref.call + 1)} ${ref.chart}(…) call (it has ${calls.length})`;
		throw new Error(`this cell has no ${which} any more: run it and draw again`);
	}
	if (!(call.arguments as AnyNode[]).length) throw new Error(`${ref.chart}(…) at line ${lineOf(source, call.start)} has no table to draw on`);
	return call;
}

/** `[] as Drawing[]` or `x satisfies T` is the value written inside. */
const unwrap = (node: AnyNode): AnyNode =>
	node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression' || node.type === 'ParenthesizedExpression'
		? unwrap(node.expression as AnyNode)
		: node;

function property(object: AnyNode, name: string): AnyNode | undefined {
	return (object.properties as AnyNode[]).find((p) => {
		const key = p.key as AnyNode | undefined;
		return p.type === 'Property' && !p.computed && ((key?.type === 'Identifier' && key.name === name) || (key?.type === 'Literal' && key.value === name));
	});
}

/**
 * Adds `text` as the last element of an array or object literal, the way its elements are laid
 * out: on a line of its own with their indentation when they are one per line, else after ", ".
 */
function append(source: string, container: AnyNode, elements: AnyNode[], text: string): Splice {
	if (!elements.length) {
		const braces = container.type === 'ObjectExpression';
		return { start: container.start + 1, end: container.end - 1, text: braces ? ` ${text} ` : text };
	}
	const first = elements[0];
	const last = elements[elements.length - 1];
	if (source.slice(container.start, first.start).includes('\n')) {
		const lineStart = source.lastIndexOf('\n', first.start - 1) + 1;
		const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
		return { start: last.end, end: last.end, text: `,\n${indent}${text}` };
	}
	return { start: last.end, end: last.end, text: `, ${text}` };
}

/** Removes an element with one of the commas beside it, so the list stays as it was laid out. */
function remove(source: string, elements: AnyNode[], index: number): Splice {
	const element = elements[index];
	if (index + 1 < elements.length) return { start: element.start, end: elements[index + 1].start, text: '' };
	if (index > 0) return { start: elements[index - 1].end, end: element.end, text: '' };
	const after = /^\s*,/.exec(source.slice(element.end));
	return { start: element.start, end: element.end + (after ? after[0].length : 0), text: '' };
}

const quoted = (value: string) => `'${value}'`;

/** The splices that make a written drawing `{ … }` say `next`, keeping its other text (comments, layout). */
function moveDrawing(source: string, element: AnyNode, next: Drawing): Splice[] {
	if (element.type !== 'ObjectExpression') return [{ start: element.start, end: element.end, text: drawingCode(next) }];
	const [a, b] = anchorsOf(next);
	const wanted: Record<string, string | undefined> = {
		kind: quoted(next.kind),
		from: quoted(next.from),
		to: next.to === undefined ? undefined : quoted(next.to),
		anchor: a === b ? quoted(a) : `[${quoted(a)}, ${quoted(b)}]`
	};
	const splices: Splice[] = [];
	const added: string[] = [];
	for (const [name, text] of Object.entries(wanted)) {
		const prop = property(element, name);
		if (prop && text === undefined) throw new Error(`drawing has ${name} written, which a ${next.kind} does not take; edit it by hand`);
		if (prop) {
			const value = prop.value as AnyNode;
			if (source.slice(value.start, value.end) !== text) splices.push({ start: value.start, end: value.end, text: text! });
		} else if (text !== undefined) added.push(`${name}: ${text}`);
	}
	if (added.length) splices.push(append(source, element, element.properties as AnyNode[], added.join(', ')));
	return splices;
}

function apply(source: string, splices: Splice[]): string {
	let out = source;
	for (const s of [...splices].sort((x, y) => y.start - x.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
	return out;
}

/**
 * The cell's source with `edit` made to the options of its `ref` chart call: a drawing added to,
 * moved in or deleted from `drawings: [...]` (the option, or the options object, written in when
 * absent), or `timeframe` set. Throws an Error saying why when the call or the option is not
 * written so that it can be edited precisely (nothing is changed then).
 */
export function editChartCall(source: string, ref: ChartRef, edit: ChartEdit): string {
	const program = parseCell(source);
	const call = findCall(source, program, ref);
	const args = call.arguments as AnyNode[];
	const name = `${ref.chart}(…) at line ${lineOf(source, call.start)}`;
	const option = edit.op === 'timeframe' ? 'timeframe' : 'drawings';
	const value = edit.op === 'timeframe' ? quoted(edit.timeframe) : edit.op === 'add' ? `[${drawingCode(edit.drawing)}]` : undefined;
	const options = args[1] ? unwrap(args[1]) : undefined;
	let splices: Splice[];
	if (!options) {
		if (value === undefined) throw new Error(`${name} has no drawings option: run the cell and try again`);
		splices = [{ start: args[0].end, end: args[0].end, text: `, { ${option}: ${value} }` }];
	} else if (options.type !== 'ObjectExpression') {
		throw new Error(`the options of ${name} are not written as { … } in the cell, so the ${option} cannot be edited there: write them out`);
	} else {
		const prop = property(options, option);
		if (!prop) {
			if (value === undefined) throw new Error(`${name} has no drawings option: run the cell and try again`);
			splices = [append(source, options, options.properties as AnyNode[], `${option}: ${value}`)];
		} else if (edit.op === 'timeframe') {
			const old = prop.value as AnyNode;
			splices = [{ start: old.start, end: old.end, text: value! }];
		} else {
			const array = unwrap(prop.value as AnyNode);
			if (array.type !== 'ArrayExpression') throw new Error(`the drawings of ${name} are not an array written in the cell: edit them by hand`);
			const elements = array.elements as (AnyNode | null)[];
			if (elements.some((e) => !e || e.type === 'SpreadElement')) throw new Error(`the drawings of ${name} have holes or spreads (...): edit them by hand`);
			const written = elements as AnyNode[];
			if (edit.op === 'add') splices = [append(source, array, written, drawingCode(edit.drawing))];
			else {
				if (!written[edit.index]) throw new Error(`${name} has no drawing ${edit.index + 1} any more (it has ${written.length}): run the cell and try again`);
				splices = edit.op === 'delete' ? [remove(source, written, edit.index)] : moveDrawing(source, written[edit.index], edit.drawing);
			}
		}
	}
	const next = apply(source, splices);
	// Edits are made by position: one that left code that no longer reads is refused, not saved.
	parseCell(next);
	return next;
}

/** The code of a new cell that studies what happened after the close broke drawing `index` of the chart. */
export function breakStudyCell(source: string, ref: ChartRef, index: number): string {
	const program = parseCell(source);
	const call = findCall(source, program, ref);
	const args = call.arguments as AnyNode[];
	const options = args[1] ? unwrap(args[1]) : undefined;
	const prop = options?.type === 'ObjectExpression' ? property(options, 'drawings') : undefined;
	const array = prop ? unwrap(prop.value as AnyNode) : undefined;
	const element = array?.type === 'ArrayExpression' ? (array.elements as AnyNode[])[index] : undefined;
	if (!element || element.type !== 'ObjectExpression') throw new Error(`this cell has no drawing ${index + 1} written out: run it and try again`);
	const text = (name: string) => {
		const value = property(element, name)?.value as AnyNode | undefined;
		return value?.type === 'Literal' && typeof value.value === 'string' ? value.value : undefined;
	};
	const kind = text('kind');
	if (kind !== 'level' && kind !== 'trend' && kind !== 'channel') throw new Error(`a ${kind ?? 'drawing without a kind'} has no line to break: draw a level, trend line or channel`);
	const anchor = property(element, 'anchor')?.value as AnyNode | undefined;
	const onHighs = anchor?.type === 'Literal' ? anchor.value === 'high' : false;
	// A level is broken upwards; a line on the lows (support) downwards, one on the highs upwards.
	const condition = kind === 'level' || onHighs ? 'crossAbove' : 'crossBelow';
	const series = source.slice(args[0].start, args[0].end);
	const drawing = source.slice(element.start, element.end).replace(/\s*\n\s*/g, ' ');
	const what = kind === 'level' ? 'the level' : kind === 'trend' ? 'the trend line' : "the channel's base line";
	return `// What happened after the close crossed ${condition === 'crossAbove' ? 'above' : 'below'} ${what} drawn on the chart above\neventStudy(${series}, ${condition}((t) => drawingLine(t, ${drawing})))`;
}

function lineOf(source: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
	return line;
}

function ordinal(n: number): string {
	return n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/** What the notebook page does with the frame's chart messages (after host.ts checked the gesture). */
export interface ChartEditor {
	edit(id: string, ref: ChartRef, edit: ChartEdit): void;
	study(id: string, ref: ChartRef, index: number): void;
}

/**
 * Applies chart edits to the notebook: the cell's code changes (autosave writes the file) and the
 * cell re-runs, so the chart redraws from its code; a break study is a new cell after the chart's,
 * run at once. `report` shows why an edit was refused (undefined when one succeeds).
 */
export function chartEditor(doc: NotebookDocument, run: (id: string) => unknown, report: (problem: string | undefined) => void): ChartEditor {
	const attempt = (id: string, change: (source: string) => void) => {
		const cell = doc.notebook.cells[doc.indexOf(id)];
		if (cell?.kind !== 'code') return report('the chart’s cell is not in the notebook any more');
		try {
			change(cell.source);
			report(undefined);
		} catch (e) {
			report((e as Error).message);
		}
	};
	return {
		edit: (id, ref, edit) =>
			attempt(id, (source) => {
				doc.setSource(id, editChartCall(source, ref, edit));
				run(id);
			}),
		study: (id, ref, index) =>
			attempt(id, (source) => {
				const code = breakStudyCell(source, ref, index);
				const added = doc.insert('code', doc.indexOf(id) + 1);
				doc.setSource(added, code);
				run(added);
			})
	};
}
