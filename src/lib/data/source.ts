/**
 * Where `loadSeries` gets a symbol's CSV: the server's data folder and providers
 * (`createServerSource`), the browser's API client (`createBrowserSource`), or anything a test
 * or notebook supplies.
 */
export interface SeriesSource {
	/**
	 * The CSV text for `symbol` and where it came from (file path or URL, used in messages).
	 * `refresh: true` asks to refetch from a provider rather than reuse a cached copy.
	 */
	fetchCsv(symbol: string, opts?: { refresh?: boolean }): Promise<{ text: string; origin: string }>;
	/** The symbols it has without a download (the data folder and its cache), for pickers. */
	listSymbols?(): Promise<string[]>;
}
