/**
 * Which price series a notebook loads, with their CSV text, for exports that must open offline:
 * the notebook runs once headlessly with a source that keeps what it hands out. Symbols written
 * as string literals in `loadSeries(...)` calls are fetched too, in case the cell that loads them
 * could not run headlessly (e.g. it waited on a chart that needs a DOM).
 */
import type { SeriesSource } from '../data/index';
import { parseNotebook } from '../notebook/index';
import { createRuntime } from '../runtime/index';

/** A source that remembers every CSV it returned, by the symbol it was asked for. */
export function recordingSource(source: SeriesSource): { source: SeriesSource; recorded: Map<string, string> } {
	const recorded = new Map<string, string>();
	return {
		recorded,
		source: {
			async fetchCsv(symbol, opts) {
				const result = await source.fetchCsv(symbol, opts);
				recorded.set(symbol, result.text);
				return result;
			}
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

export interface RecordOptions {
	/** The names cells read (commonBuiltins over the given source, plus what the host can offer). */
	builtins: (source: SeriesSource) => Record<string, unknown>;
	source: SeriesSource;
	/** Stop waiting for cells after this long (a notebook may poll or animate forever). */
	timeoutMs?: number;
	/** Symbols the workspace saw the notebook load in the browser (cells that draw do not run here). */
	symbols?: string[];
}

/** Symbol → CSV text of every series the notebook loaded; series that fail to load are left out. */
export async function recordSeries(text: string, name: string, options: RecordOptions): Promise<Record<string, string>> {
	const notebook = parseNotebook(text, name);
	const { source, recorded } = recordingSource(options.source);
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
	for (const symbol of [...literalSymbols(code.map((cell) => cell.source).join('\n')), ...(options.symbols ?? [])]) {
		if (recorded.has(symbol)) continue;
		await source.fetchCsv(symbol).catch(() => undefined);
	}
	return Object.fromEntries([...recorded].sort(([a], [b]) => a.localeCompare(b)));
}
