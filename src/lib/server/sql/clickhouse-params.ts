import { SqlError, type SqlParam } from './types';

/**
 * Binds a SQL cell's parameters into a ClickHouse query as typed literals.
 *
 * Why in the client: ClickHouse 18.16 (Debian's package) has no server-side binding: the HTTP
 * `param_<name>` / `{name:Type}` substitution came in 19.x. So each `?` placeholder (the
 * contract's: one per `${}` of the cell, in order) is replaced here by a literal that the
 * ClickHouse lexer can only read as one value: strings quoted with every backslash and quote escaped (ClickHouse reads backslash escapes in
 * string literals, so doubling quotes alone is not enough), finite numbers only (a negative one in
 * parentheses so that `x-?` cannot become a `--` comment), booleans as 1/0 (18.16 has no
 * true/false), dates as `toDate('YYYY-MM-DD')`. Placeholders inside string literals, quoted
 * identifiers and comments are left alone. The query still runs with `readonly=1`, so even a
 * binding bug could not write.
 */
export interface BoundQuery {
	/** The cell's own text, and the text ClickHouse runs. */
	original: string;
	sql: string;
	/** Maps an offset (UTF-16 units) of the bound text back to the cell's own text. */
	toOriginal(offset: number): number;
}

interface Splice {
	/** Start of the literal in the bound text. */
	at: number;
	/** Length of the literal in the bound text. */
	length: number;
	/** Start and length of the `?` it replaced, in the original text. */
	from: number;
	was: number;
}

export function bindParams(sql: string, params: SqlParam[]): BoundQuery {
	const identity = { original: sql, sql, toOriginal: (offset: number) => offset };
	// Without parameters the text runs as written, so a `cond ? a : b` needs no care.
	if (params.length === 0) return identity;
	const marks = placeholders(sql);
	if (marks.length !== params.length) {
		const { line, column } = lineColumn(sql, marks[params.length] ?? marks[marks.length - 1] ?? 0);
		throw new SqlError(
			`the query has ${marks.length} ? placeholder(s) for ${params.length} parameter(s); in ClickHouse write if(cond, a, b) instead of cond ? a : b`,
			'syntax',
			line,
			column
		);
	}
	const splices: Splice[] = [];
	let out = '';
	let last = 0;
	marks.forEach((at, k) => {
		const literal = toLiteral(params[k], k + 1);
		out += sql.slice(last, at);
		splices.push({ at: out.length, length: literal.length, from: at, was: 1 });
		out += literal;
		last = at + 1;
	});
	out += sql.slice(last);
	return {
		original: sql,
		sql: out,
		toOriginal(offset) {
			let shift = 0;
			for (const s of splices) {
				if (offset < s.at) break;
				// Inside a literal: point at its placeholder.
				if (offset < s.at + s.length) return s.from;
				shift += s.length - s.was;
			}
			return offset - shift;
		}
	};
}

/** Offsets of the `?` outside string literals, quoted identifiers and comments. */
function placeholders(sql: string): number[] {
	const marks: number[] = [];
	let i = 0;
	while (i < sql.length) {
		const c = sql[i];
		if (c === "'" || c === '"' || c === '`') {
			i = skipQuoted(sql, i, c);
		} else if (c === '-' && sql[i + 1] === '-') {
			const end = sql.indexOf('\n', i);
			i = end < 0 ? sql.length : end;
		} else if (c === '/' && sql[i + 1] === '*') {
			const end = sql.indexOf('*/', i + 2);
			i = end < 0 ? sql.length : end + 2;
		} else {
			if (c === '?') marks.push(i);
			i++;
		}
	}
	return marks;
}

/** The index just past a quoted run that opened at `start` (backslash escapes and doubled quotes). */
function skipQuoted(sql: string, start: number, quote: string): number {
	let i = start + 1;
	while (i < sql.length) {
		if (sql[i] === '\\') i += 2;
		else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
		else if (sql[i] === quote) return i + 1;
		else i++;
	}
	return i;
}

export function quoteString(value: string): string {
	return `'${value.replace(/[\\'\0\n\r\t]/g, (c) => ESCAPES[c])}'`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function toLiteral(value: SqlParam, n: number): string {
	if (value === null) return 'NULL';
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (typeof value === 'string') return quoteString(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new SqlError(`parameter ${n}: ${value} is not a finite number`, 'syntax');
		return value < 0 || Object.is(value, -0) ? `(${value})` : String(value);
	}
	if (value && typeof value === 'object' && typeof value.date === 'string') return dateLiteral(value.date, n);
	throw new SqlError(`parameter ${n}: a parameter must be a string, number, boolean, null or date`, 'syntax');
}

/** A calendar day as `toDate`, an instant with a time of day as `toDateTime(…, 'UTC')`. */
function dateLiteral(text: string, n: number): string {
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]00:?00)?)?$/.exec(text);
	const time = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00:00'}Z`) : NaN;
	if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== match[1]) {
		throw new SqlError(`parameter ${n}: '${text.slice(0, 40)}' is not a date (YYYY-MM-DD or an ISO time in UTC)`, 'syntax');
	}
	if (!match[2] || match[2] === '00:00:00') return `toDate('${match[1]}')`;
	return `toDateTime('${match[1]} ${match[2]}', 'UTC')`;
}

/** 1-based line and column of an offset (UTF-16 units) of a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
