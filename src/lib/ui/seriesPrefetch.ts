/**
 * Series asked for while the notebook page and its frame start. Without it a notebook's series are
 * asked for only when its cell runs, after the frame's 1.6 MB script has loaded and run (about a
 * second in); here the page asks the server for the whole series the notebook's code names
 * (read from the code, never run it: present/reachable-code.ts) as soon as the notebook's text
 * arrives, and RuntimeView answers the frame's first request for each with it. The same page
 * fetch as the frame's requests, so the data still go only to this page and, through it, its
 * frame; only files the server has (`localOnly`), so a guess never makes it download. Each is
 * parsed meanwhile in a worker of the page (seriesParser.ts), not on the frame's thread.
 */
import { Parser } from 'acorn';
import { tsPlugin } from '@sveltejs/acorn-typescript';
import { createBrowserSource, type FetchedCsv, type SeriesSource } from '$lib/data';
import { parseNotebook } from '$lib/notebook';
import { reachableIn, type AnyNode } from '$lib/present/reachable-code';
import { parseOffThread } from './seriesParser';

/** More names than this are a symbol picker's options, not series the notebook loads: only its literal calls are fetched then. */
const MAX_SERIES = 8;
/** Past this much code (thousands of cells) reading it would hold up the page's opening more than the data would. */
const MAX_CODE_CHARS = 100_000;
/** Fetched for a page that never took them (the notebook failed to open, a link only hovered): dropped after this. */
const UNCLAIMED_MS = 15_000;

const TypeScriptParser = Parser.extend(tsPlugin());

function parseCode(source: string): AnyNode | undefined {
	try {
		return TypeScriptParser.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as unknown as AnyNode;
	} catch {
		return undefined;
	}
}

/**
 * The symbols worth fetching before `cells` (code cells' TypeScript) run: those their calls of
 * `loadSeries` without a range name, directly or through names defined in the notebook
 * (`const symbols = ['^RUT', 'IWM']` then `symbols.map((s) => loadSeries(s))`).
 */
export function seriesToPrefetch(cells: string[]): string[] {
	const { direct, indirect } = reachableIn(cells.map(parseCode), { wholeOnly: true }).series;
	if (direct.length + indirect.length <= MAX_SERIES) return [...direct, ...indirect];
	return direct.slice(0, MAX_SERIES);
}

/** Whole series asked for early, each handed out once: a later request (after Refresh data, say) asks anew. */
export class PrefetchedSeries {
	#pending = new Map<string, Promise<FetchedCsv>>();

	/** `parse`: parses a whole series meanwhile (undefined: the frame will), see seriesParser.ts. */
	constructor(symbols: string[], source: SeriesSource, parse: typeof parseOffThread = parseOffThread) {
		for (const symbol of symbols) {
			const pending = source.fetchCsv(symbol, { localOnly: true }).then(async (fetched) => {
				const parsed = fetched.warnings ? undefined : await parse(fetched.text, fetched.origin);
				return parsed ? { ...fetched, parsed } : fetched;
			});
			// Not taken, or taken and failed: the frame's own request then goes the usual way and says why.
			pending.catch(() => {});
			this.#pending.set(symbol, pending);
		}
	}

	get symbols(): string[] {
		return [...this.#pending.keys()];
	}

	/** The whole series of `symbol` when it was asked for early and not yet handed out. */
	take(symbol: string): Promise<FetchedCsv> | undefined {
		const pending = this.#pending.get(symbol);
		this.#pending.delete(symbol);
		return pending;
	}

	/** Forgets what was not taken (the first run is over, or the data changed). */
	drop(): void {
		this.#pending.clear();
	}
}

let waiting: { notebook: string; series: PrefetchedSeries; timer: ReturnType<typeof setTimeout> } | undefined;

/** Starts fetching the series the notebook `text` loads whole, for the page about to open `notebook`. */
export function prefetchSeries(notebook: string, text: string, source: SeriesSource = createBrowserSource()): void {
	if (waiting) clearTimeout(waiting.timer);
	waiting = undefined;
	let cells: string[];
	try {
		cells = parseNotebook(text).cells.filter((cell) => cell.kind === 'code' && cell.language === undefined).map((cell) => cell.source);
	} catch {
		return; // The page shows why the notebook does not open; nothing to fetch.
	}
	if (cells.reduce((n, cell) => n + cell.length, 0) > MAX_CODE_CHARS) return;
	const symbols = seriesToPrefetch(cells);
	if (!symbols.length) return;
	const series = new PrefetchedSeries(symbols, source);
	const timer = setTimeout(() => {
		if (waiting?.series === series) waiting = undefined;
	}, UNCLAIMED_MS);
	waiting = { notebook, series, timer };
}

/** The series prefetchSeries started for `notebook`, taken once; undefined when there are none. */
export function adoptPrefetchedSeries(notebook: string): PrefetchedSeries | undefined {
	const started = waiting;
	if (!started || started.notebook !== notebook) return undefined;
	clearTimeout(started.timer);
	waiting = undefined;
	return started.series;
}
