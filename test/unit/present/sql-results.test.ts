import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/lib/notebook/index';
import { collectSql, fixedSqlQueries } from '../../../src/lib/present/collect-sql';
import { buildPresentDocument } from '../../../src/lib/present/document';
import { SQL_ELEMENT_ID } from '../../../src/lib/present/embedded';
import { createSql, SqlQueryError, type SqlQuery } from '../../../src/lib/runtime/sql';
import { embeddedSql } from '../../../src/lib/sandbox/frame/embedded-sql';
import { isFrameMessage } from '../../../src/lib/sandbox/protocol';

const NOTEBOOK = [
	'```sql output=sessions',
	"SELECT symbol, count(*) AS n FROM prices WHERE symbol IN ('IWM') GROUP BY symbol",
	'```',
	'',
	'```sql',
	'SELECT * FROM prices WHERE symbol = ${sym}',
	'```',
	'',
	'```ts',
	'const sym = "IWM"',
	'```',
	''
].join('\n');

describe('SQL results in reports and exports', () => {
	it('a report runs only the SQL cells without parameters: the others need the notebook to run', () => {
		expect(fixedSqlQueries(parseNotebook(NOTEBOOK))).toEqual([{ sql: "SELECT symbol, count(*) AS n FROM prices WHERE symbol IN ('IWM') GROUP BY symbol", params: [] }]);
	});

	it('the page carries each result and answers the same query from it, with no database', async () => {
		const asked: SqlQuery[] = [];
		const queries = [...fixedSqlQueries(parseNotebook(NOTEBOOK)), { sql: 'SELECT * FROM prices WHERE symbol = ?', params: ['IWM'] }, { sql: 'SELECT broken', params: [] }];
		const results = await collectSql(queries, async (q) => {
			asked.push(q);
			if (q.sql === 'SELECT broken') throw new SqlQueryError('no', 'syntax');
			return { ipc: aq.table({ symbol: ['IWM'], n: [asked.length] }).toArrowIPC(), rows: 1, ms: 2, truncated: q.params.length > 0 };
		});
		expect(Object.keys(results)).toHaveLength(2);
		const html = buildPresentDocument({ mode: 'report', notebook: { name: 'x.md', text: NOTEBOOK }, title: 'x', assets: { kind: 'linked' }, sql: results });
		const embedded = JSON.parse(new RegExp(`id="${SQL_ELEMENT_ID}">([^<]*)<`).exec(html)![1]);

		const sql = createSql(embeddedSql(embedded));
		const sessions = await sql`SELECT symbol, count(*) AS n FROM prices WHERE symbol IN ('IWM') GROUP BY symbol`;
		expect(sessions.objects()).toEqual([{ symbol: 'IWM', n: 1 }]);
		const rows = await sql`SELECT * FROM prices WHERE symbol = ${'IWM'}`;
		expect(rows.get('n', 0)).toBe(2);
		await expect(sql`SELECT * FROM prices WHERE symbol = ${'SPY'}`).rejects.toThrow(/not in this page/);
	});
});

describe('the frame’s sql message', () => {
	const message = (patch: Record<string, unknown>) => ({ type: 'sql', requestId: 1, sql: 'SELECT 1', params: [], ...patch });
	it('is accepted with text, a database name and plain parameter values', () => {
		expect(isFrameMessage(message({ database: 'warehouse', params: ['a', 1, true, null, { date: '2020-01-02' }] }))).toBe(true);
	});
	it('is refused with anything else: huge text, a path or URL as database, objects, non-finite numbers', () => {
		expect(isFrameMessage(message({ sql: 'x'.repeat(100_001) }))).toBe(false);
		expect(isFrameMessage(message({ sql: '' }))).toBe(false);
		expect(isFrameMessage(message({ database: '../../etc/passwd' }))).toBe(false);
		expect(isFrameMessage(message({ database: 'clickhouse://user:pw@host' }))).toBe(false);
		expect(isFrameMessage(message({ params: [{ toString: 1 }] }))).toBe(false);
		expect(isFrameMessage(message({ params: [{ date: '2020-01-02', extra: 1 }] }))).toBe(false);
		expect(isFrameMessage(message({ params: [Infinity] }))).toBe(false);
		expect(isFrameMessage(message({ params: new Array(1001).fill(1) }))).toBe(false);
		expect(isFrameMessage(message({ requestId: '1' }))).toBe(false);
	});
});
