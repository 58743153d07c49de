/**
 * Declaration files of the libraries cells use, keyed by the path the TypeScript worker resolves
 * them at (file:///node_modules/...), so `typeof import('arquero')` works in cellGlobals.
 * Imported lazily: together they are the largest part of the editor's download.
 */
// Vite needs the options written out literally in each call.
const files: Record<string, string> = {
	...import.meta.glob('/node_modules/arquero/dist/types/**/*.d.ts', { eager: true, query: '?raw', import: 'default' }),
	...import.meta.glob('/node_modules/@observablehq/plot/src/**/*.d.ts', { eager: true, query: '?raw', import: 'default' }),
	...import.meta.glob('/node_modules/@types/{d3,d3-*,geojson}/index.d.ts', { eager: true, query: '?raw', import: 'default' })
};

/** Entry points where the packages' own package.json "types" would point (the worker reads no JSON). */
const entryPoints: Record<string, string> = {
	'/node_modules/arquero/index.d.ts': "export * from './dist/types/index.js';",
	'/node_modules/@observablehq/plot/index.d.ts': "export * from './src/index.js';"
};

export const libraryTypes: Record<string, string> = Object.fromEntries(
	Object.entries({ ...files, ...entryPoints }).map(([path, text]) => [`file://${path}`, text])
);
