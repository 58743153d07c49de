/**
 * What TypeScript knows of the names other cells declare. Each cell is a model of its own, and a
 * name is known from the model of the cell that declares it; but models come after the editors
 * (made in the background), a SQL cell's model is not TypeScript, and past 150 cells only the cells
 * on the page have one. So:
 * - until the cells' models are in, "Cannot find name" is not shown (it would name other cells'
 *   names);
 * - the names of cells without a TypeScript model (their `defines`, as the runtime reads them) are
 *   declared as `any` in one file of their own;
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

const UNKNOWN_NAME = [
	2304, // Cannot find name 'x'
	2552 // Cannot find name 'x'. Did you mean 'y'?
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

/** Monaco's TypeScript set-up: only editors' models are checked, and unknown names wait for the models. */
export function holdUnknownNames(typescriptDefaults: Defaults, codesToIgnore: number[]): void {
	defaults = typescriptDefaults;
	ignored = codesToIgnore;
	defaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: [...ignored, ...UNKNOWN_NAME], onlyVisible: true });
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
	for (const cell of cells()) if (cell.sql || !hasModel(cell.id)) for (const name of cell.defines) names.add(name);
	const next = [...names].map((name) => `declare var ${name}: any;`).join('\n');
	// Either change checks every editor's model again (Monaco's onDidChange / onDidExtraLibsChange).
	const changed = next !== declared;
	if (changed) {
		declared = next;
		defaults.addExtraLib(next, OTHER_CELLS);
	}
	if (held || !changed) {
		held = false;
		defaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: ignored, onlyVisible: true });
	}
}
