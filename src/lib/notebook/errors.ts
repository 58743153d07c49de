/** Errors of the notebook file format. Both carry a location so the UI can point at it. */

/** The file cannot be read as a notebook; `line` and `column` are 1-based positions in the file. */
export class NotebookParseError extends Error {
	readonly file?: string;
	readonly line: number;
	readonly column: number;
	/** The problem without its location, for views that show the location separately. */
	readonly reason: string;

	constructor(reason: string, line: number, column: number, file?: string) {
		super(`${file ?? 'notebook'}:${line}:${column}: ${reason}`);
		this.name = 'NotebookParseError';
		this.file = file;
		this.line = line;
		this.column = column;
		this.reason = reason;
	}
}

/**
 * The notebook holds something its file format cannot express (the serializer refuses rather
 * than write a file that would read back differently). `cellIndex` is 0-based, `line` is
 * 1-based within that cell's source.
 */
export class NotebookSerializeError extends Error {
	readonly cellIndex: number;
	readonly line: number;
	readonly reason: string;

	constructor(reason: string, cellIndex: number, line: number) {
		super(`cell ${cellIndex + 1}, line ${line}: ${reason}`);
		this.name = 'NotebookSerializeError';
		this.cellIndex = cellIndex;
		this.line = line;
		this.reason = reason;
	}
}
