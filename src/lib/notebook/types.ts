/** The document model: what a notebook file holds, nothing about running it. */

export type CellKind = 'markdown' | 'code';

export type CodeLanguage = 'sql';

/** Per-cell options, written in a code fence's info string (```ts echo hidden). */
export interface CellOptions {
	/** Show the code in the report and slides (default false: reports show outputs only). */
	echo?: boolean;
	/** Leave the whole cell (code and output) out of the report and slides. */
	hidden?: boolean;
	/** Code folded in the editor. */
	collapsed?: boolean;
	/** SQL cells only: the name the result table is defined as (```sql output=highs). */
	output?: string;
	/** SQL cells only: the configured database that answers (absent: the embedded DuckDB). */
	database?: string;
	/** Info-string words Tape does not know (```ts title=chart), kept so a save does not drop them. */
	other?: string[];
}

export interface Cell {
	/** Stable for the life of a loaded notebook; not written to the file. */
	id: string;
	kind: CellKind;
	/** Code cells only: 'sql' for a ```sql fence; absent means TypeScript. */
	language?: CodeLanguage;
	source: string;
	options: CellOptions;
}

export interface NotebookMeta {
	title?: string;
	description?: string;
	tags?: string[];
	/** Any other front-matter keys, kept as read. */
	[key: string]: unknown;
}

export interface Notebook {
	meta: NotebookMeta;
	cells: Cell[];
	/**
	 * The front matter's YAML as read from the file, so a save keeps the author's comments and
	 * layout: written back as it was while `meta` still says the same, edited key by key otherwise.
	 */
	frontMatterSource?: string;
}
