/**
 * How single lines of a notebook file are classified. The parser and the serializer share these
 * predicates so that what the serializer checks is exactly what the parser will see.
 *
 * Fences follow CommonMark closely enough that a notebook renders on a code host the way Tape
 * reads it: up to three spaces of indentation, three or more backticks or tildes, and a
 * backtick fence's info string cannot itself contain a backtick (such a line is inline code).
 * Only an unindented backtick fence whose language is `ts`, `typescript` or `sql` opens a code cell.
 */

export const CELL_SEPARATOR = '<!-- cell -->';
export const FRONT_MATTER_DELIMITER = '---';
export const CODE_LANGUAGES = ['ts', 'typescript', 'sql'];

export interface FenceOpening {
	/** '`' or '~'. */
	char: string;
	/** Number of fence characters; a closing fence needs at least as many. */
	length: number;
	indent: number;
	/** The info string split on whitespace; the first word is the language. */
	words: string[];
}

const FENCE_OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export function fenceOpening(line: string): FenceOpening | null {
	const match = FENCE_OPENING.exec(line);
	if (!match) return null;
	const [, indent, fence, rest] = match;
	if (fence[0] === '`' && rest.includes('`')) return null;
	const info = rest.trim();
	return {
		char: fence[0],
		length: fence.length,
		indent: indent.length,
		words: info === '' ? [] : info.split(/[ \t]+/)
	};
}

export function opensCodeCell(fence: FenceOpening): boolean {
	return fence.char === '`' && fence.indent === 0 && CODE_LANGUAGES.includes(fence.words[0]);
}

export function closesFence(line: string, fence: Pick<FenceOpening, 'char' | 'length'>): boolean {
	const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
	return match !== null && match[1][0] === fence.char && match[1].length >= fence.length;
}

/** The longest run of backticks that could close a fence in `lines` (0 when none could). */
export function longestClosingBacktickRun(lines: string[]): number {
	let longest = 0;
	for (const line of lines) {
		const match = /^ {0,3}(`+)[ \t]*$/.exec(line);
		if (match) longest = Math.max(longest, match[1].length);
	}
	return longest;
}

export function isBlank(line: string): boolean {
	return /^[ \t]*$/.test(line);
}

export function isCellSeparator(line: string): boolean {
	return line.trimEnd() === CELL_SEPARATOR;
}

export function isFrontMatterDelimiter(line: string): boolean {
	return line.trimEnd() === FRONT_MATTER_DELIMITER;
}

/** Lines of a text, accepting the three line endings CommonMark does. */
export function splitLines(text: string): string[] {
	return text.split(/\r\n|\r|\n/);
}
