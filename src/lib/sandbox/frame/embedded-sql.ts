/** SQL inside a report or an exported HTML file: the results embedded in the page, never a database. */
import { MAX_EMBEDDED_SQL_BYTES, type EmbeddedSqlResult } from '../../present/embedded';
import { SqlQueryError, sqlQueryKey, type SqlQuery, type SqlRunner, type SqlValue } from '../../runtime/sql';

/** `leftOut`: results the page was made without, past the size cap (said in the message of a missing one). */
export function embeddedSql(results: Record<string, EmbeddedSqlResult>, leftOut = 0): SqlRunner {
	return async (query) => {
		const result = results[sqlQueryKey(query)];
		if (!result) {
			const capped = leftOut > 0 ? ` (${leftOut} result${leftOut === 1 ? ' was' : 's were'} left out of this page: over the ${MAX_EMBEDDED_SQL_BYTES / 2 ** 20} MB of SQL results a page may carry; select fewer rows)` : '';
			throw new SqlQueryError(missing(query, Object.keys(results)) + capped, 'unknown-database');
		}
		return { ipc: fromBase64(result.ipc), rows: result.rows, ms: result.ms, truncated: result.truncated };
	};
}

/** Why a query has no result here: an input changed to a value the page carries no result for, or a query the page never ran. */
function missing(query: SqlQuery, keys: string[]): string {
	const held = keys.flatMap((key) => {
		const [database, sql, params] = JSON.parse(key) as [string, string, SqlValue[]];
		return database === (query.database ?? 'duckdb') && sql === query.sql ? [params] : [];
	});
	if (held.length > 0) {
		return (
			`this page carries this query's result only for ${held.slice(0, 3).map(describe).join('; ')}${held.length > 3 ? ` and ${held.length - 3} more` : ''}, ` +
			`not for ${describe(query.params)}: a report never asks a database, so a changed input shows no result here; open the notebook in Tape to run the query`
		);
	}
	return (
		`this query's result is not in this page (it holds ${keys.length} SQL results): a report carries the results of SQL cells without \${…} parameters ` +
		`or whose parameters are inputs with a plain starting value, an export also the queries run in the workspace; run the notebook in the workspace, then export again`
	);
}

function describe(params: SqlValue[]): string {
	return params.map((value, i) => `$${i + 1} = ${value !== null && typeof value === 'object' ? value.date : JSON.stringify(value)}`).join(', ') || 'no parameters';
}

function fromBase64(text: string): Uint8Array {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
