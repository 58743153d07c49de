/**
 * The SQL results a report or export carries, so it opens offline and never queries a database.
 * Which queries: each SQL cell whose parameters are all known without running the notebook: none
 * (its text is the whole query: SQL, not notebook code, run read-only and limited by the server's
 * engine), or each `${name}` an input whose starting value the code writes plainly (see
 * starting-inputs.ts): the result the page shows as it opens. An export adds the queries the
 * workspace saw the notebook run (text and parameter values, checked like the frame's). Nothing
 * here runs notebook code; `tape export` runs the notebook itself and records what it asked.
 */
import type { Notebook } from '../notebook/index';
import { splitSqlCell } from '../runtime/sql-cell';
import { sqlQueryKey, sqlText, type SqlQuery, type SqlRunner, type SqlValue } from '../runtime/sql';
import { startingInputValues } from './starting-inputs';
import type { EmbeddedSqlResult } from './embedded';

/** Past this many bytes of results (base64), further results are left out: the page would be too big to open. */
export const MAX_EMBEDDED_SQL_BYTES = 64 * 2 ** 20;

/**
 * The queries of SQL cells the server can run without the notebook: those whose text has no
 * `${…}`, and those whose every `${…}` is the name of an input with a plain starting value.
 */
export function reportSqlQueries(notebook: Notebook): SqlQuery[] {
	const codes = notebook.cells.flatMap((cell) => (cell.kind === 'code' && cell.language !== 'sql' ? [cell.source] : []));
	let starting: Map<string, SqlValue> | undefined;
	return notebook.cells.flatMap((cell) => {
		if (cell.kind !== 'code' || cell.language !== 'sql' || cell.source.trim() === '') return [];
		let pieces;
		try {
			pieces = splitSqlCell(cell.source);
		} catch {
			return [];
		}
		const params: SqlValue[] = [];
		for (const piece of pieces) {
			if (piece.kind !== 'expr') continue;
			starting ??= startingInputValues(codes);
			const value = starting.get(piece.text.trim());
			if (value === undefined) return [];
			params.push(value);
		}
		const sql = sqlText(pieces.filter((piece) => piece.kind === 'text').map((piece) => piece.text));
		return [{ sql, params, ...(cell.options.database ? { database: cell.options.database } : {}) }];
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
