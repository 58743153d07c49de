/**
 * One code cell's Monaco editor: auto height, keys, and runtime error markers; and the cell's
 * model, which lives as long as the cell (completions in other cells read it) while the editor
 * comes and goes with the viewport (lazyMount.ts).
 */
import { addLibraryTypes, monaco } from './monaco';
import { cellNamesChanged, nameCells, type NamedCell } from './cellNames';
import { themeName } from './themes';
import { overflowWidgetsHost } from './overflowWidgets';
import { schedule } from './lazyMount';
import { watchSqlModel } from './sqlCompletions';

/** What a cell's model holds: TypeScript, or a SQL cell's query (on `database`, absent for the embedded DuckDB). */
export interface CellLanguage {
	language?: 'sql';
	database?: string;
}

export interface CellEditorOptions extends CellLanguage {
	cellId: string;
	value: string;
	/** A viewer's editor: the code can be read, selected and copied, not changed. */
	readOnly?: boolean;
	onChange(value: string): void;
	/** Shift+Enter: run and move on, like Jupyter and Observable. */
	onRunAndAdvance(): void;
	/** Ctrl/Cmd+Enter: run and stay. */
	onRun(): void;
	/** Alt+Enter: run and insert a code cell below, like Jupyter. */
	onRunAndInsert(): void;
	/** Escape with nothing of Monaco's open: leave the editor for the cell ("command mode"). */
	onLeave(): void;
	onSave(): void;
	onFocus?(): void;
}

export interface CellError {
	message: string;
	line?: number;
	column?: number;
}

export interface CellEditor {
	/** Focuses the editor, with the caret at `position` when given (where the reader clicked). */
	focus(position?: { lineNumber: number; column: number }): void;
	/** Selects the text from `from` to `to` (offsets in the code) and scrolls it into the editor's view: a match of the notebook's find. */
	select(from: number, to: number): void;
	/** Replace the text without echoing it back through onChange (e.g. after "reload theirs"). */
	setValue(value: string): void;
	showError(error: CellError | undefined): void;
	/** Takes the editor off the page and unmakes it soon; the cell's model stays unless past MODELS_WITHOUT_EDITOR (see disposeCellModel). */
	dispose(): void;
	/** Monaco's editor, for live editing's binding (liveBinding.ts). */
	readonly view: ReturnType<typeof monaco.editor.create>;
}

export { bindLiveText } from './liveBinding';
export { cellNamesChanged };

/**
 * Where the notebook's code cells and the names each declares are read from (see cellNames.ts).
 * Up to MODELS_WITHOUT_EDITOR, every TypeScript cell's model is made first, a few per turn ahead of
 * the editors (called before any editor is queued): an editor checked before the model of a cell
 * it reads showed "Cannot find name" on some openings, however often it was checked again.
 */
export function nameNotebookCells(cells: () => NamedCell[]): void {
	const code = cells().filter((cell) => !cell.sql);
	if (code.length <= MODELS_WITHOUT_EDITOR) {
		for (let i = 0; i < code.length; i += 25) {
			const some = code.slice(i, i + 25);
			schedule(() => {
				for (const cell of some) if (!monaco.editor.getModel(cellModelUri(cell.id))) cellModel(cell.id, cell.source);
			}, true);
		}
	}
	// cellNames leaves SQL cells out itself; for the others a model of ours is a TypeScript one (no URI parsed per cell).
	schedule(() => nameCells(cells, (id) => cellModels.has(id)), true);
}

const markerOwner = 'tape-runtime';

/** A SQL cell's model is not a .ts file: the TypeScript service leaves it out of the cells' program. */
export function cellModelUri(cellId: string, language?: 'sql') {
	return monaco.Uri.parse(`file:///cells/${encodeURIComponent(cellId)}.${language === 'sql' ? 'sql' : 'ts'}`);
}

/**
 * Up to this many cells keep a model without an editor, so their names complete in other cells.
 * Past it, only cells with an editor have one: every model listens to the TypeScript service, and
 * thousands of them (10,000 cells) stalled the page for seconds at a time.
 */
export const MODELS_WITHOUT_EDITOR = 500;
const cellModels = new Set<string>();

/** The cell's model with this text, made if needed. */
export function cellModel(cellId: string, value: string, { language, database }: CellLanguage = {}) {
	const uri = cellModelUri(cellId, language);
	let model = monaco.editor.getModel(uri);
	if (!model) {
		model = monaco.editor.createModel(value, language === 'sql' ? 'sql' : 'typescript', uri);
		cellModels.add(cellId);
		cellNamesChanged(true);
		model.onWillDispose(() => {
			cellModels.delete(cellId);
			cellNamesChanged(true);
		});
	}
	if (language === 'sql') watchSqlModel(model, database);
	if (model.getValue() !== value) model.setValue(value);
	return model;
}

/** A model for a cell with no editor, while there are few enough (see MODELS_WITHOUT_EDITOR). */
export function backgroundCellModel(cellId: string, value: string, language: CellLanguage = {}) {
	if (cellModels.size < MODELS_WITHOUT_EDITOR) cellModel(cellId, value, language);
}

export function cellModelExists(cellId: string): boolean {
	return cellModels.has(cellId);
}

/**
 * The cell is gone, or off the page: its names must stop completing in other cells. Soon rather
 * than now (after its editor's unmaking, queued the same way), and not if the cell has an editor
 * again by then (scrolled back to).
 */
export function disposeCellModel(cellId: string) {
	schedule(() => {
		for (const uri of [cellModelUri(cellId), cellModelUri(cellId, 'sql')]) {
			const model = monaco.editor.getModel(uri);
			if (model && !model.isAttachedToEditor()) model.dispose();
		}
	}, false);
}

let font: string | undefined;
/** The page's monospace font, read once: reading a computed style per editor forced a style recalculation each time. */
function monoFont(): string {
	return (font ??= getComputedStyle(document.documentElement).getPropertyValue('--font-mono'));
}

/** Each editor's cell, for the actions all editors share. */
const handlers = new WeakMap<object, CellEditorOptions>();
let sharedActions = false;

/**
 * Save and Leave, registered once for all editors and run for the one with the focus. An action
 * per editor (addAction) re-resolved every keybinding of the page at each editor's making and
 * unmaking: tens of ms a frame while a long notebook scrolled (issue 12 item 8). Not addCommand,
 * whose last registration receives every keypress.
 */
function registerSharedActions() {
	if (sharedActions) return;
	sharedActions = true;
	const { KeyMod, KeyCode } = monaco;
	monaco.editor.addEditorAction({ id: 'tape.save', label: 'Save notebook', keybindings: [KeyMod.CtrlCmd | KeyCode.KeyS], run: (editor) => handlers.get(editor)?.onSave() });
	// Escape first closes what Monaco has open (completions, hints, find, a snippet, a selection); only then leaves.
	monaco.editor.addEditorAction({
		id: 'tape.leave',
		label: 'Leave the editor',
		keybindings: [KeyCode.Escape],
		precondition: '!suggestWidgetVisible && !parameterHintsVisible && !findWidgetVisible && !inSnippetMode && !renameInputVisible && !editorHasMultipleSelections && !editorHasSelection',
		run: (editor) => handlers.get(editor)?.onLeave()
	});
}

export function createCellEditor(container: HTMLElement, options: CellEditorOptions): CellEditor {
	const model = cellModel(options.cellId, options.value, options);

	const editor = monaco.editor.create(container, {
		model,
		readOnly: options.readOnly ?? false,
		theme: themeName(),
		// Our own observer (below), which an editor taken off the page stops: Monaco's would see the
		// container off the page, lay the editor out at 5 px wide and wrap every line again.
		automaticLayout: false,
		minimap: { enabled: false },
		scrollBeyondLastLine: false,
		overviewRulerLanes: 0,
		hideCursorInOverviewRuler: true,
		overviewRulerBorder: false,
		renderLineHighlight: 'none',
		lineNumbers: 'on',
		lineNumbersMinChars: 3,
		lineDecorationsWidth: 6,
		glyphMargin: false,
		folding: false,
		stickyScroll: { enabled: false },
		fontSize: 13,
		lineHeight: 20,
		fontFamily: monoFont(),
		padding: { top: 8, bottom: 8 },
		// Cells wrap instead of scrolling sideways: the page is the only scroller.
		wordWrap: 'on',
		scrollbar: { vertical: 'hidden', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
		fixedOverflowWidgets: true,
		overflowWidgetsDomNode: overflowWidgetsHost(),
		tabSize: 2,
		contextmenu: false,
		// The textarea, not the EditContext: the latter measures its parent before every render, which
		// forced a layout per editor (a second of a long notebook's scrolling, issue 12 item 8).
		editContext: false
	});

	// As Monaco's: the size the observer saw, rendered with the editor's next frame (not now).
	const resize = new ResizeObserver(([entry]) => editor.layout({ width: entry.contentRect.width, height: entry.contentRect.height }, true));
	resize.observe(container);

	// Grow with the content so the page, not the cell, scrolls.
	const fitHeight = () => {
		container.style.height = `${editor.getContentHeight()}px`;
	};
	fitHeight();

	let echoing = true;
	const subscriptions = [
		editor.onDidContentSizeChange(fitHeight),
		editor.onDidChangeModelContent(() => {
			if (echoing) options.onChange(model.getValue());
		}),
		editor.onDidFocusEditorText(() => options.onFocus?.())
	];

	// Shift+Enter, Ctrl/Cmd+Enter and Alt+Enter run the cell even with the completion list open
	// (Monaco would take Shift+Enter to accept a suggestion): the list closes and the code runs as
	// typed, as in JupyterLab and Colab. Enter and Tab still accept. Caught before Monaco sees the key.
	const runKeys = (event: KeyboardEvent) => {
		if (event.key !== 'Enter' || event.isComposing) return;
		const mods = [event.shiftKey, event.ctrlKey || event.metaKey, event.altKey].map(Number).join('');
		const run = { '100': options.onRunAndAdvance, '010': options.onRun, '001': options.onRunAndInsert }[mods];
		if (!run) return;
		event.preventDefault();
		event.stopPropagation();
		editor.trigger('tape', 'hideSuggestWidget', null);
		run();
	};
	container.addEventListener('keydown', runKeys, true);

	handlers.set(editor, options);
	registerSharedActions();

	void addLibraryTypes();

	return {
		view: editor,
		focus(position) {
			if (position) editor.setPosition(position);
			editor.focus();
		},
		select(from, to) {
			const start = model.getPositionAt(from);
			const end = model.getPositionAt(to);
			editor.setSelection({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column });
			editor.revealRangeInCenterIfOutsideViewport({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column });
		},
		setValue(value) {
			if (model.getValue() === value) return;
			echoing = false;
			model.setValue(value);
			echoing = true;
		},
		showError(error) {
			const markers =
				error?.line === undefined
					? []
					: [
							{
								severity: monaco.MarkerSeverity.Error,
								message: error.message,
								startLineNumber: error.line,
								startColumn: error.column ?? 1,
								endLineNumber: error.line,
								endColumn: error.column
									? model.getWordAtPosition({ lineNumber: error.line, column: error.column })
											?.endColumn ?? error.column + 1
									: model.getLineMaxColumn(Math.min(error.line, model.getLineCount()))
							}
						];
			monaco.editor.setModelMarkers(model, markerOwner, markers);
		},
		dispose() {
			container.removeEventListener('keydown', runKeys, true);
			subscriptions.forEach((disposable) => disposable.dispose());
			handlers.delete(editor);
			resize.disconnect();
			// Off the page now, unmade once the page has stopped scrolling (lazyMount.ts): unmaking editors
			// took 110-130 ms of a long notebook's scrolling, in the frames that changed its cells (issue 12 item 8).
			editor.getDomNode()?.remove();
			schedule(() => {
				editor.dispose();
				if (cellModels.size > MODELS_WITHOUT_EDITOR && !model.isDisposed() && !model.isAttachedToEditor()) model.dispose();
			}, false);
		}
	};
}
