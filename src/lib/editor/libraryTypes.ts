/**
 * Declarations of what cells can use without an import, keyed by the path the TypeScript worker
 * resolves them at. Imported lazily: together they are the largest part of the editor's download.
 */
import * as data from '$lib/data';
import * as plots from '$lib/plots';
import * as research from '$lib/research';
import { documented } from './libraryDocs';

// Vite needs the options written out literally in each call.
const packages: Record<string, string> = {
	...import.meta.glob('/node_modules/arquero/dist/types/**/*.d.ts', { eager: true, query: '?raw', import: 'default' }),
	...import.meta.glob('/node_modules/@observablehq/plot/src/**/*.d.ts', { eager: true, query: '?raw', import: 'default' }),
	...import.meta.glob('/node_modules/@types/{d3,d3-*,geojson}/index.d.ts', { eager: true, query: '?raw', import: 'default' })
};

/** The research library and the data layer, as their TypeScript sources (types come with them). */
const workspace: Record<string, string> = {
	...import.meta.glob('/src/lib/research/**/*.ts', { eager: true, query: '?raw', import: 'default' }),
	...import.meta.glob('/src/lib/plots/**/*.ts', { eager: true, query: '?raw', import: 'default' }),
	...import.meta.glob('/src/lib/data/**/*.ts', { eager: true, query: '?raw', import: 'default' })
};

/** Where the packages' package.json "types" would point (the worker reads no JSON). */
const entryPoints: Record<string, string> = {
	'/node_modules/arquero/index.d.ts': "export * from './dist/types/index.js';",
	'/node_modules/@observablehq/plot/index.d.ts': "export * from './src/index.js';"
};

// Served as a package: the worker resolves bare specifiers through node_modules, not file URLs.
const workspacePackage = '/node_modules/@tape/';
const research_ = '@tape/lib/research/index';
const data_ = '@tape/lib/data/index';
const plots_ = '@tape/lib/plots/index';

/** `sql` (runtime/sql.ts) as cells see it; the SQL cells' own entry points are left out. */
const SQL_TYPES = `/** A value a query binds as a parameter (a \`?\` in the text): never spliced into it. */
type SqlParameter = string | number | boolean | Date | bigint | null | undefined;
interface SqlTag {
	/**
	 * Runs a read-only query and answers an arquero table. Each \${value} is a bound parameter.
	 * @example
	 * const counts = await sql\`SELECT symbol, count(*) AS n FROM prices WHERE symbol = \${sym} GROUP BY symbol\`
	 */
	(strings: TemplateStringsArray, ...values: SqlParameter[]): Promise<import('arquero').ColumnTable>;
	/**
	 * The same tag on a database declared where the workspace starts (TAPE_DB_<NAME>=<url>).
	 * @example
	 * const bars = await sql.on('warehouse')\`SELECT * FROM bars WHERE symbol = \${sym}\`
	 */
	on(database: string): SqlTag;
}
`;

const SQL_DECLARATION = `/**
 * Read-only SQL on the embedded DuckDB: every price file of the data folder and the sample as one
 * long table prices(symbol, date, open, high, low, close, adj_close, volume), each other CSV as a
 * view named after its file. Limited in rows, time and memory; a SQL cell (a sql fence) does the same.
 * @example
 * const highs = await sql\`SELECT symbol, max(close) AS high FROM prices WHERE date >= \${from} GROUP BY symbol\`
 */
declare const sql: SqlTag;`;

/** Every research and chart export is a cell global (the runtime spreads the modules into the builtins). */
// Each with its export's TSDoc: a global of its own has none, and hovers showed only the type.
const sources = Object.values(workspace);
/** Each global's name and declaration; a cell declaring the same name shadows it (workspaceGlobalsWithout). */
const workspaceGlobals: [string, string][] = [
	...Object.keys(research).map((name) => [name, documented(sources, name, `declare const ${name}: typeof import('${research_}').${name};`)] as [string, string]),
	...Object.keys(plots).map((name) => [name, documented(sources, name, `declare const ${name}: typeof import('${plots_}').${name};`)] as [string, string]),
	['loadSeries', documented(sources, 'LoadSeries', `declare const loadSeries: import('${data_}').LoadSeries;`)],
	// Its own doc here too: completions and hovers show the declaration's comment, not the type's.
	[
		'loadTable',
		`/**
 * Loads a CSV file of the data folder (one dropped on the notebook page, or put there) as an
 * arquero table, column types inferred; errors name file:line. See LoadTable for the options.
 * @example
 * const holdings = await loadTable('holdings'); // holdings.csv: name, sector, weight
 * holdings.groupby('sector').rollup({ weight: op.sum('weight') })
 */
declare const loadTable: import('${data_}').LoadTable;`
	],
	['sql', SQL_DECLARATION],
	...(['resample', 'toWide'] as const)
		.filter((name) => name in data)
		.map((name) => [name, documented(sources, name, `declare const ${name}: typeof import('${data_}').${name};`)] as [string, string])
];

/** The library's globals as cells see them: less those the notebook's cells declare themselves (`const ratio = …`), as at run time. */
export function workspaceGlobalsWithout(shadowed: ReadonlySet<string>): string {
	return [SQL_TYPES, ...workspaceGlobals.filter(([name]) => !shadowed.has(name)).map(([, text]) => text)].join('\n');
}

/** The names of the library's globals. */
export const WORKSPACE_GLOBALS: ReadonlySet<string> = new Set(workspaceGlobals.map(([name]) => name));

/** Where the research library's globals are declared among libraryTypes. */
export const workspaceGlobalsPath = 'file:///globals/workspace.d.ts';

export const libraryTypes: Record<string, string> = {
	...Object.fromEntries(
		Object.entries({
			...packages,
			...entryPoints,
			...Object.fromEntries(Object.entries(workspace).map(([path, text]) => [path.replace('/src/', workspacePackage), text]))
		}).map(([path, text]) => [`file://${path}`, text])
	),
	[workspaceGlobalsPath]: workspaceGlobalsWithout(new Set())
};
