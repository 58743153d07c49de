/** Reading a notebook file: front matter, then ```ts code cells and the Markdown between them. */
import { newCellId } from './cellId';
import { readCellOptions } from './cellOptions';
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
			cells.push({
				id: newCellId(),
				kind: 'code',
				source: lines.slice(i + 1, close).join('\n'),
				options: readCellOptions(fence.words.slice(1))
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

export function trimBlankLines(lines: string[]): string[] {
	let start = 0;
	let end = lines.length;
	while (start < end && isBlank(lines[start])) start++;
	while (end > start && isBlank(lines[end - 1])) end--;
	return lines.slice(start, end);
}
