import { describe, expect, it } from 'vitest';
import { openDatabases, type ConnectionFactory } from '../../../../src/lib/server/sql/databases';
import { readSqlRequest, sqlErrorResponse } from '../../../../src/lib/server/sql/http';
import { SqlError, type SqlConnection } from '../../../../src/lib/server/sql/types';

const folders = { dataDir: '/nonexistent-data', sampleDir: null };

function fakeConnection(name: string, url: URL): SqlConnection {
	return {
		name,
		query: async () => ({ ipc: new TextEncoder().encode(url.host), rows: 0, ms: 0, truncated: false }),
		schema: async () => [],
		close: async () => {}
	};
}

function thrown(work: () => unknown): SqlError {
	try {
		work();
	} catch (e) {
		expect(e).toBeInstanceOf(SqlError);
		return e as SqlError;
	}
	throw new Error('expected a SqlError');
}

describe('openDatabases', () => {
	it('answers duckdb by default and refuses an unknown name with its own kind', async () => {
		const databases = openDatabases({ ...folders, env: {} });
		expect(databases.get().name).toBe('duckdb');
		expect(databases.get('DuckDB')).toBe(databases.get());
		expect(thrown(() => databases.get('warehouse'))).toMatchObject({ kind: 'unknown-database', message: expect.stringMatching(/TAPE_DB_WAREHOUSE/) });
		await databases.close();
	});

	it('dispatches TAPE_DB_<NAME> on its URL scheme, and never echoes the URL', () => {
		const factories: Record<string, ConnectionFactory> = { 'clickhouse:': fakeConnection };
		const env = { TAPE_DB_WAREHOUSE: 'clickhouse://ann:s3cret@db.example:8123/bars', TAPE_DB_OLD: 'mysql://bob:hunter2@host/x', PATH: '/bin' };
		const databases = openDatabases({ ...folders, env, factories });
		expect(databases.names().sort()).toEqual(['duckdb', 'old', 'warehouse']);
		expect(databases.get('warehouse').name).toBe('warehouse');
		const error = thrown(() => databases.get('old'));
		expect(error.message).toMatch(/TAPE_DB_OLD uses mysql:/);
		expect(error.message).not.toMatch(/hunter2|bob/);
		const garbled = thrown(() => openDatabases({ ...folders, env: { TAPE_DB_X: 'pass word@host' }, factories }).get('x'));
		expect(garbled.message).toMatch(/TAPE_DB_X is not a URL/);
		expect(garbled.message).not.toMatch(/pass word/);
	});
});

describe('the /api/sql request and error shapes', () => {
	const post = (body: string, type = 'application/json') => new Request('http://127.0.0.1/api/sql', { method: 'POST', body, headers: { 'content-type': type } });

	it('reads { database?, sql, params } and refuses other bodies', async () => {
		expect(await readSqlRequest(post(JSON.stringify({ sql: 'SELECT $1', params: ['x', 1, true, null, { date: '2020-01-02' }] })))).toEqual({
			database: undefined,
			sql: 'SELECT $1',
			params: ['x', 1, true, null, { date: '2020-01-02' }]
		});
		await expect(readSqlRequest(post(JSON.stringify({ sql: 'SELECT 1' }), 'text/plain'))).rejects.toMatchObject({ status: 415 });
		await expect(readSqlRequest(post(JSON.stringify({ sql: '' })))).rejects.toMatchObject({ status: 400 });
		await expect(readSqlRequest(post(JSON.stringify({ sql: 'SELECT $1', params: [{ toString: 'x' }] })))).rejects.toMatchObject({ status: 400 });
	});

	it('maps each kind of error to its status, with the place in the query', async () => {
		const cases: [SqlError, number][] = [
			[new SqlError('bad', 'syntax', 2, 5), 400],
			[new SqlError('no', 'refused'), 400],
			[new SqlError('who', 'unknown-database'), 404],
			[new SqlError('slow', 'timeout'), 408],
			[new SqlError('big', 'limit'), 413],
			[new SqlError('oops', 'engine'), 500]
		];
		for (const [error, status] of cases) {
			const response = sqlErrorResponse(error);
			expect(response.status).toBe(status);
			expect((await response.json()).error).toEqual({ message: error.message, kind: error.kind, line: error.line, column: error.column });
		}
		const hidden = sqlErrorResponse(new Error('at /srv/secret/path'));
		expect(hidden.status).toBe(500);
		expect(JSON.stringify(await hidden.json())).not.toContain('/srv/secret');
	});
});
