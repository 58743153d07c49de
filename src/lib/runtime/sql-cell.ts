/**
 * A SQL cell as the runtime sees it: TypeScript that calls the `sql` tag with the cell's text as a
 * template literal, so each `${expr}` is an ordinary expression of the cell (its free names are the
 * cell's inputs, compiled like any cell) whose value is bound as a parameter, never spliced into the
 * query. The text keeps its lines, so errors point at the cell's own lines; the tag is told where
 * each piece of text starts in the cell, to place the database's errors at the cell's line:column.
 */
import type { Cell } from '../notebook/index';
import type { CodeCellInput } from './types';

/** One piece of a SQL cell: text, or the source of a `${…}` expression; `line`/`column` (1-based) is where it starts in the cell. */
export interface SqlPiece {
	kind: 'text' | 'expr';
	text: string;
	line: number;
	column: number;
}

export class SqlCellSyntaxError extends Error {
	constructor(
		message: string,
		readonly line: number,
		readonly column: number
	) {
		super(message);
	}
}

/**
 * Splits a SQL cell's text at its `${expr}` parameters; text and expressions alternate, text first
 * and last. An expression ends at the `}` that balances its `${`, outside JavaScript strings.
 * @throws SqlCellSyntaxError for a `${` that is never closed.
 */
export function splitSqlCell(source: string): SqlPiece[] {
	const pieces: SqlPiece[] = [];
	let line = 1;
	let column = 1;
	let start = { at: 0, line, column };
	const advance = (from: number, to: number) => {
		for (let i = from; i < to; i++) {
			if (source.charCodeAt(i) === 10) {
				line++;
				column = 1;
			} else column++;
		}
	};
	let i = 0;
	while (i < source.length) {
		if (source.startsWith('${', i)) {
			pieces.push({ kind: 'text', text: source.slice(start.at, i), line: start.line, column: start.column });
			const open = { line, column };
			const end = expressionEnd(source, i + 2);
			if (end < 0) throw new SqlCellSyntaxError('${ is never closed: a parameter is written ${expression}', open.line, open.column);
			advance(i, i + 2);
			pieces.push({ kind: 'expr', text: source.slice(i + 2, end), line, column });
			advance(i + 2, end + 1);
			i = end + 1;
			start = { at: i, line, column };
			continue;
		}
		advance(i, i + 1);
		i++;
	}
	pieces.push({ kind: 'text', text: source.slice(start.at), line: start.line, column: start.column });
	return pieces;
}

/** The index of the `}` closing an expression that starts at `from`, or -1. */
function expressionEnd(source: string, from: number): number {
	let depth = 0;
	for (let i = from; i < source.length; i++) {
		const c = source[i];
		if (c === "'" || c === '"' || c === '`') {
			i = stringEnd(source, i);
			if (i < 0) return -1;
		} else if (c === '{') depth++;
		else if (c === '}') {
			if (depth === 0) return i;
			depth--;
		}
	}
	return -1;
}

function stringEnd(source: string, open: number): number {
	for (let i = open + 1; i < source.length; i++) {
		if (source[i] === '\\') i++;
		else if (source[i] === source[open]) return i;
	}
	return -1;
}

/** Text as the inside of a template literal whose cooked value is the text itself. */
function templateText(text: string): string {
	return text.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$(?=\{)/g, '\\$');
}

/**
 * The TypeScript the runtime runs for a SQL cell. It defines `output` when the cell names one, and
 * its value is the result table either way. Lines are kept: line N of the script is line N of the cell.
 */
export function sqlCellScript(source: string, options: { output?: string; database?: string }): string {
	let pieces: SqlPiece[];
	try {
		pieces = splitSqlCell(source);
	} catch (e) {
		if (!(e instanceof SqlCellSyntaxError)) throw e;
		const located = JSON.stringify({ message: e.message, line: e.line, column: e.column });
		return `throw sql.syntaxError(${located});`;
	}
	const starts = JSON.stringify(pieces.filter((p) => p.kind === 'text').map((p) => [p.line, p.column]));
	const tag = `sql.cell(${JSON.stringify(options.database ?? null)}, ${starts})`;
	const template = pieces.map((p) => (p.kind === 'text' ? templateText(p.text) : `\${${p.text}}`)).join('');
	const call = `await ${tag}\`${template}\``;
	return options.output ? `const ${options.output} = ${call};\n${options.output}` : call;
}

/** What the runtime runs for a code cell: its TypeScript, or the script of a SQL cell. */
export function runtimeCell(cell: Pick<Cell, 'id' | 'source' | 'language' | 'options'>): CodeCellInput {
	return { id: cell.id, source: cell.language === 'sql' ? sqlCellScript(cell.source, cell.options) : cell.source };
}
