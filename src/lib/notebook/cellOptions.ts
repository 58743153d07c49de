/** Per-cell options as written in a code fence's info string: ```ts echo hidden collapsed. */
import type { CellOptions } from './types';

export const OPTION_FLAGS = ['echo', 'hidden', 'collapsed'] as const;
type OptionFlag = (typeof OPTION_FLAGS)[number];

function isOptionFlag(word: string): word is OptionFlag {
	return (OPTION_FLAGS as readonly string[]).includes(word);
}

/** Options from the info-string words after the language; unknown words are kept in `other`. */
export function readCellOptions(words: string[]): CellOptions {
	const options: CellOptions = {};
	const other: string[] = [];
	for (const word of words) {
		if (isOptionFlag(word)) options[word] = true;
		else other.push(word);
	}
	if (other.length > 0) options.other = other;
	return options;
}

/** The info-string words for `options`, known flags first in a fixed order. */
export function cellOptionWords(options: CellOptions): string[] {
	return [...OPTION_FLAGS.filter((flag) => options[flag] === true), ...(options.other ?? [])];
}

/** A word that would read back as itself: no whitespace, no backtick, not a known flag. */
export function isKeepableOtherWord(word: string): boolean {
	return /^[^\s`]+$/.test(word) && !isOptionFlag(word);
}
