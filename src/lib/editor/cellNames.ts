/**
 * What TypeScript knows of the names other cells declare. Each cell is a model of its own, and a
 * name is known from the model of the cell that declares it; but models come after the editors
 * (made in the background), a SQL cell's model is not TypeScript, and past 150 cells only the cells
 * on the page have one. So:
 * - until the cells' models are in, "Cannot find name" is not shown (it would name other cells'
 *   names), nor a clash with a global (it would be one a cell shadows, below);
 * - the names of cells without a TypeScript model (their `defines`, as the runtime reads them) are
 *   declared as `any` in one file of their own;
 * - a global (the DOM's, the library's) that a cell declares too is left out of its file, as the
 *   cell's own shadows it at run time (a cell is a function there): `const window = 20` or
 *   `const ratio = …` clashed with the global ("Cannot redeclare block-scoped variable") and every
 *   reader got the global's type;
 * - when models come or go, every editor's model is checked again: Monaco's TypeScript checks a
 *   model when it is made or edited, never when another one comes, and an editor made before the
 *   model of a cell it reads kept a false "Cannot find name" until edited (the shipped notebooks
 *   showed 1 to 11 of them).
 */
import type * as Monaco from 'monaco-editor';

type Defaults = typeof Monaco.typescript.typescriptDefaults;
/** A code cell, the language of its model, and the names it declares at top level. */
export interface NamedCell {
	id: string;
	sql: boolean;
	defines: readonly string[];
}

/** Not reported until the cells' models and names are in. */
const HELD = [
	2304, // Cannot find name 'x'
	2552, // Cannot find name 'x'. Did you mean 'y'?
	2451, // Cannot redeclare block-scoped variable 'x'
	2300 // Duplicate identifier 'x'
];
const OTHER_CELLS = 'file:///cells/other-cells.d.ts';
/** Models stop coming for this long before the editors are checked again (they come in a burst). */
const SETTLE_MS = 300;

let defaults: Defaults | undefined;
let ignored: number[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let cells: () => Iterable<NamedCell> = () => [];
let hasModel: (id: string) => boolean = () => false;
let declared = '';
let held = true;

/** A file of globals that cells' declarations shadow: `without` makes it less the names given. */
interface Shadowable {
	path: string;
	globals: ReadonlySet<string>;
	without(shadowed: ReadonlySet<string>): string;
	/** The names it was last made without. */
	shadowed: string;
}
const shadowables: Shadowable[] = [];

/** Monaco's TypeScript set-up: only editors' models are checked, and unknown names wait for the models. */
export function holdUnknownNames(typescriptDefaults: Defaults, codesToIgnore: number[]): void {
	defaults = typescriptDefaults;
	ignored = codesToIgnore;
	defaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: [...ignored, ...HELD], onlyVisible: true });
}

/** Adds a file of globals (at `path`) that a cell's own declaration of one of them shadows. */
export function shadowable(path: string, globals: ReadonlySet<string>, without: (shadowed: ReadonlySet<string>) => string): void {
	defaults?.addExtraLib(without(new Set()), path);
	shadowables.push({ path, globals, without, shadowed: '' });
	cellNamesChanged();
}

/** Where the notebook's cells and their models are read from (the page, once editors load). */
export function nameCells(notebookCells: () => Iterable<NamedCell>, hasTypeScriptModel: (id: string) => boolean): void {
	cells = notebookCells;
	hasModel = hasTypeScriptModel;
	cellNamesChanged();
}

/** A model came or went, or a cell's names changed: check the editors again once that settles. */
export function cellNamesChanged(): void {
	clearTimeout(timer);
	timer = setTimeout(settle, SETTLE_MS);
}

function settle(): void {
	if (!defaults) return;
	const names = new Set<string>();
	const all = new Set<string>();
	for (const cell of cells()) {
		const unseen = cell.sql || !hasModel(cell.id);
		for (const name of cell.defines) {
			all.add(name);
			if (unseen) names.add(name);
		}
	}
	const next = [...names].map((name) => `declare var ${name}: any;`).join('\n');
	// Any change checks every editor's model again (Monaco's onDidChange / onDidExtraLibsChange).
	let changed = next !== declared;
	if (changed) {
		declared = next;
		defaults.addExtraLib(next, OTHER_CELLS);
	}
	for (const file of shadowables) {
		const shadowed = [...all].filter((name) => file.globals.has(name)).sort();
		if (shadowed.join(' ') === file.shadowed) continue;
		file.shadowed = shadowed.join(' ');
		defaults.addExtraLib(file.without(new Set(shadowed)), file.path);
		changed = true;
	}
	if (held || !changed) {
		held = false;
		defaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: ignored, onlyVisible: true });
	}
}
