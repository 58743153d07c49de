import { json, type RequestHandler } from '@sveltejs/kit';
import { DataError, FROM_HEADER, ORIGIN_HEADER } from '$lib/data';
import { checkSymbol, createServerSource, seriesProgressResponse, withoutPaths } from '$lib/server/data';

/**
 * GET /api/data/series/<symbol>[?refresh=1][&progress=1] → the symbol's CSV (data folder, cache,
 * then providers); `x-tape-origin` names the file it came from inside the data folder (never its path on the server), `x-tape-from` whether that is the
 * folder, the cache or a provider just now. Errors are JSON `{ error }`: 400 for a malformed
 * symbol, 404 when no source has it. With `progress=1` the answer is JSON lines instead: which
 * provider is asked and bytes received while it downloads, then the CSV or the error.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const symbol = params.symbol ?? '';
	try {
		checkSymbol(symbol);
	} catch (e) {
		return json({ error: (e as Error).message }, { status: 400 });
	}
	const refresh = url.searchParams.get('refresh') === '1';
	const source = withoutPaths(createServerSource());
	if (url.searchParams.get('progress') === '1') return seriesProgressResponse(source, symbol, refresh);
	try {
		const { text, origin, from } = await source.fetchCsv(symbol, { refresh });
		return new Response(text, {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', [ORIGIN_HEADER]: origin, ...(from ? { [FROM_HEADER]: from } : {}) }
		});
	} catch (e) {
		if (e instanceof DataError) return json({ error: e.message }, { status: 404 });
		throw e;
	}
};
