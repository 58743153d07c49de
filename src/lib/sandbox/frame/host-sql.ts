/** SQL inside the editor's frame: asked of the workspace page, which alone may reach the server. */
import { SqlQueryError, type SqlAnswer, type SqlRunner } from '../../runtime/sql';
import type { FrameMessage, HostMessage } from '../protocol';

export function hostSql(post: (message: FrameMessage) => void): SqlRunner {
	let next = 0;
	const waiting = new Map<number, { resolve: (answer: SqlAnswer) => void; reject: (e: Error) => void }>();
	addEventListener('message', (event) => {
		if (event.source !== parent) return;
		const m = event.data as HostMessage;
		if (m?.type !== 'sql-result' && m?.type !== 'sql-error') return;
		const entry = waiting.get(m.requestId);
		if (!entry) return;
		waiting.delete(m.requestId);
		if (m.type === 'sql-result') entry.resolve({ ipc: new Uint8Array(m.ipc), rows: m.rows, ms: m.ms, truncated: m.truncated });
		else entry.reject(new SqlQueryError(m.error.message, m.error.kind, m.error.line, m.error.column));
	});
	return (query) => {
		const requestId = ++next;
		post({ type: 'sql', requestId, sql: query.sql, params: query.params, ...(query.database ? { database: query.database } : {}) });
		return new Promise((resolve, reject) => waiting.set(requestId, { resolve, reject }));
	};
}
