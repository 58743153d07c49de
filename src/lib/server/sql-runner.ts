/**
 * The databases as a SqlRunner (what the `sql` builtin and the page collectors call), for code that
 * reaches them directly: the CLI (the user's own program) and the server collecting a report's or
 * export's results. Errors become SqlQueryErrors that keep the engine's line and column.
 */
import { SqlQueryError, type SqlRunner } from '../runtime/sql';
import { SqlError, type SqlConnection, type SqlLimits } from './sql/types';
import { sqlLimits } from './sql/limits';
import { serverDatabases } from './sql/server-databases';

export interface SqlRegistry {
	get(name?: string): SqlConnection | Promise<SqlConnection>;
}

export function registryRunner(registry: SqlRegistry, limits: SqlLimits): SqlRunner {
	return async ({ database, sql, params }) => {
		try {
			const connection = await registry.get(database);
			return await connection.query({ sql, params }, limits);
		} catch (e) {
			if (e instanceof SqlError) throw new SqlQueryError(e.message, e.kind, e.line, e.column);
			throw new SqlQueryError((e as Error).message ?? String(e), 'engine');
		}
	};
}

/** The server's own databases (one registry per process) with the notebook limits: reports, exports and the CLI. */
export function serverSql(): SqlRunner {
	return registryRunner(serverDatabases(), sqlLimits());
}
