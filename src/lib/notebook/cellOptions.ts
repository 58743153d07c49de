/**
 * Per-cell options as written in a code fence's info string: ```ts echo hidden collapsed, and for
 * SQL cells also ```sql output=highs database=warehouse.
 */
import type { CellOptions, CodeLanguage } from './types';

export const OPTION_FLAGS = ['echo', 'hidden', 'collapsed'] as const;
type OptionFlag = (typeof OPTION_FLAGS)[number];
/** `key=value` options of SQL cells, in the order they are written. */
export const SQL_OPTION_KEYS = ['output', 'database'] as const;
type SqlOptionKey = (typeof SQL_OPTION_KEYS)[number];

/** A name other cells read: a JavaScript identifier (not checked against reserved words here: compiling does). */
const OUTPUT_NAME = /^[A-Za-z_$][\w$]*$/;
/** A configured database's name (TAPE_DB_<NAME>), as the server's registry accepts it. */
const DATABASE_NAME = /^[A-Za-z][\w-]{0,63}$/;

function isOptionFlag(word: string): word is OptionFlag {
	return (OPTION_FLAGS as readonly string[]).includes(word);
}

function sqlOptionKey(word: string): SqlOptionKey | undefined {
	return SQL_OPTION_KEYS.find((key) => word.startsWith(`${key}=`));
}

/** An info-string word the parser refuses; `word` is its index among the words after the language. */
export class CellOptionError extends Error {
	constructor(
		readonly reason: string,
		readonly word: number
	) {
		super(reason);
	}
}

/**
 * Options from the info-string words after the language; unknown words are kept in `other`.
 * @throws CellOptionError for a SQL option with a value that cannot be a name, or given twice.
 */
export function readCellOptions(words: string[], language?: CodeLanguage): CellOptions {
	const options: CellOptions = {};
	const other: string[] = [];
	words.forEach((word, index) => {
		const key = language === 'sql' ? sqlOptionKey(word) : undefined;
		if (isOptionFlag(word)) options[word] = true;
		else if (key) {
			const value = word.slice(key.length + 1);
			if (options[key] !== undefined) throw new CellOptionError(`${key}= is given twice`, index);
			const valid = key === 'output' ? OUTPUT_NAME : DATABASE_NAME;
			if (!valid.test(value)) {
				throw new CellOptionError(
					key === 'output'
						? `output=${value} is not a name other cells can read (letters, digits, _ or $, not starting with a digit)`
						: `database=${value} is not a database name (a letter, then letters, digits, _ or -)`,
					index
				);
			}
			options[key] = value;
		} else other.push(word);
	});
	if (other.length > 0) options.other = other;
	return options;
}

/** The info-string words for `options`, known flags first in a fixed order, then SQL options. */
export function cellOptionWords(options: CellOptions): string[] {
	return [
		...OPTION_FLAGS.filter((flag) => options[flag] === true),
		...SQL_OPTION_KEYS.flatMap((key) => (options[key] === undefined ? [] : [`${key}=${options[key]}`])),
		...(options.other ?? [])
	];
}

/** A word that would read back as itself: no whitespace, no backtick, not a known flag or SQL option. */
export function isKeepableOtherWord(word: string, language?: CodeLanguage): boolean {
	return /^[^\s`]+$/.test(word) && !isOptionFlag(word) && !(language === 'sql' && sqlOptionKey(word));
}

/** A SQL option value that reads back as itself (the serializer refuses others). */
export function isWritableSqlOption(key: SqlOptionKey, value: string): boolean {
	return (key === 'output' ? OUTPUT_NAME : DATABASE_NAME).test(value);
}
