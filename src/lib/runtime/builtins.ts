/**
 * The names every cell can read without an import, shared by the browser, the CLI and exports.
 * Only how `loadSeries` and `loadTable` reach data differs by host, so the host passes its SeriesSource.
 */
import * as Plot from '@observablehq/plot';
import * as aq from 'arquero';
import * as d3 from 'd3';
import { createLoadSeries, createLoadTable, resample, toWide, type SeriesSource } from '../data/index';
import { rangeQuery } from '../data/session-range';
import * as research from '../research/index';
import * as plots from '../plots/index';
import { cellScoped } from './runtime';
import { html, md, svg } from './templates';
import { pickers } from './pickers';
import { createSql, noSql } from './sql';
import type * as ObservableInputs from '@observablehq/inputs';

/** `source` is memoized for the session unless it already is (a host that must forget it makes its own, see memoizeSource). */
export function commonBuiltins(source: SeriesSource, extra: Record<string, unknown> = {}): Record<string, unknown> {
	const shared = MEMOIZED in source ? source : memoizeSource(source);
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
		loadTable: cellScoped(({ warn }) => createLoadTable(shared, { onWarning: warn })),
		resample,
		toWide,
		// A host with databases (or embedded results) passes its own `sql` in `extra`.
		sql: createSql(noSql),
		...(extra.Inputs ? pickers(extra.Inputs as typeof ObservableInputs, shared) : {}),
		...extra
	};
}

const MEMOIZED = Symbol('tape.memoizedSource');

export interface MemoizedSource extends SeriesSource {
	readonly [MEMOIZED]: true;
	/** Drops what was kept, so the next loads ask the source again (the workspace's Refresh data). */
	forget(): void;
}

/**
 * One fetch per symbol (and per table) per session of the workspace: cells loading IWM share its
 * text; a cell asking for a range of sessions before any asks for the whole file fetches only that range. Only the host may call forget(); cells see loadSeries and loadTable, never the source.
 */
export function memoizeSource(source: SeriesSource): MemoizedSource {
	const texts = new Map<string, ReturnType<SeriesSource['fetchCsv']>>();
	const once = (key: string, fetch: () => ReturnType<SeriesSource['fetchCsv']>, again = false) => {
		if (again || !texts.has(key)) {
			const pending = fetch();
			texts.set(key, pending);
			pending.catch(() => {
				if (texts.get(key) === pending) texts.delete(key);
			});
		}
		return texts.get(key)!;
	};
	return {
		[MEMOIZED]: true,
		listSymbols: source.listSymbols && (() => source.listSymbols!()),
		fetchCsv: (symbol, opts) => {
			const whole = `series:${symbol}`;
			const range = rangeQuery(opts?.range);
			// The whole file already asked for serves any range (loadSeries clips); else only the range is asked.
			if (!range || opts?.refresh || texts.has(whole)) return once(whole, () => source.fetchCsv(symbol, opts), !!opts?.refresh);
			return once(`${whole}?${range}`, () => source.fetchCsv(symbol, opts));
		},
		fetchTable: source.fetchTable && ((name) => once(`table:${name}`, () => source.fetchTable!(name))),
		forget: () => texts.clear()
	};
}

/** The browser's builtins: data through the workspace's API, and Observable Inputs for controls. */
export async function browserBuiltins(): Promise<Record<string, unknown>> {
	const [{ createBrowserSource }, Inputs] = await Promise.all([import('../data/index'), import('@observablehq/inputs')]);
	return commonBuiltins(createBrowserSource(), { Inputs });
}
