/**
 * Monaco served prebuilt instead of pushed through Rollup on every build, which was most of the
 * app's build time (about 1,300 of its modules, and a 7 MB TypeScript worker to parse and minify):
 *
 * - `virtual:monaco-workers`: the URLs of the workers the package ships prebuilt
 *   (`monaco-editor/min/vs/assets/`, one classic script each);
 * - `virtual:monaco`: `loadMonaco()` imports src/lib/editor/monaco-modules.ts, which a production
 *   build bundles once with esbuild (a few seconds) into one ES module and its CSS, both emitted
 *   as hashed assets. Under `vite dev` both are plain imports of the package.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

const WORKERS_ID = 'virtual:monaco-workers';
const MONACO_ID = 'virtual:monaco';
const MODULES = resolve(import.meta.dirname, 'src/lib/editor/monaco-modules.ts');

/** The prebuilt workers we use, by the name their file starts with. */
const WORKERS = { editorWorkerUrl: 'editor.worker-', typescriptWorkerUrl: 'ts.worker-' };

function workerFile(prefix: string): string {
	// The package's exports map hides min/ (and package.json); its CommonJS entry is min/vs/index.js.
	const folder = join(dirname(createRequire(import.meta.url).resolve('monaco-editor')), 'assets');
	const matches = readdirSync(folder).filter((f) => f.startsWith(prefix) && f.endsWith('.js'));
	if (matches.length !== 1) throw new Error(`vite.monaco: expected one ${prefix}*.js in ${folder}, found ${matches.length}`);
	return join(folder, matches[0]);
}

/** Loads the stylesheet and the module at once; resolves when both are in (editors measure fonts and sizes as they are created). */
const LOADER = (jsUrl: string, cssUrl: string) => `
let loading;
export function loadMonaco() {
	loading ??= Promise.all([
		new Promise((resolve, reject) => {
			const link = document.createElement('link');
			link.rel = 'stylesheet';
			link.href = ${cssUrl};
			link.onload = resolve;
			link.onerror = () => reject(new Error('could not load the editor stylesheet'));
			document.head.append(link);
		}),
		import(/* @vite-ignore */ ${jsUrl})
	]).then(([, monaco]) => monaco);
	return loading;
}`;

export function monacoPrebuilt(): Plugin {
	let serving = false;
	return {
		name: 'tape-monaco-prebuilt',
		configResolved(config) {
			serving = config.command === 'serve';
		},
		resolveId: (id) => (id === WORKERS_ID || id === MONACO_ID ? '\0' + id : undefined),
		async load(id, options) {
			// The server never starts an editor: nothing of Monaco in its output.
			if (id === '\0' + WORKERS_ID) {
				return Object.entries(WORKERS)
					.map(([name, prefix]) => {
						const file = workerFile(prefix);
						if (options?.ssr) return `export const ${name} = '';`;
						if (serving) return `export const ${name} = ${JSON.stringify('/@fs' + file)};`;
						const ref = this.emitFile({ type: 'asset', name: prefix.replace(/-$/, '.js'), source: readFileSync(file) });
						return `export const ${name} = import.meta.ROLLUP_FILE_URL_${ref};`;
					})
					.join('\n');
			}
			if (id === '\0' + MONACO_ID) {
				if (options?.ssr) return `export function loadMonaco() { throw new Error('no editor on the server'); }`;
				if (serving) return `export const loadMonaco = () => import(${JSON.stringify('/@fs' + MODULES)});`;
				const { outputFiles } = await build({
					entryPoints: [MODULES],
					bundle: true,
					format: 'esm',
					minify: true,
					target: 'es2022',
					write: false,
					outdir: 'monaco',
					// Codicons: the CSP allows data: fonts, and one file fewer to find.
					loader: { '.ttf': 'dataurl' },
					logLevel: 'error'
				});
				const js = outputFiles.find((f) => f.path.endsWith('.js'))!;
				const css = outputFiles.find((f) => f.path.endsWith('.css'))!;
				const jsRef = this.emitFile({ type: 'asset', name: 'monaco.js', source: js.contents });
				const cssRef = this.emitFile({ type: 'asset', name: 'monaco.css', source: css.contents });
				return LOADER(`import.meta.ROLLUP_FILE_URL_${jsRef}`, `import.meta.ROLLUP_FILE_URL_${cssRef}`);
			}
		}
	};
}
