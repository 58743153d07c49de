/**
 * What TypeScript knows of the names other cells declare. Each cell is a model of its own, and a
 * name is known from the model of the cell that declares it; but models come after the editors
 * (made in the background), a SQL cell's model is not TypeScript, and past 150 cells only the cells
 * on the page have one. So:
 * - the names of cells without a TypeScript model (their `defines`, as the runtime reads them) are
 *   declared as `any` in one file of their own, written before the first editor is made and again
 *   when models come or go. Changing it makes Monaco check every editor's model again: it checks a
 *   model when it is made or edited, never when another comes, and an editor made before the model
 *   of a cell it reads kept a false "Cannot find name" until edited (shipped notebooks showed 1-11);
 * - a global (the DOM's, the library's) that a cell declares too is left out of its file, as the
 *   cell's own shadows it at run time (a cell is a function there): `const window = 20` or
 *   `const ratio = …` clashed with the global ("Cannot redeclare block-scoped variable") and every
 *   reader got the global's type.
 * Only files change, never the options: a change of Monaco's TypeScript options restarts its worker,
 * and completions said "Loading…" for seconds after every run.
 */
import type * as Monaco from 'monaco-editor';

type Defaults = typeof Monaco.typescript.typescriptDefaults;
/** A code cell, its code and the language of its model, and the names it declares at top level. */
export interface NamedCell {
	id: string;
	source: string;
	sql: boolean;
	defines: readonly string[];
}

/**
 * Not reported: a name declared twice is the runtime's error on both cells when they run; here it
 * would also flash for a moment on a cell whose model just came, its names still in the file.
 */
const DECLARED_TWICE = [
	2451, // Cannot redeclare block-scoped variable 'x'
	2300 // Duplicate identifier 'x'
];
const OTHER_CELLS = 'file:///cells/other-cells.d.ts';
/** Models stop coming for this long before the file is written again (they come in a burst). */
const SETTLE_MS = 300;

let defaults: Defaults | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let cells: (() => Iterable<NamedCell>) | undefined;
let hasModel: (id: string) => boolean = () => false;
let declared: string | undefined;
/** Models came or went since the file was last written: it is written anyway, so that editors are checked again. */
let modelsMoved = false;
let generation = 0;

/** A file of globals that cells' declarations shadow: `without` makes it less the names given. */
interface Shadowable {
	path: string;
	globals: ReadonlySet<string>;
	without(shadowed: ReadonlySet<string>): string;
	/** The names it was last written without (undefined: not written yet). */
	shadowed?: string;
}
const shadowables: Shadowable[] = [];

/** Monaco's TypeScript set-up, once: only editors' models are checked, and not for what DECLARED_TWICE says. */
export function checkCells(typescriptDefaults: Defaults, codesToIgnore: number[]): void {
	defaults = typescriptDefaults;
	defaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: [...codesToIgnore, ...DECLARED_TWICE], onlyVisible: true });
}

/** Adds a file of globals (at `path`) that a cell's own declaration of one of them shadows. */
export function shadowable(path: string, globals: ReadonlySet<string>, without: (shadowed: ReadonlySet<string>) => string): void {
	shadowables.push({ path, globals, without });
	settle();
}

/** Where the notebook's cells and their models are read from (the page, once editors load); written at once. */
export function nameCells(notebookCells: () => Iterable<NamedCell>, hasTypeScriptModel: (id: string) => boolean): void {
	cells = notebookCells;
	hasModel = hasTypeScriptModel;
	settle();
}

/** A model came or went (`model`), or a cell's names changed: write the files again once that settles. */
export function cellNamesChanged(model = false): void {
	modelsMoved ||= model;
	clearTimeout(timer);
	if (cells) timer = setTimeout(settle, SETTLE_MS);
}

function settle(): void {
	clearTimeout(timer);
	if (!defaults) return;
	const unseen = new Set<string>();
	const all = new Set<string>();
	for (const cell of cells?.() ?? []) {
		const seen = !cell.sql && hasModel(cell.id);
		for (const name of cell.defines) {
			all.add(name);
			if (!seen) unseen.add(name);
		}
	}
	const next = [...unseen].map((name) => `declare var ${name}: any;`).join('\n');
	if (cells && (next !== declared || modelsMoved)) {
		declared = next;
		// A file that changed is what makes Monaco check the editors' models again (see above).
		defaults.addExtraLib(`${next}\n// ${++generation}`, OTHER_CELLS);
		modelsMoved = false;
	}
	for (const file of shadowables) {
		const shadowed = [...all].filter((name) => file.globals.has(name)).sort();
		if (file.shadowed === shadowed.join(' ')) continue;
		file.shadowed = shadowed.join(' ');
		defaults.addExtraLib(file.without(new Set(shadowed)), file.path);
	}
}
