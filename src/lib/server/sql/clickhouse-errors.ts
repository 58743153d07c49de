import { lineColumn, type BoundQuery } from './clickhouse-params';
import { SqlError, type SqlErrorKind } from './types';

/** ClickHouse error codes (ErrorCodes.cpp) that say what kind of failure it was. */
const KINDS: Record<number, SqlErrorKind> = {
	62: 'syntax', // SYNTAX_ERROR
	164: 'refused', // READONLY
	159: 'timeout', // TIMEOUT_EXCEEDED
	158: 'limit', // TOO_MANY_ROWS
	396: 'limit', // TOO_MANY_ROWS_OR_BYTES
	241: 'limit' // MEMORY_LIMIT_EXCEEDED
};
/** Wrong user, password or address: its text names the user, so it is replaced as a whole. */
const AUTH_CODES = new Set([192, 193, 194, 195, 516]);
const MAX_MESSAGE = 400;

/**
 * A ClickHouse error answer as a SqlError: its own message without the C++ wrapping, the kind its
 * code says, and for a syntax error the line and column in the cell's text (ClickHouse gives a
 * 1-based byte position in the text it ran, which had the parameters bound into it).
 */
export function clickHouseError(database: string, body: string, query: BoundQuery | undefined, scrub: (s: string) => string): SqlError {
	// 18.16: "Code: 62, e.displayText() = DB::Exception: …, e.what() = DB::Exception"; newer: "Code: 62. DB::Exception: … (SYNTAX_ERROR) (version …)".
	const match = /Code:\s*(\d+)[.,]\s*(?:e\.displayText\(\) = )?(?:DB::Exception: )?([\s\S]*?)(?:, e\.what\(\) = [\s\S]*)?\s*$/.exec(body.trim());
	const code = match ? Number(match[1]) : 0;
	if (AUTH_CODES.has(code)) {
		return new SqlError(`${database}: ClickHouse refused the configured user or password (code ${code}); check the database's declaration`, 'refused');
	}
	let text = scrub((match?.[2] ?? body).trim());
	if (text.length > MAX_MESSAGE) text = `${text.slice(0, MAX_MESSAGE)}…`;
	const kind = KINDS[code] ?? 'engine';
	const suffix = code ? ` (ClickHouse code ${code})` : '';
	const position = /failed at position (\d+)(?: \(line \d+, col \d+\))?/.exec(text);
	if (kind === 'syntax' && position && query) {
		const offset = query.toOriginal(byteToCharOffset(query.sql, Number(position[1]) - 1));
		const { line, column } = lineColumn(query.original, offset);
		// ClickHouse's position counts in the text with the parameters bound, which the reader never
		// sees: the location travels as line and column, which the cell maps to its own text.
		return new SqlError(`${database}: ${text.replace(position[0], 'failed at')}${suffix}`, kind, line, column);
	}
	return new SqlError(`${database}: ${text}${suffix}`, kind);
}

function byteToCharOffset(text: string, bytes: number): number {
	return Buffer.from(text, 'utf8').subarray(0, Math.max(0, bytes)).toString('utf8').length;
}

/** Removes every spelling of the credentials from a text that may reach a notebook. */
export function scrubber(secrets: string[]): (text: string) => string {
	const words = [...new Set(secrets.flatMap((s) => (s ? [s, encodeURIComponent(s)] : [])))].sort((a, b) => b.length - a.length);
	return (text) => words.reduce((t, w) => t.split(w).join('***'), text);
}
