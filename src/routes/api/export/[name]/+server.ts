import { answer, BadRequestError, readJsonObject } from '$lib/server/store';
import { isSymbol } from '$lib/server/data/symbols';
import { isTableName } from '$lib/data';
import { isSqlQuery } from '$lib/runtime/sql';
import { exportHtmlResponse, exportZipResponse } from '$lib/present/serve.server';
import type { RequestHandler } from './$types';

/**
 * POST /api/export/<name> `{ as: "html" | "zip", symbols?: [...], tables?: [...], queries?: [...] }`: a
 * self-contained HTML report, or the notebook with its data as a zip. A POST of application/json
 * from this origin only (hooks.server.ts checks Origin; a foreign page cannot send this type
 * without a preflight this server never grants), so no other website can make the server build one.
 */
export const POST: RequestHandler = ({ params, request }) =>
	answer(async () => {
		const body = await readJsonObject(request);
		const as = body.as ?? 'html';
		// Symbols the page saw the notebook load; each must be a symbol, never a path.
		const symbols = names(body, 'symbols');
		for (const symbol of symbols) if (!isSymbol(symbol)) throw new BadRequestError(`${JSON.stringify(symbol)} is not a symbol`);
		// Tables the page saw it load with loadTable, by file name; never a path either.
		const tables = names(body, 'tables');
		for (const table of tables) if (!isTableName(table)) throw new BadRequestError(`${JSON.stringify(table)} is not a table name`);
		// SQL queries the page saw it run ({database?, sql, params}): read-only text and values, run again by the limited engine.
		const queries = body.queries ?? [];
		if (!Array.isArray(queries) || queries.length > 50 || !queries.every(isSqlQuery)) {
			throw new BadRequestError('"queries" must be a list of at most 50 queries {database?, sql, params}');
		}
		if (as === 'html') return exportHtmlResponse(params.name, { symbols, tables, queries });
		if (as === 'zip') return exportZipResponse(params.name, { symbols, tables });
		throw new BadRequestError(`"as" must be "html" or "zip", not ${JSON.stringify(as)}`);
	});

function names(body: Record<string, unknown>, key: string): string[] {
	const value = body[key] ?? [];
	if (!Array.isArray(value) || value.length > 200 || !value.every((v) => typeof v === 'string')) {
		throw new BadRequestError(`"${key}" must be a list of at most 200 names`);
	}
	return value as string[];
}
