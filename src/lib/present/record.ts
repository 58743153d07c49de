/**
 * Which price series and tables a notebook loads, with their CSV text, for exports that must open
 * offline: the notebook runs once headlessly with a source that keeps what it hands out. Symbols
 * and table names written as string literals in `loadSeries(...)` and `loadTable(...)` calls are
 * fetched too, in case the cell that loads them could not run headlessly (e.g. it waited on a
 * chart that needs a DOM).
 */
import type { SeriesSource } from '../data/index';
import { parseNotebook } from '../notebook/index';
import { createRuntime } from '../runtime/index';

/** A source that remembers every CSV it returned: series by the symbol asked for, tables by name. */
export function recordingSource(source: SeriesSource): { source: SeriesSource; recorded: Map<string, string>; tables: Map<string, string> } {
	const recorded = new Map<string, string>();
	const tables = new Map<string, string>();
	return {
		recorded,
		tables,
		source: {
			async fetchCsv(symbol, opts) {
				const result = await source.fetchCsv(symbol, opts);
				recorded.set(symbol, result.text);
				return result;
			},
			fetchTable:
				source.fetchTable &&
				(async (name) => {
					const result = await source.fetchTable!(name);
					tables.set(name, result.text);
					return result;
				})
		}
	};
}

/** String literals passed to loadSeries: loadSeries('IWM'), loadSeries(["SPY", 'IWM']). */
export function literalSymbols(code: string): string[] {
	const symbols = new Set<string>();
	for (const call of code.matchAll(/loadSeries\s*\(\s*(\[[^\]]*\]|(['"`])[^'"`\n]*\2)/g)) {
		for (const literal of call[1].matchAll(/(['"`])([^'"`\n]+)\1/g)) symbols.add(literal[2]);
	}
	return [...symbols];
}

/** String literals passed to loadTable, as the file names it reads: loadTable('holdings') → holdings.csv. */
export function literalTables(code: string): string[] {
	const names = new Set<string>();
	for (const call of code.matchAll(/loadTable\s*\(\s*(['"`])([^'"`\n]+)\1/g)) names.add(call[2].replace(/\.csv$/i, '') + '.csv');
	return [...names];
}

export interface RecordOptions {
	/** The names cells read (commonBuiltins over the given source, plus what the host can offer). */
	builtins: (source: SeriesSource) => Record<string, unknown>;
	source: SeriesSource;
	/** Stop waiting for cells after this long (a notebook may poll or animate forever). */
	timeoutMs?: number;
	/** Symbols the workspace saw the notebook load in the browser (cells that draw do not run here). */
	symbols?: string[];
	/** Table files the workspace saw the notebook load (holdings.csv). */
	tables?: string[];
}

export interface RecordedData {
	/** Symbol → CSV text. */
	series: Record<string, string>;
	/** Table file name (holdings.csv) → CSV text. */
	tables: Record<string, string>;
}

/** Every series and table the notebook loaded, with their CSV text; those that fail to load are left out. */
export async function recordData(text: string, name: string, options: RecordOptions): Promise<RecordedData> {
	const notebook = parseNotebook(text, name);
	const { source, recorded, tables } = recordingSource(options.source);
	const code = notebook.cells.filter((cell) => cell.kind === 'code');
	const runtime = createRuntime({ builtins: options.builtins(source) });
	try {
		runtime.update(code.map(({ id, source }) => ({ id, source })));
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.timeoutMs ?? 30_000)));
		await Promise.race([runtime.run(), timeout]);
		clearTimeout(timer);
	} finally {
		runtime.dispose();
	}
	const all = code.map((cell) => cell.source).join('\n');
	for (const symbol of [...literalSymbols(all), ...(options.symbols ?? [])]) {
		if (recorded.has(symbol)) continue;
		await source.fetchCsv(symbol).catch(() => undefined);
	}
	for (const file of [...literalTables(all), ...(options.tables ?? [])]) {
		if (tables.has(file)) continue;
		await source.fetchTable?.(file).catch(() => undefined);
	}
	const sorted = (map: Map<string, string>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
	return { series: sorted(recorded), tables: sorted(tables) };
}

/** Symbol → CSV text of every series the notebook loaded; series that fail to load are left out. */
export async function recordSeries(text: string, name: string, options: RecordOptions): Promise<Record<string, string>> {
	return (await recordData(text, name, options)).series;
}
