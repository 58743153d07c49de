import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/lib/notebook/index';
import { collectSql, reportSqlQueries, sqlSummary } from '../../../src/lib/present/collect-sql';
import { buildPresentDocument } from '../../../src/lib/present/document';
import { SQL_ELEMENT_ID } from '../../../src/lib/present/embedded';
import { createSql, sqlQueryKey, SqlQueryError, type SqlQuery } from '../../../src/lib/runtime/sql';
import { runtimeCell } from '../../../src/lib/runtime/sql-cell';
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
	it('a report runs the SQL cells without parameters; a parameter that is not an input needs the notebook to run', () => {
		expect(reportSqlQueries(parseNotebook(NOTEBOOK))).toEqual([{ sql: "SELECT symbol, count(*) AS n FROM prices WHERE symbol IN ('IWM') GROUP BY symbol", params: [] }]);
	});

	it('the page carries each result and answers the same query from it, with no database', async () => {
		const asked: SqlQuery[] = [];
		const queries = [...reportSqlQueries(parseNotebook(NOTEBOOK)), { sql: 'SELECT * FROM prices WHERE symbol = ?', params: ['IWM'] }, { sql: 'SELECT broken', params: [] }];
		const { results } = await collectSql(queries, async (q) => {
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
		await expect(sql`SELECT * FROM prices WHERE symbol = ${'SPY'}`).rejects.toThrow(/only for \$1 = "IWM", not for \$1 = "SPY": a report never asks a database/);
		await expect(sql`SELECT * FROM bars`).rejects.toThrow(/not in this page/);
	});
});

describe('SQL cells whose parameters are inputs, in a report', () => {
	const INPUTS = [
		'```ts',
		"const sym = view(Inputs.select(['IWM', 'SPY']))",
		'const minClose = view(Inputs.range([0, 500], { value: 100, step: 1 }))',
		"const picked = view(Inputs.select(['IWM', 'SPY'], { multiple: true }))",
		"const computed = 'I' + 'WM'",
		'```',
		'',
		'```sql output=rows',
		'SELECT date, close FROM prices',
		'WHERE symbol = ${sym} AND close > ${ minClose }',
		'```',
		'',
		'```sql database=warehouse',
		'SELECT * FROM bars WHERE symbol = ${computed} OR symbol = ${picked[0]}',
		'```',
		''
	].join('\n');
	const notebook = parseNotebook(INPUTS);
	const sqlCell = notebook.cells.find((cell) => cell.kind === 'code' && cell.language === 'sql')!;

	it('runs a query for the values the inputs start with, and none whose parameters only the notebook knows', () => {
		expect(reportSqlQueries(notebook)).toEqual([{ sql: 'SELECT date, close FROM prices\nWHERE symbol = ? AND close > ?', params: ['IWM', 100] }]);
	});

	it('the cell, run in the report as the frame runs it, finds that result; a reader’s changed input is told the page lacks it', async () => {
		const { results } = await collectSql(reportSqlQueries(notebook), async () => ({ ipc: aq.table({ close: [101.5] }).toArrowIPC(), rows: 1, ms: 1, truncated: false }));
		const sql = createSql(embeddedSql(results));
		const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
		const cell = new AsyncFunction('sql', 'sym', 'minClose', `${runtimeCell(sqlCell).source.replace(/\nrows$/, '\nreturn rows')}`);
		expect((await cell(sql, 'IWM', 100)).objects()).toEqual([{ close: 101.5 }]);
		await expect(cell(sql, 'SPY', 100)).rejects.toThrow(/only for \$1 = "IWM", \$2 = 100, not for \$1 = "SPY", \$2 = 100/);
	});
});

describe('the cap on SQL results a page carries', () => {
	it('leaves out the results past it, counts them, and the summary the user is shown says so', async () => {
		const answer = async (query: SqlQuery) => ({ ipc: aq.table({ x: Array.from({ length: 100 * Number(query.params[0]) }, (_, i) => i) }).toArrowIPC(), rows: 1, ms: 1, truncated: false });
		const queries = [1, 2, 30, 3].map((n) => ({ sql: 'SELECT range FROM range(?)', params: [n] }));
		const whole = await collectSql(queries, answer);
		expect([Object.keys(whole.results).length, whole.leftOut]).toEqual([4, 0]);
		expect(sqlSummary(whole)).toMatch(/^SQL results: 4 \(\d+ KB\)$/);

		const big = whole.results[sqlQueryKey(queries[2])].ipc.length;
		const capped = await collectSql([...queries, queries[2]], answer, big);
		expect([Object.keys(capped.results).length, capped.leftOut]).toEqual([3, 1]);
		expect(capped.results[sqlQueryKey(queries[2])]).toBeUndefined();
		expect(sqlSummary(capped)).toMatch(/^SQL results: 3 \(\d+ KB\); 1 left out, over the 64 MB of results a page may carry/);
		expect(sqlSummary({ results: {}, bytes: 0, leftOut: 0 })).toBeUndefined();
	});

	it('a page made without some results says so in the cell of a missing one', async () => {
		const html = buildPresentDocument({ mode: 'report', notebook: { name: 'x.md', text: NOTEBOOK }, title: 'x', assets: { kind: 'linked' }, sql: {}, sqlLeftOut: 2 });
		expect(html).toContain('data-sql-left-out="2"');
		const sql = createSql(embeddedSql({}, 2));
		await expect(sql`SELECT * FROM prices`).rejects.toThrow(/2 results were left out of this page: over the 64 MB of SQL results a page may carry/);
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
