/**
 * Series asked for while the notebook page and its frame start. Without it a notebook's series are
 * asked for only when its cell runs, after the frame's 1.6 MB script has loaded and run (about a
 * second in); here the page asks the server for the whole series the notebook's code names
 * (read from the code in the page's worker, never run: seriesNames.ts) as soon as the notebook's
 * text arrives, and RuntimeView answers the frame's first request for each with it. The same page
 * fetch as the frame's requests, so the data still go only to this page and, through it, its
 * frame; only files the server has (`localOnly`), so a guess never makes it download. Each is
 * parsed meanwhile in that worker (seriesParser.ts), not on the frame's thread.
 */
import { createBrowserSource, type FetchedCsv, type SeriesSource } from '$lib/data';
import { parseNotebook } from '$lib/notebook';
import { namesOffThread, parseOffThread } from './seriesParser';

/** Past this much code (thousands of cells) reading it would cost more than the data would save. */
const MAX_CODE_CHARS = 100_000;
/** Fetched for a page that never took them (the notebook failed to open, a link only hovered): dropped after this. */
const UNCLAIMED_MS = 15_000;

/** Whole series asked for early, each handed out once: a later request (after Refresh data, say) asks anew. */
export class PrefetchedSeries {
	#pending: Promise<Map<string, Promise<FetchedCsv>>>;
	#dropped = false;

	/**
	 * `symbols`: the series to ask for (known once the code is read); `parse`: parses a whole series
	 * meanwhile (undefined: the frame will), see seriesParser.ts.
	 */
	constructor(symbols: string[] | Promise<string[]>, source: SeriesSource, parse: typeof parseOffThread = parseOffThread) {
		this.#pending = Promise.resolve(symbols)
			.catch(() => [])
			.then((names) => {
				const pending = new Map<string, Promise<FetchedCsv>>();
				if (this.#dropped) return pending;
				for (const symbol of names) {
					const fetched = source.fetchCsv(symbol, { localOnly: true }).then(async (csv) => {
						const parsed = csv.warnings ? undefined : await parse(csv.text, csv.origin);
						return parsed ? { ...csv, parsed } : csv;
					});
					// Not taken, or taken and failed: the frame's own request then goes the usual way and says why.
					fetched.catch(() => {});
					pending.set(symbol, fetched);
				}
				return pending;
			});
	}

	/** The symbols asked for and not yet handed out. */
	async symbols(): Promise<string[]> {
		return [...(await this.#pending).keys()];
	}

	/** The whole series of `symbol` when it was asked for early and not yet handed out; undefined otherwise. */
	async take(symbol: string): Promise<FetchedCsv | undefined> {
		const pending = await this.#pending;
		const fetched = pending.get(symbol);
		pending.delete(symbol);
		return fetched;
	}

	/** Forgets what was not taken (the first run is over, or the data changed). */
	drop(): void {
		this.#dropped = true;
		void this.#pending.then((pending) => pending.clear());
	}
}

let waiting: { notebook: string; series: PrefetchedSeries; timer: ReturnType<typeof setTimeout> } | undefined;

/** Starts fetching the series the notebook `text` loads whole, for the page about to open `notebook`. */
export function prefetchSeries(notebook: string, text: string, source: SeriesSource = createBrowserSource(), names: typeof namesOffThread = namesOffThread): void {
	if (waiting) clearTimeout(waiting.timer);
	waiting = undefined;
	let cells: string[];
	try {
		cells = parseNotebook(text).cells.filter((cell) => cell.kind === 'code' && cell.language === undefined).map((cell) => cell.source);
	} catch {
		return; // The page shows why the notebook does not open; nothing to fetch.
	}
	if (!cells.some((code) => code.includes('loadSeries')) || cells.reduce((n, code) => n + code.length, 0) > MAX_CODE_CHARS) return;
	const series = new PrefetchedSeries(names(cells), source);
	const timer = setTimeout(() => {
		if (waiting?.series !== series) return;
		waiting = undefined;
		series.drop();
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
