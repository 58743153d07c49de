import { answer, BadRequestError } from '$lib/server/store';
import { isSymbol } from '$lib/server/data/symbols';
import { isTableName } from '$lib/data';
import { exportHtmlResponse, exportZipResponse } from '$lib/present/serve.server';
import type { RequestHandler } from './$types';

/** GET /api/export/<name>?as=html|zip[&symbols=IWM,^RUT][&tables=holdings.csv]: a self-contained HTML report, or the notebook with its data as a zip. */
export const GET: RequestHandler = ({ params, url }) =>
	answer(async () => {
		const as = url.searchParams.get('as') ?? 'html';
		// Symbols the page saw the notebook load; each must be a symbol, never a path.
		const symbols = (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean);
		for (const symbol of symbols) if (!isSymbol(symbol)) throw new BadRequestError(`${JSON.stringify(symbol)} is not a symbol`);
		// Tables the page saw it load with loadTable, by file name; never a path either.
		const tables = (url.searchParams.get('tables') ?? '').split(',').filter(Boolean);
		for (const table of tables) if (!isTableName(table)) throw new BadRequestError(`${JSON.stringify(table)} is not a table name`);
		if (as === 'html') return exportHtmlResponse(params.name, symbols, tables);
		if (as === 'zip') return exportZipResponse(params.name, symbols, tables);
		throw new BadRequestError(`"as" must be html or zip, not ${as}`);
	});
