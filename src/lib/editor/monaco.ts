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
import { holdUnknownNames } from './cellNames';

const { monaco, typescript } = await loadMonaco();

export type Monaco = typeof monaco;

/** TypeScript errors that do not apply to cells, which run as async scripts sharing one scope. */
const ignoredDiagnostics = [
	1375, // 'await' expressions are only allowed at the top level of a file when it is a module
	1378 // top-level 'await' needs module es2022+ (cells are not modules)
];

self.MonacoEnvironment = {
	getWorker: (_moduleId: string, label: string) =>
		new Worker(label === 'typescript' || label === 'javascript' ? typescriptWorkerUrl : editorWorkerUrl, { name: label })
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
holdUnknownNames(defaults, ignoredDiagnostics);
// Every cell model joins the program at once, so a name declared in one cell completes in the others.
defaults.setEagerModelSync(true);
defaults.addExtraLib(cellGlobals, 'file:///globals/tape.d.ts');

defineThemes(monaco);
followColorScheme(monaco);

// Library declarations are big (arquero, Plot, d3): fetch them after the first editor shows.
let librariesAdded: Promise<void> | undefined;
/** The cell globals (research library included once its declarations are in), ranked high in completions. */
let globalNames: ReadonlySet<string> = new Set(declaredNames(cellGlobals));
function addLibraryTypes() {
	librariesAdded ??= import('./libraryTypes').then(({ libraryTypes, workspaceGlobalsPath }) => {
		for (const [path, content] of Object.entries(libraryTypes)) defaults.addExtraLib(content, path);
		globalNames = new Set([...globalNames, ...declaredNames(libraryTypes[workspaceGlobalsPath])]);
	});
	return librariesAdded;
}
registerCellCompletions(monaco, typescript, () => globalNames);

export { monaco, addLibraryTypes };
