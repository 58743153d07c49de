/**
 * The value an input starts with, read from the code (never by running it): a top-level
 * `const x = view(Inputs.kind(…, { value: <literal> }))`, or a single `Inputs.select([<literals>])`
 * without `value`, which starts on its first option. Anything else (a computed default, a date,
 * a multiple select) is left out: a report then says the cell's result is not in the page, rather
 * than showing a result for a value the input does not hold.
 */
import type { Node as AcornNode } from 'acorn';
import type { SqlValue } from '../runtime/sql';
import { parseCell } from './reachable-data';

type AnyNode = AcornNode & Record<string, unknown>;

export function startingInputValues(cells: string[]): Map<string, SqlValue> {
	const values = new Map<string, SqlValue>();
	for (const source of cells) {
		const program = parseCell(source);
		for (const statement of (program?.body ?? []) as AnyNode[]) {
			if (statement.type !== 'VariableDeclaration') continue;
			for (const declarator of statement.declarations as AnyNode[]) {
				const id = declarator.id as AnyNode;
				const value = id.type === 'Identifier' ? inputStart(declarator.init as AnyNode | null) : undefined;
				if (value !== undefined) values.set(id.name as string, value);
			}
		}
	}
	return values;
}

/** `view(Inputs.kind(...))` → its starting value, or undefined when the code does not say it plainly. */
function inputStart(init: AnyNode | null): SqlValue | undefined {
	if (init?.type !== 'CallExpression' || !isIdentifier(init.callee, 'view')) return undefined;
	const input = (init.arguments as AnyNode[])[0];
	if (input?.type !== 'CallExpression') return undefined;
	const callee = input.callee as AnyNode;
	if (callee.type !== 'MemberExpression' || !isIdentifier(callee.object, 'Inputs') || callee.computed) return undefined;
	const kind = (callee.property as AnyNode).name as string;
	const args = input.arguments as AnyNode[];
	const options = args.find((arg) => arg.type === 'ObjectExpression');
	if (options && property(options, 'multiple') !== undefined) return undefined;
	const value = options ? property(options, 'value') : undefined;
	if (value) return literal(value);
	if (kind === 'select' && args[0]?.type === 'ArrayExpression') {
		const first = (args[0].elements as (AnyNode | null)[])[0];
		return first ? literal(first) : undefined;
	}
	return undefined;
}

function property(object: AnyNode, name: string): AnyNode | undefined {
	for (const p of object.properties as AnyNode[]) {
		const key = p.key as AnyNode | undefined;
		if (p.type === 'Property' && !p.computed && (key?.name === name || key?.value === name)) return p.value as AnyNode;
	}
	return undefined;
}

/** A string, finite number or boolean written as it is (`-5` included). */
function literal(node: AnyNode): SqlValue | undefined {
	if (node.type === 'UnaryExpression' && node.operator === '-') {
		const inner = literal(node.argument as AnyNode);
		return typeof inner === 'number' ? -inner : undefined;
	}
	if (node.type === 'Literal' && ['string', 'number', 'boolean'].includes(typeof node.value)) {
		return typeof node.value === 'number' && !Number.isFinite(node.value) ? undefined : (node.value as SqlValue);
	}
	if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
		return ((node.quasis as AnyNode[])[0]?.value as { cooked?: string }).cooked;
	}
	return undefined;
}

function isIdentifier(node: unknown, name: string): boolean {
	return (node as AnyNode | undefined)?.type === 'Identifier' && (node as AnyNode).name === name;
}
