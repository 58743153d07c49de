/**
 * Monaco for notebook cells, loaded on demand (the whole module is behind a dynamic import):
 * the editor core, TypeScript language features and its worker, and nothing for other languages.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import { cellGlobals } from './cellGlobals';
import { defineThemes, followColorScheme } from './themes';

export type Monaco = typeof monaco;

/** TypeScript errors that do not apply to cells, which run as async scripts sharing one scope. */
const ignoredDiagnostics = [
	1375, // 'await' expressions are only allowed at the top level of a file when it is a module
	1378 // top-level 'await' needs module es2022+ (cells are not modules)
];

self.MonacoEnvironment = {
	getWorker: (_moduleId: string, label: string) =>
		label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()
};

const defaults = typescript.typescriptDefaults;
defaults.setCompilerOptions({
	target: typescript.ScriptTarget.ESNext,
	module: typescript.ModuleKind.ESNext,
	moduleResolution: typescript.ModuleResolutionKind.NodeJs,
	lib: ['es2023', 'dom', 'dom.iterable'],
	strict: true,
	noImplicitAny: false,
	allowNonTsExtensions: true,
	skipLibCheck: true
});
defaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: ignoredDiagnostics });
// Every cell model joins the program at once, so a name declared in one cell completes in the others.
defaults.setEagerModelSync(true);
defaults.addExtraLib(cellGlobals, 'file:///globals/tape.d.ts');

defineThemes(monaco);
followColorScheme(monaco);

// Library declarations are big (arquero, Plot, d3): fetch them after the first editor shows.
let librariesAdded: Promise<void> | undefined;
function addLibraryTypes() {
	librariesAdded ??= import('./libraryTypes').then(({ libraryTypes }) => {
		for (const [path, content] of Object.entries(libraryTypes)) defaults.addExtraLib(content, path);
	});
	return librariesAdded;
}

export { monaco, addLibraryTypes };
