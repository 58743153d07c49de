import { json, type RequestHandler } from '@sveltejs/kit';
import { DataError, FROM_HEADER, ORIGIN_HEADER, readSessionRange, type SessionRange } from '$lib/data';
import { checkSymbol, createServerSource, csvFileResponse, rangedCsvResponse, seriesProgressResponse, withoutDataDir, withoutPaths } from '$lib/server/data';
import { mediaType } from '$lib/server/store/http';

/**
 * GET /api/data/series/<symbol>[?progress=1][&start=YYYY-MM-DD][&end=YYYY-MM-DD] → the symbol's CSV (data folder, sample, cache,
 * then providers); `x-tape-origin` names the file it came from inside the data folder (never the folder's path on
 * the server), `x-tape-from` whether that is the
 * folder, the cache or a provider just now. A file of the folder or cache is streamed, gzipped
 * when accepted, with an ETag (304 when unchanged); one over SERIES_LIMIT_BYTES or that is not a
 * file is refused (422) by name. Errors are JSON `{ error }`: 400 for a malformed symbol, 404 when
 * no source has it. With `progress=1` a provider download answers as JSON lines instead: which
 * provider is asked and bytes received while it downloads, then the CSV or the error.
 * With `start`/`end` (a cell's loadSeries range; 400 when not a YYYY-MM-DD day or start > end), a
 * file of the folder, sample or cache is parsed whole and only the sessions in range are sent
 * (rangedCsvResponse; its ETag covers the range); a download is sent whole.
 *
 * POST /api/data/series/<symbol>[?progress=1] with an application/json body refetches it from
 * the providers (the Refresh data button). A POST, so no other website can make the workspace
 * download: the hook refuses a foreign Origin, and a foreign page cannot send JSON without CORS.
 */
export const GET: RequestHandler = async ({ params, url, request }) => {
	if (url.searchParams.has('refresh')) {
		return json({ error: 'refresh with POST /api/data/series/<symbol> (application/json); a GET never refetches' }, { status: 405, headers: { allow: 'GET, POST' } });
	}
	return answer(params.symbol ?? '', url, request, false);
};

export const POST: RequestHandler = async ({ params, url, request }) => {
	const type = mediaType(request);
	if (type !== 'application/json') return json({ error: `a refresh must be sent as application/json, not ${type ?? 'untyped'}` }, { status: 415 });
	return answer(params.symbol ?? '', url, request, true);
};

async function answer(symbol: string, url: URL, request: Request, refresh: boolean): Promise<Response> {
	let range: SessionRange | undefined;
	try {
		checkSymbol(symbol);
		range = readSessionRange(url.searchParams.get('start'), url.searchParams.get('end'));
	} catch (e) {
		return json({ error: (e as Error).message }, { status: 400 });
	}
	const source = createServerSource();
	try {
		const local = await source.locate(symbol, { refresh });
		if (local) {
			const origin = withoutDataDir(local.origin, source.dataDir);
			const headers = { [ORIGIN_HEADER]: origin, [FROM_HEADER]: local.from };
			return await (range ? rangedCsvResponse(request, local.path, origin, range, headers) : csvFileResponse(request, local.path, headers));
		}
	} catch (e) {
		if (e instanceof DataError) return json({ error: withoutDataDir(e.message, source.dataDir) }, { status: 422 });
		throw e;
	}
	// A guess read from a notebook's code (the page's prefetch) never makes the server download.
	if (url.searchParams.get('local') === '1') return json({ error: `no file for ${symbol} in the data folder, the sample or the download cache` }, { status: 404 });
	const answering = withoutPaths(source);
	if (url.searchParams.get('progress') === '1') return seriesProgressResponse(answering, symbol, refresh);
	try {
		const { text, origin, from } = await answering.fetchCsv(symbol, { refresh });
		return new Response(text, {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', [ORIGIN_HEADER]: origin, ...(from ? { [FROM_HEADER]: from } : {}) }
		});
	} catch (e) {
		if (e instanceof DataError) return json({ error: e.message }, { status: 404 });
		throw e;
	}
}
