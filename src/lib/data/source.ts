import type { DataFrom, FetchProgress } from './progress';

export interface FetchCsvOptions {
	/** Refetch from a provider rather than reuse a cached copy (the user's own files are never refetched). */
	refresh?: boolean;
	/** Told what a slow fetch is doing (which provider, bytes received); only sources that reach providers call it. */
	onProgress?: (progress: FetchProgress) => void;
}

/** A CSV and where it came from: `origin` is the file path or URL (used in messages), `from` its kind when known. */
export interface FetchedCsv {
	text: string;
	origin: string;
	from?: DataFrom;
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
