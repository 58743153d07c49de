import { DataError } from './errors';

/**
 * Table names as users write them: the file name in the data folder with or without `.csv`
 * (`holdings`, `holdings.csv`, `sector weights 2024`, `^RUT`). Letters, digits, spaces and
 * `. _ = -`, optionally after `^`: no `/`, `\`, `:` or leading dot, so a name can never leave
 * the data folder or reach its hidden `.cache`.
 */
const STEM = /^\^?[A-Za-z0-9][A-Za-z0-9 ._=-]{0,99}$/;

function stemOf(name: string): string {
	return name.replace(/\.csv$/i, '');
}

export function isTableName(name: unknown): name is string {
	if (typeof name !== 'string') return false;
	const stem = stemOf(name);
	return STEM.test(stem) && !stem.includes('..') && !/[ .]$/.test(stem);
}

/**
 * The file a table name refers to, `holdings` → `holdings.csv`; a {@link DataError} saying what
 * is allowed otherwise.
 */
export function tableFileName(name: string): string {
	if (!isTableName(name)) {
		throw new DataError(
			`${JSON.stringify(name)} is not a table name: use the CSV's file name in the data folder, made of letters, digits, spaces and . _ = - (e.g. holdings or holdings.csv)`
		);
	}
	return `${stemOf(name)}.csv`;
}
