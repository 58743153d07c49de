/**
 * What a notebook loads when it runs, for `tape export`: the CLI runs the notebook as the user's
 * own program (like `jupyter nbconvert --execute`), with a source that notes every series and
 * table handed out. Only the CLI may do this: the server never runs notebook code (its exports
 * read the code and what the browser saw instead).
 */
import type { SeriesSource } from '../lib/data/index';
import { parseNotebook } from '../lib/notebook/index';
import { createRuntime } from '../lib/runtime/index';
import { runtimeCell } from '../lib/runtime/sql-cell';

export interface Loaded {
	symbols: string[];
	/** Table names as asked (holdings or holdings.csv). */
	tables: string[];
}

/** A source that notes the names it was asked for and answered. */
export function recordingSource(source: SeriesSource): { source: SeriesSource; loaded: Loaded } {
	const loaded: Loaded = { symbols: [], tables: [] };
	return {
		loaded,
		source: {
			async fetchCsv(symbol, opts) {
				const result = await source.fetchCsv(symbol, opts);
				loaded.symbols.push(symbol);
				return result;
			},
			fetchTable:
				source.fetchTable &&
				(async (name) => {
					const result = await source.fetchTable!(name);
					loaded.tables.push(name);
					return result;
				})
		}
	};
}

export interface RunOptions {
	/** The names cells read, over the recording source. */
	builtins: (source: SeriesSource) => Record<string, unknown>;
	source: SeriesSource;
	/** Stop waiting for cells after this long (a notebook may poll or animate forever). */
	timeoutMs?: number;
}

/** Runs every code cell once and answers the series and tables they loaded. */
export async function runAndRecord(text: string, name: string, options: RunOptions): Promise<Loaded> {
	const notebook = parseNotebook(text, name);
	const { source, loaded } = recordingSource(options.source);
	const runtime = createRuntime({ builtins: options.builtins(source) });
	try {
		runtime.update(notebook.cells.flatMap((cell) => (cell.kind === 'code' ? [runtimeCell(cell)] : [])));
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.timeoutMs ?? 30_000)));
		await Promise.race([runtime.run(), timeout]);
		clearTimeout(timer);
	} finally {
		runtime.dispose();
	}
	return loaded;
}
