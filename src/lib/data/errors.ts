/**
 * A problem with market data, saying where it is: the file (or URL) it came from, the 1-based
 * line, and the column as named in the file's header. `message` already includes the location.
 *
 * @example
 * try {
 *   await loadSeries('IWM');
 * } catch (e) {
 *   if (e instanceof DataError) console.log(e.file, e.line, e.column); // "/data/IWM.csv", 12, "Close"
 * }
 */
export class DataError extends Error {
	readonly file?: string;
	readonly line?: number;
	readonly column?: string;
	readonly symbol?: string;

	constructor(
		message: string,
		where: { file?: string; line?: number; column?: string; symbol?: string } = {}
	) {
		super(formatLocation(where) + message);
		this.name = 'DataError';
		this.file = where.file;
		this.line = where.line;
		this.column = where.column;
		this.symbol = where.symbol;
	}
}

function formatLocation(where: { file?: string; line?: number; column?: string }): string {
	if (!where.file) return '';
	const line = where.line === undefined ? '' : `:${where.line}`;
	const column = where.column === undefined ? '' : `, column ${where.column}`;
	return `${where.file}${line}${column}: `;
}
