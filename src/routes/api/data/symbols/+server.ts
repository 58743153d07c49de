import { json, type RequestHandler } from '@sveltejs/kit';
import { createServerSource } from '$lib/server/data';

/** GET /api/data/symbols → `{ symbols }`: what the data folder and its cache hold, for symbol pickers. */
export const GET: RequestHandler = async () => {
	const symbols = (await createServerSource().listSymbols?.()) ?? [];
	return json({ symbols }, { headers: { 'cache-control': 'no-store' } });
};
