import { fromCSV, type ColumnTable } from 'arquero';
import { csvFormatRows, csvParseRows } from 'd3';
import { DataError } from './errors';

export interface TableCsvOptions {
	/**
	 * Infer column types (numbers, booleans, ISO dates as Dates at UTC midnight), as arquero's
	 * `fromCSV` does; `false` keeps every value as text. Default true.
	 */
	autoType?: boolean;
	/** Parse these columns with a function of your own instead: `{ weight: (s) => Number(s) / 100 }`. */
	parse?: Record<string, (value: string) => unknown>;
}

export interface CheckedTableCsv {
	/** Column names as in the header (surrounding spaces trimmed). */
	columns: string[];
	/** Data rows (empty lines not counted). */
	rows: number;
	warnings: string[];
	/** The same CSV without empty lines and BOM, names trimmed: what arquero reads. */
	normalized: string;
	/** The file's line of each data row, for messages about a value found later. */
	lines: number[];
}

const LISTED_LINES = 5;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Checks that `text` is a CSV a table can be made from, saying where it is not: a header of
 * distinct, non-empty column names, then rows of exactly as many values (quoted values may hold
 * commas, quotes and line breaks). Empty lines are skipped with a warning. Refused with a
 * {@link DataError} naming `origin:line`: an empty file, a nameless or repeated column, a row
 * with too few or too many values, a quote that is never closed.
 *
 * Parsing is d3-dsv's (RFC 4180); this adds the line numbers it does not report.
 */
export function checkTableCsv(text: string, origin: string): CheckedTableCsv {
	const { cells: _, ...checked } = readTableCsv(text, origin);
	return checked;
}

/** {@link checkTableCsv}, keeping the cells (header first) for checks after type inference. */
function readTableCsv(text: string, origin: string): CheckedTableCsv & { cells: string[][] } {
	const bare = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const unclosed = unclosedQuoteLine(bare);
	if (unclosed !== undefined) {
		throw new DataError('a quoted value opened on this line is never closed (a stray " character?)', { file: origin, line: unclosed });
	}
	const parsed = csvParseRows(bare);
	const kept: string[][] = [];
	const lines: number[] = [];
	const skipped: number[] = [];
	let header: string[] | undefined;
	let line = 1;
	/** The line after the last row read: blank lines from there on are only the file's end. */
	let end = 1;
	for (const row of parsed) {
		const at = line;
		line += 1 + row.reduce((breaks, value) => breaks + countBreaks(value), 0);
		if (row.length === 1 && row[0].trim() === '') {
			// Blank lines before the header or at the very end are not worth a warning.
			if (header) skipped.push(at);
			continue;
		}
		if (!header) {
			header = row.map((name) => name.trim());
			checkHeader(header, origin, at);
			kept.push(header);
			end = line;
			continue;
		}
		if (row.length !== header.length) {
			throw new DataError(`row has ${row.length} value${row.length === 1 ? '' : 's'}, the header has ${header.length} (${header.join(', ')})`, { file: origin, line: at });
		}
		kept.push(row);
		lines.push(at);
		end = line;
	}
	if (!header) throw new DataError('empty file: expected a header line naming the columns, e.g. name,sector,weight', { file: origin });
	while (skipped.length && skipped[skipped.length - 1] >= end) skipped.pop();
	const warnings = skipped.length
		? [`${origin}: skipped ${skipped.length} empty line${skipped.length > 1 ? 's' : ''} (${listLines(skipped)})`]
		: [];
	return { columns: header, rows: kept.length - 1, warnings, normalized: csvFormatRows(kept) + '\n', lines, cells: kept };
}

/**
 * A CSV file as an arquero table, checked as {@link checkTableCsv} describes, with types inferred
 * from every value of a column (arquero alone looks at the first 1,000), so a column is numbers
 * only when all of its values are. A number too large for a double (`1e400`, which would read as
 * Infinity) is refused, naming its line and column.
 *
 * @example
 * const { table } = parseTableCsv('name,weight\nAAPL,0.5\nMSFT,0.3\n', 'holdings.csv');
 * table.get('weight', 0); // 0.5
 */
export function parseTableCsv(text: string, origin: string, options: TableCsvOptions = {}): { table: ColumnTable; warnings: string[] } {
	const checked = readTableCsv(text, origin);
	const table = fromCSV(checked.normalized, { autoType: options.autoType ?? true, parse: options.parse, autoMax: Math.max(checked.rows, 1) });
	table.columnNames().forEach((name, c) => {
		if (options.parse?.[name] === undefined) checkFinite(table.array(name), c, checked, origin);
	});
	return { table, warnings: checked.warnings };
}

/**
 * Refuses a column that type inference read as numbers when one of them overflowed: the text
 * was a decimal such as `1e400`, and Infinity is not what it says. (`Infinity` written out is
 * not a decimal, so it is left as read.)
 */
function checkFinite(values: ArrayLike<unknown>, c: number, checked: { cells: string[][]; lines: number[] }, origin: string): void {
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v !== Infinity && v !== -Infinity) continue;
		const cell = checked.cells[i + 1][c].trim();
		if (DECIMAL.test(cell)) {
			throw new DataError(`"${cell}" is too large for a number (beyond ±1.8e308); it would read as ${v}`, { file: origin, line: checked.lines[i], column: checked.cells[0][c] });
		}
	}
}

function checkHeader(names: string[], origin: string, line: number): void {
	const seen = new Set<string>();
	names.forEach((name, i) => {
		if (name === '') throw new DataError(`column ${i + 1} of the header has no name`, { file: origin, line });
		if (seen.has(name)) throw new DataError(`column "${name}" appears twice in the header`, { file: origin, line });
		seen.add(name);
	});
}

function countBreaks(value: string): number {
	return value.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * The line where a quoted value opens and never closes, if any. d3-dsv reads such a value to the
 * end of the file without a word, so it is looked for first, by the same rules: a quote opens a
 * value only at its start, and `""` inside is an escaped quote.
 */
function unclosedQuoteLine(text: string): number | undefined {
	if ((text.match(/"/g)?.length ?? 0) % 2 === 0) return undefined;
	let line = 1;
	let atFieldStart = true;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (atFieldStart && c === 34 /* " */) {
			const opened = line;
			for (i++; ; i++) {
				if (i >= text.length) return opened;
				const q = text.charCodeAt(i);
				if (q === 34) {
					if (text.charCodeAt(i + 1) === 34) i++;
					else break;
				} else if (q === 10 || (q === 13 && text.charCodeAt(i + 1) !== 10)) line++;
			}
			atFieldStart = false;
			continue;
		}
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
		atFieldStart = c === 44 /* , */ || c === 10 || c === 13;
	}
	return undefined;
}

function listLines(lines: number[]): string {
	const shown = lines.slice(0, LISTED_LINES).join(', ');
	return `line${lines.length > 1 ? 's' : ''} ${shown}${lines.length > LISTED_LINES ? ', …' : ''}`;
}
