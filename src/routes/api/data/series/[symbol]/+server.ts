import { json, type RequestHandler } from '@sveltejs/kit';
import { DataError, ORIGIN_HEADER } from '$lib/data';
import { checkSymbol, createServerSource } from '$lib/server/data';

/**
 * GET /api/data/series/<symbol>[?refresh=1] → the symbol's CSV (data folder, cache, then
 * providers); `x-tape-origin` names the file it came from. Errors are JSON `{ error }`:
 * 400 for a malformed symbol, 404 when no source has it.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const symbol = params.symbol ?? '';
	try {
		checkSymbol(symbol);
	} catch (e) {
		return json({ error: (e as Error).message }, { status: 400 });
	}
	try {
		const { text, origin } = await createServerSource().fetchCsv(symbol, { refresh: url.searchParams.get('refresh') === '1' });
		return new Response(text, {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', [ORIGIN_HEADER]: origin }
		});
	} catch (e) {
		if (e instanceof DataError) return json({ error: e.message }, { status: 404 });
		throw e;
	}
};
