/**
 * The names every cell can read without an import, shared by the browser, the CLI and exports.
 * Only how `loadSeries` reaches data differs by host, so the host passes its SeriesSource.
 */
import * as Plot from '@observablehq/plot';
import * as aq from 'arquero';
import * as d3 from 'd3';
import { createLoadSeries, resample, toWide, type SeriesSource } from '../data/index';
import * as research from '../research/index';
import * as plots from '../plots/index';
import { cellScoped } from './runtime';
import { html, md, svg } from './templates';
import { pickers } from './pickers';
import type * as ObservableInputs from '@observablehq/inputs';

export function commonBuiltins(source: SeriesSource, extra: Record<string, unknown> = {}): Record<string, unknown> {
	const shared = memoizeSource(source);
	return {
		...research,
		...plots,
		Plot,
		aq,
		// `op` on its own because arquero's table expressions are written with it: d => op.lag(d.close).
		op: aq.op,
		d3,
		md,
		html,
		svg,
		loadSeries: cellScoped(({ warn }) => createLoadSeries(shared, { onWarning: warn })),
		resample,
		toWide,
		...(extra.Inputs ? pickers(extra.Inputs as typeof ObservableInputs, shared) : {}),
		...extra
	};
}

/** One fetch per symbol per session of the workspace: cells loading IWM share its text. */
function memoizeSource(source: SeriesSource): SeriesSource {
	const texts = new Map<string, ReturnType<SeriesSource['fetchCsv']>>();
	return {
		listSymbols: source.listSymbols && (() => source.listSymbols!()),
		fetchCsv(symbol, opts) {
			if (opts?.refresh || !texts.has(symbol)) {
				const pending = source.fetchCsv(symbol, opts);
				texts.set(symbol, pending);
				pending.catch(() => texts.delete(symbol));
			}
			return texts.get(symbol)!;
		}
	};
}

/** The browser's builtins: data through the workspace's API, and Observable Inputs for controls. */
export async function browserBuiltins(): Promise<Record<string, unknown>> {
	const [{ createBrowserSource }, Inputs] = await Promise.all([import('../data/index'), import('@observablehq/inputs')]);
	return commonBuiltins(createBrowserSource(), { Inputs });
}
