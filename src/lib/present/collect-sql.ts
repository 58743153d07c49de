/**
 * The SQL results a report or export carries, so it opens offline and never queries a database.
 * Which queries: each SQL cell without `${…}` parameters (its text is the whole query: SQL, not
 * notebook code, run read-only and limited by the server's engine), plus for an export the queries
 * the workspace saw the notebook run (text and parameter values, checked like the frame's). Nothing
 * here runs notebook code; `tape export` runs the notebook itself and records what it asked.
 */
import type { Notebook } from '../notebook/index';
import { splitSqlCell } from '../runtime/sql-cell';
import { sqlQueryKey, type SqlQuery, type SqlRunner } from '../runtime/sql';
import type { EmbeddedSqlResult } from './embedded';

/** Past this many bytes of results (base64), further results are left out: the page would be too big to open. */
export const MAX_EMBEDDED_SQL_BYTES = 64 * 2 ** 20;

/** The queries of SQL cells whose text has no `${…}`: the server can run those without the notebook. */
export function fixedSqlQueries(notebook: Notebook): SqlQuery[] {
	return notebook.cells.flatMap((cell) => {
		if (cell.kind !== 'code' || cell.language !== 'sql') return [];
		let pieces;
		try {
			pieces = splitSqlCell(cell.source);
		} catch {
			return [];
		}
		if (pieces.length !== 1 || cell.source.trim() === '') return [];
		return [{ sql: cell.source, params: [], ...(cell.options.database ? { database: cell.options.database } : {}) }];
	});
}

/** A runner that keeps each answer it gives, to embed in a page. */
export function recordingSql(run: SqlRunner): { run: SqlRunner; results: Record<string, EmbeddedSqlResult> } {
	const results: Record<string, EmbeddedSqlResult> = {};
	let bytes = 0;
	return {
		results,
		run: async (query) => {
			const answer = await run(query);
			const ipc = Buffer.from(answer.ipc.buffer, answer.ipc.byteOffset, answer.ipc.byteLength).toString('base64');
			if (bytes + ipc.length <= MAX_EMBEDDED_SQL_BYTES) {
				bytes += ipc.length;
				results[sqlQueryKey(query)] = { ipc, rows: answer.rows, ms: answer.ms, truncated: answer.truncated };
			}
			return answer;
		}
	};
}

/** Runs each query once (failures are left out: the page then says the result is missing) and answers the results by key. */
export async function collectSql(queries: SqlQuery[], run: SqlRunner): Promise<Record<string, EmbeddedSqlResult>> {
	const recording = recordingSql(run);
	const done = new Set<string>();
	for (const query of queries) {
		const key = sqlQueryKey(query);
		if (done.has(key)) continue;
		done.add(key);
		await recording.run(query).catch(() => undefined);
	}
	return recording.results;
}
