import { json, type RequestHandler } from '@sveltejs/kit';
import { DataError, ORIGIN_HEADER } from '$lib/data';
import { checkSymbol, createServerSource } from '$lib/server/data';

/**
 * GET /view/data/<symbol> → the symbol's CSV for reports and slides. Their documents are sandboxed
 * (origin "null"), so this answers any origin: it only reads public price data, never writes.
 */
export const GET: RequestHandler = async ({ params }) => {
	const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': ORIGIN_HEADER };
	const symbol = params.symbol ?? '';
	try {
		checkSymbol(symbol);
		const { text, origin } = await createServerSource().fetchCsv(symbol);
		return new Response(text, { headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', [ORIGIN_HEADER]: origin, ...cors } });
	} catch (e) {
		if (e instanceof DataError) return json({ error: e.message }, { status: 404, headers: cors });
		throw e;
	}
};
