/**
 * Monaco for notebook cells, loaded on demand (the whole module is behind a dynamic import):
 * the editor core, TypeScript language features and its worker, and nothing for other languages
 * (monaco-modules.ts). Both the editor and its workers are served prebuilt (vite.monaco.ts):
 * bundling them through Rollup was most of the build time.
 */
import { loadMonaco } from 'virtual:monaco';
import { editorWorkerUrl, typescriptWorkerUrl } from 'virtual:monaco-workers';
import { cellGlobals } from './cellGlobals';
import { registerCellCompletions } from './cellCompletions';
import { declaredNames } from './completionRank';
import { defineThemes, followColorScheme } from './themes';
import { checkCells, shadowable } from './cellNames';
import { DOM_GLOBALS, DOM_LIB_PATH, domLibWithout, IGNORED_DIAGNOSTICS } from './cellChecks';

const { monaco, typescript } = await loadMonaco();

export type Monaco = typeof monaco;

self.MonacoEnvironment = {
	getWorker: (_moduleId: string, label: string) =>
		new Worker(label === 'typescript' || label === 'javascript' ? typescriptWorkerUrl : editorWorkerUrl, { name: label })
};

const defaults = typescript.typescriptDefaults;
defaults.setCompilerOptions({
	target: typescript.ScriptTarget.ESNext,
	module: typescript.ModuleKind.ESNext,
	moduleResolution: typescript.ModuleResolutionKind.NodeJs,
	// The DOM comes as our own file (cellChecks.ts), without the window globals that clash with cells' names.
	lib: ['es2023', 'dom.iterable'],
	strict: true,
	// On, with its errors not reported (IGNORED_DIAGNOSTICS): arrays that start empty take the type of what is pushed.
	noImplicitAny: true,
	allowNonTsExtensions: true,
	skipLibCheck: true
});
checkCells(defaults, IGNORED_DIAGNOSTICS);
// Every cell model joins the program at once, so a name declared in one cell completes in the others.
defaults.setEagerModelSync(true);
defaults.addExtraLib(cellGlobals, 'file:///globals/tape.d.ts');
shadowable(DOM_LIB_PATH, DOM_GLOBALS, domLibWithout);

defineThemes(monaco);
followColorScheme(monaco);

// Library declarations are big (arquero, Plot, d3): fetch them after the first editor shows.
let librariesAdded: Promise<void> | undefined;
/** The cell globals (research library included once its declarations are in), ranked high in completions. */
let globalNames: ReadonlySet<string> = new Set(declaredNames(cellGlobals));
function addLibraryTypes() {
	librariesAdded ??= import('./libraryTypes').then(({ libraryTypes, workspaceGlobalsPath, WORKSPACE_GLOBALS, workspaceGlobalsWithout }) => {
		for (const [path, content] of Object.entries(libraryTypes)) if (path !== workspaceGlobalsPath) defaults.addExtraLib(content, path);
		shadowable(workspaceGlobalsPath, WORKSPACE_GLOBALS, workspaceGlobalsWithout);
		globalNames = new Set([...globalNames, ...declaredNames(libraryTypes[workspaceGlobalsPath])]);
	});
	return librariesAdded;
}
registerCellCompletions(monaco, typescript, () => globalNames);

export { monaco, addLibraryTypes };
