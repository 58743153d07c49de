/** One code cell's Monaco editor: its model, auto height, keys, and runtime error markers. */
import { addLibraryTypes, monaco } from './monaco';
import { themeName } from './themes';
import { overflowWidgetsHost } from './overflowWidgets';

export interface CellEditorOptions {
	cellId: string;
	value: string;
	onChange(value: string): void;
	/** Shift+Enter: run and move on, like Jupyter and Observable. */
	onRunAndAdvance(): void;
	/** Ctrl/Cmd+Enter: run and stay. */
	onRun(): void;
	onSave(): void;
	onFocus?(): void;
}

export interface CellError {
	message: string;
	line?: number;
	column?: number;
}

export interface CellEditor {
	focus(): void;
	/** Replace the text without echoing it back through onChange (e.g. after "reload theirs"). */
	setValue(value: string): void;
	showError(error: CellError | undefined): void;
	dispose(): void;
}

const markerOwner = 'tape-runtime';

export function cellModelUri(cellId: string) {
	return monaco.Uri.parse(`file:///cells/${encodeURIComponent(cellId)}.ts`);
}

export function createCellEditor(container: HTMLElement, options: CellEditorOptions): CellEditor {
	const uri = cellModelUri(options.cellId);
	// A model can outlive its editor (Svelte may remount a cell): reuse it rather than collide.
	const model =
		monaco.editor.getModel(uri) ?? monaco.editor.createModel(options.value, 'typescript', uri);
	if (model.getValue() !== options.value) model.setValue(options.value);

	const editor = monaco.editor.create(container, {
		model,
		theme: themeName(),
		automaticLayout: true,
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
		fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono'),
		padding: { top: 8, bottom: 8 },
		// Cells wrap instead of scrolling sideways: the page is the only scroller.
		wordWrap: 'on',
		scrollbar: { vertical: 'hidden', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
		fixedOverflowWidgets: true,
		overflowWidgetsDomNode: overflowWidgetsHost(),
		tabSize: 2,
		contextmenu: false
	});

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

	// Actions, not addCommand: commands are global in Monaco, so with many editors the last one
	// created would receive every keypress.
	const { KeyMod, KeyCode } = monaco;
	const actions = [
		{ id: 'tape.runAndAdvance', label: 'Run cell and go to next', key: KeyMod.Shift | KeyCode.Enter, run: options.onRunAndAdvance },
		{ id: 'tape.run', label: 'Run cell', key: KeyMod.CtrlCmd | KeyCode.Enter, run: options.onRun },
		{ id: 'tape.save', label: 'Save notebook', key: KeyMod.CtrlCmd | KeyCode.KeyS, run: options.onSave }
	].map(({ id, label, key, run }) =>
		editor.addAction({
			id,
			label,
			keybindings: [key],
			// Shift+Enter with the completion list open should still accept the completion.
			precondition: '!suggestWidgetVisible',
			run: () => run()
		})
	);

	void addLibraryTypes();

	return {
		focus: () => editor.focus(),
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
			[...subscriptions, ...actions].forEach((disposable) => disposable.dispose());
			editor.dispose();
			// The cell is gone: its names must stop completing in other cells.
			model.dispose();
		}
	};
}
