import { DataError } from './errors';
import { isDataFrom, PROGRESS_MEDIA_TYPE, type FetchProgress, type SeriesStreamLine } from './progress';
import { rangeQuery } from './session-range';
import type { FetchedCsv, SeriesSource } from './source';
import { xhrFetch } from './xhr-fetch';

/** Header the series endpoint uses to say which file or URL the CSV came from. */
export const ORIGIN_HEADER = 'x-tape-origin';
/** Header saying what kind of place that is: the data folder, the sample, the cache, or a provider just now. */
export const FROM_HEADER = 'x-tape-from';
/** Headers of an answer cut to a range: the whole file's parse warnings (URI-encoded JSON) and its first/last dates. */
export const WARNINGS_HEADER = 'x-tape-warnings';
export const SPAN_HEADER = 'x-tape-span';

/**
 * A {@link SeriesSource} for the browser: asks the workspace server
 * (`GET /api/data/series/<symbol>`, a JSON `POST` to refetch; `GET /api/data/tables/<name>` for
 * `loadTable`), since providers cannot be called from a page (CORS) and the data folder lives on
 * the server. A failure's `{ error }` message is thrown as a {@link DataError}. Files of the
 * folder come with an ETag, so the browser's cache answers an unchanged file again.
 *
 * With `range`, only those sessions are asked for (`?start=…&end=…`): the server parses the whole
 * file, as loadSeries would, and answers the rows in range with that parse's warnings.
 *
 * With `localOnly` (`?local=1`), a symbol the server has no file for is an error rather than a download.
 *
 * With `onProgress`, the series is asked for with `?progress=1`: when the server has to download
 * it, it streams what it is doing (which provider, bytes received) as JSON lines before the CSV,
 * see {@link SeriesStreamLine}; a file it has answers as plain CSV.
 *
 * @example
 * const loadSeries = createLoadSeries(createBrowserSource());
 * const iwm = await loadSeries('IWM');
 */
export function createBrowserSource(fetchImpl: typeof fetch = fetch, streamImpl: typeof fetch = defaultStreamFetch(fetchImpl)): SeriesSource {
	async function get(url: string, what: string, init?: RequestInit, via = fetchImpl): Promise<Response> {
		let response: Response;
		try {
			response = await (init ? via(url, init) : via(url));
		} catch (e) {
			throw new DataError(`cannot reach the workspace server for ${what} (${(e as Error).message})`, { symbol: what });
		}
		if (!response.ok) throw new DataError(await errorMessage(response, what), { symbol: what });
		return response;
	}

	return {
		async fetchCsv(symbol, opts = {}) {
			const query = [opts.onProgress ? 'progress=1' : '', rangeQuery(opts.range), opts.localOnly ? 'local=1' : ''].filter(Boolean).join('&');
			const url = `/api/data/series/${encodeURIComponent(symbol)}${query ? `?${query}` : ''}`;
			// A refetch changes the cache and costs a download: a POST, which other websites cannot send here.
			const refresh: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
			const response = await get(url, symbol, opts.refresh ? refresh : undefined, opts.onProgress ? streamImpl : fetchImpl);
			const streamed = response.headers.get('content-type')?.startsWith(PROGRESS_MEDIA_TYPE);
			if (opts.onProgress && streamed && response.body) return readProgress(response.body, symbol, opts.onProgress);
			return fetched(response, url);
		},
		async fetchTable(name) {
			const url = `/api/data/tables/${encodeURIComponent(name)}`;
			return fetched(await get(url, name), url);
		},
		async listSymbols() {
			const response = await fetchImpl('/api/data/symbols').catch(() => undefined);
			if (!response?.ok) return [];
			const { symbols } = (await response.json()) as { symbols?: unknown };
			return Array.isArray(symbols) ? symbols.filter((s): s is string => typeof s === 'string') : [];
		}
	};
}

/** How a progress stream is asked for: by XMLHttpRequest in a browser using its own fetch (see xhrFetch), else by the fetch given. */
function defaultStreamFetch(fetchImpl: typeof fetch): typeof fetch {
	const pageFetch = typeof globalThis.fetch === 'function' && fetchImpl === globalThis.fetch;
	return pageFetch && typeof XMLHttpRequest === 'function' ? (xhrFetch as typeof fetch) : fetchImpl;
}

async function fetched(response: Response, url: string): Promise<FetchedCsv> {
	const from = response.headers.get(FROM_HEADER);
	const warnings = response.headers.get(WARNINGS_HEADER);
	const [first, last] = response.headers.get(SPAN_HEADER)?.split('/') ?? [];
	return {
		text: await response.text(),
		origin: response.headers.get(ORIGIN_HEADER) ?? url,
		...(isDataFrom(from) ? { from } : {}),
		...(warnings !== null ? { warnings: readWarnings(warnings) } : {}),
		...(first && last ? { span: { first, last } } : {})
	};
}

function readWarnings(header: string): string[] {
	try {
		const list = JSON.parse(decodeURIComponent(header)) as unknown;
		return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : [];
	} catch {
		return [];
	}
}

/**
 * Reads the JSON lines of a progress answer, passing progress on, to its final CSV or error. The
 * answer is read to its end, which comes right after that line: cancelling the reader there
 * aborted every such request (net::ERR_ABORTED in Chromium) although its data had come.
 */
async function readProgress(body: ReadableStream<Uint8Array>, symbol: string, onProgress: (p: FetchProgress) => void): Promise<FetchedCsv> {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	let scanned = 0;
	let outcome: FetchedCsv | DataError | undefined;
	for (;;) {
		const { done, value } = await reader.read();
		buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
		// The final line holds the whole CSV: look for its end only in what arrived since the last look.
		for (let nl = buffer.indexOf('\n', scanned); nl >= 0 && !outcome; nl = buffer.indexOf('\n')) {
			const line = JSON.parse(buffer.slice(0, nl)) as SeriesStreamLine;
			buffer = buffer.slice(nl + 1);
			if (line.type === 'csv') outcome = { text: line.text, origin: line.origin, ...(line.from ? { from: line.from } : {}) };
			else if (line.type === 'error') outcome = new DataError(line.error, { symbol });
			else onProgress(line);
		}
		scanned = buffer.length;
		if (!done) continue;
		if (outcome instanceof DataError) throw outcome;
		if (outcome) return outcome;
		throw new DataError(`the workspace server stopped answering while loading ${symbol}; try again`, { symbol });
	}
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
