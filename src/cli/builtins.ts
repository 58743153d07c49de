/** What cells can read when a notebook runs in Node: the shared builtins (loadSeries, loadTable, …) over the data folder and providers. */
import { commonBuiltins } from '../lib/runtime/builtins';
import { createServerSource } from '../lib/server/data/index';

/** Call after installDom(): Observable Inputs builds its elements with the global document. */
export async function nodeBuiltins(): Promise<Record<string, unknown>> {
	const Inputs = await import('@observablehq/inputs');
	return commonBuiltins(createServerSource(), { Inputs });
}
