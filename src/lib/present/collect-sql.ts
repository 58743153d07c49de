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
import { MAX_EMBEDDED_SQL_BYTES, type EmbeddedSqlResult } from './embedded';


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

/** The results a page carries, their size (base64) and how many were left out for the cap. */
export interface CollectedSql {
	results: Record<string, EmbeddedSqlResult>;
	bytes: number;
	/** Results answered but not embedded: past {@link MAX_EMBEDDED_SQL_BYTES} together. Said to the user. */
	leftOut: number;
}

/** A runner that keeps each answer it gives, to embed in a page, up to `maxBytes` of results in all. */
export function recordingSql(run: SqlRunner, maxBytes = MAX_EMBEDDED_SQL_BYTES): { run: SqlRunner } & CollectedSql {
	const left = new Set<string>();
	const recording = {
		results: {} as Record<string, EmbeddedSqlResult>,
		bytes: 0,
		leftOut: 0,
		run: async (query: SqlQuery) => {
			const answer = await run(query);
			const key = sqlQueryKey(query);
			if (key in recording.results || left.has(key)) return answer;
			const ipc = Buffer.from(answer.ipc.buffer, answer.ipc.byteOffset, answer.ipc.byteLength).toString('base64');
			if (recording.bytes + ipc.length <= maxBytes) {
				recording.bytes += ipc.length;
				recording.results[key] = { ipc, rows: answer.rows, ms: answer.ms, truncated: answer.truncated };
			} else recording.leftOut = left.add(key).size;
			return answer;
		}
	};
	return recording;
}

/** Runs each query once (failures are left out: the page then says the result is missing) and answers the results by key. */
export async function collectSql(queries: SqlQuery[], run: SqlRunner, maxBytes = MAX_EMBEDDED_SQL_BYTES): Promise<CollectedSql> {
	const recording = recordingSql(run, maxBytes);
	const done = new Set<string>();
	for (const query of queries) {
		const key = sqlQueryKey(query);
		if (done.has(key)) continue;
		done.add(key);
		await recording.run(query).catch(() => undefined);
	}
	return { results: recording.results, bytes: recording.bytes, leftOut: recording.leftOut };
}

/** What a download says about its SQL results (a header the Share menu reads), or undefined when there are none. */
export function sqlSummary({ results, bytes, leftOut }: CollectedSql): string | undefined {
	const count = Object.keys(results).length;
	if (count === 0 && leftOut === 0) return undefined;
	const kept = count ? `SQL results: ${count} (${size(bytes)})` : 'SQL results: none';
	return leftOut
		? `${kept}; ${leftOut} left out, over the ${MAX_EMBEDDED_SQL_BYTES / 2 ** 20} MB of results a page may carry (their cells say the result is missing)`
		: kept;
}

function size(bytes: number): string {
	return bytes < 2 ** 20 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
