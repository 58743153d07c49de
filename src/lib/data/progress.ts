/**
 * What a slow data request reports while it runs, so the workspace can say "fetching IWM from
 * Yahoo… 230 KB" instead of a silent wait. Shared by the server (which produces the events while
 * it asks providers) and the workspace page (which shows them); notebook code never sees them.
 */

/**
 * Where a series' CSV came from: the user's own file, the sample data set shipped with Tape, the
 * cache of an earlier download, or a provider just now.
 */
export type DataFrom = 'folder' | 'sample' | 'cache' | 'provider';

export const DATA_FROM: readonly DataFrom[] = ['folder', 'sample', 'cache', 'provider'];

export function isDataFrom(value: unknown): value is DataFrom {
	return typeof value === 'string' && (DATA_FROM as readonly string[]).includes(value);
}

export type FetchProgress =
	/** A provider is being asked (the slow part starts). */
	| { type: 'fetching'; provider: string }
	/** Bytes of the provider's answer received so far; `total` when the provider said how many. */
	| { type: 'received'; provider: string; bytes: number; total?: number }
	/** The provider could not give the series; the next one is tried. */
	| { type: 'declined'; provider: string; reason: string };

/** Providers by the name users know them by, for messages ("fetching IWM from Yahoo…"). */
export function providerLabel(provider: string): string {
	const known: Record<string, string> = { yahoo: 'Yahoo', stooq: 'Stooq', fred: 'FRED' };
	return known[provider] ?? provider;
}

/**
 * The series endpoint's answer when progress is asked for (`?progress=1`): newline-delimited
 * JSON, any number of {@link FetchProgress} lines, then one `csv` or `error` line.
 */
export type SeriesStreamLine = FetchProgress | { type: 'csv'; text: string; origin: string; from?: DataFrom } | { type: 'error'; error: string };

export const PROGRESS_MEDIA_TYPE = 'application/x-ndjson';
