import { answer, BadRequestError } from '$lib/server/store';
import { isSymbol } from '$lib/server/data/symbols';
import { exportHtmlResponse, exportZipResponse } from '$lib/present/serve.server';
import type { RequestHandler } from './$types';

/** GET /api/export/<name>?as=html|zip[&symbols=IWM,^RUT]: a self-contained HTML report, or the notebook with its data as a zip. */
export const GET: RequestHandler = ({ params, url }) =>
	answer(async () => {
		const as = url.searchParams.get('as') ?? 'html';
		// Symbols the page saw the notebook load; each must be a symbol, never a path.
		const symbols = (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean);
		for (const symbol of symbols) if (!isSymbol(symbol)) throw new BadRequestError(`${JSON.stringify(symbol)} is not a symbol`);
		if (as === 'html') return exportHtmlResponse(params.name, symbols);
		if (as === 'zip') return exportZipResponse(params.name, symbols);
		throw new BadRequestError(`"as" must be html or zip, not ${as}`);
	});
