import type { DateSpan } from './origin-label';
import type { ParsedPriceSeries } from './parse-price-csv';
import type { DataFrom, FetchProgress } from './progress';
import type { SessionRange } from './session-range';

export interface FetchCsvOptions {
	/** Refetch from a provider rather than reuse a cached copy (the user's own files are never refetched). */
	refresh?: boolean;
	/** Told what a slow fetch is doing (which provider, bytes received); only sources that reach providers call it. */
	onProgress?: (progress: FetchProgress) => void;
	/** Only these sessions are needed: a source may send just them (see SessionRange), or the whole file. */
	range?: SessionRange;
	/** Only a file the data folder (or the sample, or the download cache) has: never a download. */
	localOnly?: boolean;
}

/** A CSV and where it came from: `origin` is the file path or URL (used in messages), `from` its kind when known. */
export interface FetchedCsv {
	text: string;
	origin: string;
	from?: DataFrom;
	/**
	 * Set when `text` is part of the file, cut by a source that parsed it whole: that parse's
	 * warnings (what loadSeries shows instead of its own parse's) and the dates the file covers.
	 */
	warnings?: string[];
	span?: DateSpan;
	/**
	 * `text` as `parsePriceSeries(text, origin)` reads it, when that was done already (off the
	 * frame's thread, see ui/seriesParser.ts): a loader uses a copy of it instead of parsing again.
	 */
	parsed?: ParsedPriceSeries;
}

/**
 * Where `loadSeries` and `loadTable` get their CSV: the server's data folder and providers
 * (`createServerSource`), the browser's API client (`createBrowserSource`), or anything a test
 * or notebook supplies.
 */
export interface SeriesSource {
	/** The CSV text for `symbol` and where it came from. */
	fetchCsv(symbol: string, opts?: FetchCsvOptions): Promise<FetchedCsv>;
	/** The symbols it has without a download (the data folder and its cache), for pickers. */
	listSymbols?(): Promise<string[]>;
	/**
	 * A CSV file of the data folder by name (`holdings` or `holdings.csv`), for `loadTable`;
	 * sources without files (none here yet) leave it out and `loadTable` says so.
	 */
	fetchTable?(name: string): Promise<FetchedCsv>;
}
