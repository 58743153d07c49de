/** SQL inside a report or an exported HTML file: the results embedded in the page, never a database. */
import type { EmbeddedSqlResult } from '../../present/embedded';
import { SqlQueryError, sqlQueryKey, type SqlRunner } from '../../runtime/sql';

export function embeddedSql(results: Record<string, EmbeddedSqlResult>): SqlRunner {
	return async (query) => {
		const result = results[sqlQueryKey(query)];
		if (!result) {
			throw new SqlQueryError(
				`this query's result is not in this page (it holds ${Object.keys(results).length} SQL results): a report carries the results of SQL cells without \${…} parameters, an export also the queries run in the workspace; run the notebook in the workspace, then export again`,
				'unknown-database'
			);
		}
		return { ipc: fromBase64(result.ipc), rows: result.rows, ms: result.ms, truncated: result.truncated };
	};
}

function fromBase64(text: string): Uint8Array {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
