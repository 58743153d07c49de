import { DataError } from './errors';
import type { SeriesSource } from './source';

/** Header the series endpoint uses to say which file or URL the CSV came from. */
export const ORIGIN_HEADER = 'x-tape-origin';

/**
 * A {@link SeriesSource} for the browser: asks the workspace server
 * (`GET /api/data/series/<symbol>`, `?refresh=1` to refetch), since providers cannot be called
 * from a page (CORS) and the data folder lives on the server. A failure's `{ error }` message
 * is thrown as a {@link DataError}.
 *
 * @example
 * const loadSeries = createLoadSeries(createBrowserSource());
 * const iwm = await loadSeries('IWM');
 */
export function createBrowserSource(fetchImpl: typeof fetch = fetch): SeriesSource {
	return {
		async fetchCsv(symbol, opts = {}) {
			const url = `/api/data/series/${encodeURIComponent(symbol)}${opts.refresh ? '?refresh=1' : ''}`;
			let response: Response;
			try {
				response = await fetchImpl(url);
			} catch (e) {
				throw new DataError(`cannot reach the workspace server for ${symbol} (${(e as Error).message})`, { symbol });
			}
			if (!response.ok) throw new DataError(await errorMessage(response, symbol), { symbol });
			return { text: await response.text(), origin: response.headers.get(ORIGIN_HEADER) ?? url };
		},
		async listSymbols() {
			const response = await fetchImpl('/api/data/symbols').catch(() => undefined);
			if (!response?.ok) return [];
			const { symbols } = (await response.json()) as { symbols?: unknown };
			return Array.isArray(symbols) ? symbols.filter((s): s is string => typeof s === 'string') : [];
		}
	};
}

async function errorMessage(response: Response, symbol: string): Promise<string> {
	const body = await response.text();
	try {
		const { error } = JSON.parse(body) as { error?: unknown };
		if (typeof error === 'string') return error;
	} catch {
		// Not JSON (a proxy's error page, say): fall through to the status.
	}
	return `no data for ${symbol}: the server answered ${response.status} ${response.statusText}`.trim();
}
