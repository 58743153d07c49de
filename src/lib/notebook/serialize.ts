/**
 * Writing a notebook file in the canonical layout: front matter (when there is meta) and a blank
 * line; cells separated by exactly one blank line; two adjacent Markdown cells separated by a
 * `<!-- cell -->` line; Markdown trimmed of leading and trailing blank lines; one final newline.
 *
 * What the format can express (a "valid notebook", for which parse(serialize(nb)) equals nb):
 * - sources use '\n' line endings (other line endings are written as '\n');
 * - Markdown cell text is not blank and has no leading or trailing blank line (blank Markdown
 *   cells are dropped; surrounding blank lines are trimmed);
 * - outside its own closed fences, Markdown text has no line opening a ```ts fence, no
 *   `<!-- cell -->` line, and leaves no fence open. The serializer refuses such text with a
 *   NotebookSerializeError naming the cell and line instead of escaping it, because any escape
 *   would change what the author sees on a code host;
 * - option flags are true or absent (false is written as absent), and `other` info words have
 *   no whitespace or backtick and are not a known flag;
 * - meta values are plain YAML data (strings, numbers, booleans, null, lists, mappings).
 * Code cell sources can hold anything: a fence longer than any backtick line inside is used.
 */
import { cellOptionWords, isKeepableOtherWord, isWritableSqlOption, SQL_OPTION_KEYS } from './cellOptions';
import { NotebookSerializeError } from './errors';
import {
	CELL_SEPARATOR,
	closesFence,
	fenceOpening,
	isCellSeparator,
	isFrontMatterDelimiter,
	longestClosingBacktickRun,
	opensCodeCell,
	splitLines,
	type FenceOpening
} from './fences';
import { EMPTY_FRONT_MATTER, writeFrontMatter } from './frontMatter';
import { trimBlankLines } from './parse';
import type { Cell, Notebook } from './types';

/** A cell's part of the file (empty for a blank Markdown cell, which is dropped). */
export interface Block {
	kind: Cell['kind'];
	text: string;
}

/**
 * Each cell's block as last written, by cell id, with what it was written from. The editor writes
 * the whole notebook on every keystroke (its draft): writing every block of 10,000 cells anew took
 * most of a keystroke's time.
 */
export type WrittenBlocks = Map<string, Block & { language: Cell['language']; source: string; options: string }>;

/** `written`: blocks kept from earlier writes, reused for cells written from the same kind, language, code and options. */
export function serializeNotebook(nb: Notebook, written?: WrittenBlocks): string {
	return joinBlocks(
		nb.meta,
		nb.frontMatterSource,
		nb.cells.map((cell, index) => (written ? writtenBlock(cell, index, written) : { kind: cell.kind, text: cellBlock(cell, index) }))
	);
}

/** The file of the cells' blocks (in order) under the front matter. */
export function joinBlocks(meta: Notebook['meta'], frontMatterSource: string | undefined, cellBlocks: readonly Block[]): string {
	const blocks = cellBlocks.filter((block) => block.text !== '');
	let frontMatter = writeFrontMatter(meta, frontMatterSource);
	if (frontMatter === '' && blocks.length > 0 && looksLikeFrontMatter(blocks[0].text)) {
		frontMatter = EMPTY_FRONT_MATTER;
	}
	if (blocks.length === 0) return frontMatter;

	let body = blocks[0].text;
	for (let i = 1; i < blocks.length; i++) {
		const bothMarkdown = blocks[i - 1].kind === 'markdown' && blocks[i].kind === 'markdown';
		body += bothMarkdown ? `\n\n${CELL_SEPARATOR}\n\n${blocks[i].text}` : `\n\n${blocks[i].text}`;
	}
	return `${frontMatter}${frontMatter ? '\n' : ''}${body}\n`;
}

function cellBlock(cell: Cell, index: number): string {
	return cell.kind === 'code' ? codeBlock(cell, index) : markdownBlock(cell, index);
}

/** The cell's block, kept in `written` (the one kept, when the cell is written from the same fields). */
export function writtenBlock(cell: Cell, index: number, written: WrittenBlocks): Block {
	const options = JSON.stringify(cell.options);
	const last = written.get(cell.id);
	if (last && last.kind === cell.kind && last.language === cell.language && last.source === cell.source && last.options === options) return last;
	// A block the format refuses throws here, so it is never kept.
	const block = { kind: cell.kind, language: cell.language, source: cell.source, options, text: cellBlock(cell, index) };
	written.set(cell.id, block);
	return block;
}

/** A file starting like this would have its first cell read as front matter (or lose a BOM). */
function looksLikeFrontMatter(text: string): boolean {
	return text.startsWith('\uFEFF') || isFrontMatterDelimiter(splitLines(text)[0]);
}

function codeBlock(cell: Cell, index: number): string {
	const lines = splitLines(cell.source);
	const fence = '`'.repeat(Math.max(3, longestClosingBacktickRun(lines) + 1));
	const words = cellOptionWords(cell.options);
	const unkeepable = (cell.options.other ?? []).find((word) => !isKeepableOtherWord(word, cell.language));
	if (unkeepable !== undefined) {
		throw new NotebookSerializeError(
			`option ${JSON.stringify(unkeepable)} cannot be written in a fence (no spaces, backticks or known flags)`,
			index,
			1
		);
	}
	for (const key of SQL_OPTION_KEYS) {
		const value = cell.options[key];
		if (value === undefined) continue;
		if (cell.language !== 'sql') throw new NotebookSerializeError(`${key}= is an option of SQL cells only`, index, 1);
		if (!isWritableSqlOption(key, value)) throw new NotebookSerializeError(`${key}=${value} cannot be written in a fence: it is not a name`, index, 1);
	}
	const body = cell.source === '' ? '' : `${lines.join('\n')}\n`;
	return `${fence}${[cell.language ?? 'ts', ...words].join(' ')}\n${body}${fence}`;
}

function markdownBlock(cell: Cell, index: number): string {
	const lines = trimBlankLines(splitLines(cell.source));
	let open: { fence: FenceOpening; line: number } | null = null;
	lines.forEach((line, i) => {
		if (open) {
			if (closesFence(line, open.fence)) open = null;
			return;
		}
		const fail = (reason: string): never => {
			throw new NotebookSerializeError(reason, index, i + 1);
		};
		if (isCellSeparator(line)) fail(`a Markdown cell cannot contain the line ${CELL_SEPARATOR}: it separates cells in the file`);
		const fence = fenceOpening(line);
		if (fence && opensCodeCell(fence)) {
			fail('a Markdown cell cannot contain a line opening a ```ts or ```sql fence: it would read back as a code cell (indent it by a space or put it inside a longer fence)');
		}
		if (fence) open = { fence, line: i + 1 };
	});
	if (open) {
		const { fence, line } = open as { fence: FenceOpening; line: number };
		throw new NotebookSerializeError(
			`a Markdown cell cannot leave its ${fence.char.repeat(fence.length)} fence unclosed: the cells after it would read back as part of it`,
			index,
			line
		);
	}
	return lines.join('\n');
}
