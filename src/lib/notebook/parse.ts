/** Reading a notebook file: front matter, then ```ts code cells and the Markdown between them. */
import { newCellId } from './cellId';
import { CellOptionError, readCellOptions } from './cellOptions';
import { NotebookParseError } from './errors';
import { closesFence, fenceOpening, isBlank, isCellSeparator, opensCodeCell, splitLines, type FenceOpening } from './fences';
import { readFrontMatter } from './frontMatter';
import type { Cell, Notebook } from './types';

/**
 * Parses notebook text. `file` only names the file in error messages.
 * @throws NotebookParseError for an unclosed fence, unclosed or invalid front matter.
 */
export function parseNotebook(text: string, file?: string): Notebook {
	const lines = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
	const { meta, source, bodyStart } = readFrontMatter(lines, file);
	const cells: Cell[] = [];
	let prose: string[] = [];
	const endMarkdownCell = () => {
		const source = trimBlankLines(prose);
		if (source.length > 0) cells.push({ id: newCellId(), kind: 'markdown', source: source.join('\n'), options: {} });
		prose = [];
	};

	// A fence inside prose (```js, ~~~) is Markdown content until it closes, as on a code host.
	let proseFence: { fence: FenceOpening; lineIndex: number } | null = null;
	for (let i = bodyStart; i < lines.length; i++) {
		const line = lines[i];
		if (proseFence) {
			prose.push(line);
			if (closesFence(line, proseFence.fence)) proseFence = null;
			continue;
		}
		if (isCellSeparator(line)) {
			endMarkdownCell();
			continue;
		}
		const fence = fenceOpening(line);
		if (fence && opensCodeCell(fence)) {
			endMarkdownCell();
			// Searched from the fence on (findIndex from line 0 made parsing quadratic: 2.3 s for 4,000 cells).
			let close = i + 1;
			while (close < lines.length && !closesFence(lines[close], fence)) close++;
			if (close === lines.length) close = -1;
			if (close === -1) {
				throw new NotebookParseError(
					`code fence opened here is never closed (add a line ${'`'.repeat(fence.length)} after the cell's code)`,
					i + 1,
					1,
					file
				);
			}
			const language = fence.words[0] === 'sql' ? 'sql' : undefined;
			cells.push({
				id: newCellId(),
				kind: 'code',
				...(language ? { language } : {}),
				source: lines.slice(i + 1, close).join('\n'),
				options: fenceOptions(line, fence, i + 1, file)
			});
			i = close;
			continue;
		}
		if (fence) proseFence = { fence, lineIndex: i };
		prose.push(line);
	}
	if (proseFence) {
		const { fence, lineIndex } = proseFence;
		throw new NotebookParseError(
			`${fence.char.repeat(fence.length)} fence opened here is never closed (everything after it would be part of it)`,
			lineIndex + 1,
			fence.indent + 1,
			file
		);
	}
	endMarkdownCell();
	return source === undefined ? { meta, cells } : { meta, cells, frontMatterSource: source };
}

/** The options of a code fence's info string; a refused one is reported at its own column. */
function fenceOptions(line: string, fence: FenceOpening, lineNumber: number, file?: string) {
	const language = fence.words[0] === 'sql' ? 'sql' : undefined;
	try {
		return readCellOptions(fence.words.slice(1), language);
	} catch (e) {
		if (!(e instanceof CellOptionError)) throw e;
		// Words are split on blanks, so each is found after the one before it.
		let at = fence.indent + fence.length;
		for (let w = 0; w <= e.word; w++) at = line.indexOf(fence.words[w], at) + fence.words[w].length;
		at = line.indexOf(fence.words[e.word + 1], at);
		throw new NotebookParseError(e.reason, lineNumber, at + 1, file);
	}
}

export function trimBlankLines(lines: string[]): string[] {
	let start = 0;
	let end = lines.length;
	while (start < end && isBlank(lines[start])) start++;
	while (end > start && isBlank(lines[end - 1])) end--;
	return lines.slice(start, end);
}
