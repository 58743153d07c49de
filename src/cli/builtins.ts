/** What cells can read when a notebook runs in Node: the shared builtins (loadSeries, loadTable, …) over the data folder and providers. */
import { resolve } from 'node:path';
import { csvDateSpan, type DataFrom, type DateSpan, type SeriesSource } from '../lib/data/index';
import { commonBuiltins } from '../lib/runtime/builtins';
import { createServerSource } from '../lib/server/data/index';
import { createSql, type SqlRunner } from '../lib/runtime/sql';
import { serverSql } from '../lib/server/sql-runner';

/** A series a notebook loaded, and where it came from (for the readable log). */
export interface LoadedSeries {
	symbol: string;
	from?: DataFrom;
	span?: DateSpan;
}

/** The sample shipped in this checkout, wherever the command is run from (TAPE_SAMPLE_DIR wins, empty for none). */
process.env.TAPE_SAMPLE_DIR ??= resolve(import.meta.dirname, '../../sample');

/**
 * Call after installDom(): Observable Inputs builds its elements with the global document.
 * `onLoad` hears each series the source answers (once per symbol: loads are memoized per builtins).
 */
export async function nodeBuiltins(onLoad?: (loaded: LoadedSeries) => void, sql: SqlRunner = serverSql()): Promise<Record<string, unknown>> {
	const Inputs = await import('@observablehq/inputs');
	const server = createServerSource();
	const source: SeriesSource = !onLoad
		? server
		: {
				...server,
				async fetchCsv(symbol, opts) {
					const fetched = await server.fetchCsv(symbol, opts);
					onLoad({ symbol, from: fetched.from, span: csvDateSpan(fetched.text) });
					return fetched;
				}
			};
	// SQL cells query the data folder's databases directly: the CLI is the user's own program.
	return commonBuiltins(source, { Inputs, sql: createSql(sql) });
}
