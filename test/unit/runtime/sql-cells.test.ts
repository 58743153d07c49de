import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook, NotebookParseError } from '../../../src/lib/notebook/index';
import { compileCell, createRuntime, type CellState } from '../../../src/lib/runtime';
import { runtimeCell, splitSqlCell } from '../../../src/lib/runtime/sql-cell';
import { createSql, sqlResultInfo, SqlQueryError, type SqlQuery, type SqlRunner } from '../../../src/lib/runtime/sql';

/** A stand-in database (the thing under test is the cell's side): answers a fixed table, notes each query. */
function fakeDatabase(fail?: (q: SqlQuery) => Error | undefined) {
	const asked: SqlQuery[] = [];
	const run: SqlRunner = async (query) => {
		asked.push(query);
		const error = fail?.(query);
		if (error) throw error;
		const table = aq.table({ symbol: [String(query.params[0] ?? 'none')], n: [3] });
		return { ipc: table.toArrowIPC(), rows: 1, ms: 4, truncated: false };
	};
	return { asked, sql: createSql(run) };
}

function sqlNotebook(text: string, sql: unknown) {
	const nb = parseNotebook(text);
	const runtime = createRuntime({ builtins: { sql } });
	const code = nb.cells.filter((c) => c.kind === 'code');
	runtime.update(code.map(runtimeCell));
	return { runtime, nb, state: (i: number) => runtime.state(code[i].id) as CellState, code };
}

const QUERY = 'SELECT symbol, count(*) AS n\nFROM prices WHERE symbol = ${sym}\nGROUP BY symbol';

describe('SQL cells in the file format', () => {
	it('read a ```sql fence with output and database, and write it back byte for byte', () => {
		const text = '```ts\nconst sym = "SPY"\n```\n\n```sql echo output=highs database=warehouse\n' + QUERY + '\n```\n';
		const nb = parseNotebook(text);
		expect(nb.cells[1]).toMatchObject({ kind: 'code', language: 'sql', source: QUERY, options: { echo: true, output: 'highs', database: 'warehouse' } });
		expect(nb.cells[0].language).toBeUndefined();
		expect(serializeNotebook(nb)).toBe(text);
	});

	it('refuse a bad option, naming its line and column', () => {
		const bad = (info: string) => () => parseNotebook(`# t\n\n\`\`\`sql ${info}\nSELECT 1\n\`\`\`\n`, 'x.md');
		expect(bad('echo output=2x')).toThrow(NotebookParseError);
		expect(bad('echo output=2x')).toThrow('x.md:3:13: output=2x is not a name');
		expect(bad('database=a;b')).toThrow('x.md:3:8: database=a;b is not a database name');
		expect(bad('output=a output=b')).toThrow('x.md:3:17: output= is given twice');
	});

	it('leave key=value words of TypeScript cells alone', () => {
		const text = '```ts output=x\n1\n```\n';
		expect(parseNotebook(text).cells[0].options).toEqual({ other: ['output=x'] });
		expect(serializeNotebook(parseNotebook(text))).toBe(text);
	});
});

describe('compiling a SQL cell', () => {
	it('defines its output and reads the free names of its ${} expressions', () => {
		const compiled = compileCell('q', runtimeCell({ id: 'q', source: 'SELECT * FROM prices\nWHERE symbol = ${sym} AND close > ${limits.low * k}', language: 'sql', options: { output: 'highs' } }).source);
		expect(compiled.error).toBeUndefined();
		expect(compiled.defines).toEqual(['highs']);
		expect(compiled.refs.sort()).toEqual(['k', 'limits', 'sql', 'sym']);
	});

	it('splits text and parameters, with braces and strings inside an expression', () => {
		const pieces = splitSqlCell("SELECT ${ {a: '}'}.a }\nWHERE x = ${f(`{`)}");
		expect(pieces.map((p) => [p.kind, p.text, p.line, p.column])).toEqual([
			['text', 'SELECT ', 1, 1],
			['expr', " {a: '}'}.a ", 1, 10],
			['text', '\nWHERE x = ', 1, 23],
			['expr', 'f(`{`)', 2, 13],
			['text', '', 2, 20]
		]);
	});
});

describe('running SQL cells', () => {
	it('binds ${} values as parameters behind ? placeholders and re-runs when an input changes', async () => {
		const { asked, sql } = fakeDatabase();
		const text = '```ts\nconst sym = "SPY"\n```\n\n```sql output=counts\n' + QUERY + '\n```\n\n```ts\ncounts.numRows()\n```\n';
		const { runtime, state, code } = sqlNotebook(text, sql);
		await runtime.run();
		expect(asked).toEqual([{ sql: 'SELECT symbol, count(*) AS n\nFROM prices WHERE symbol = ?\nGROUP BY symbol', params: ['SPY'] }]);
		expect(state(1).status).toBe('done');
		expect((state(1).value as aq.ColumnTable).objects()).toEqual([{ symbol: 'SPY', n: 3 }]);
		expect(sqlResultInfo(state(1).value)).toEqual({ rows: 1, ms: 4, truncated: false, database: 'duckdb' });
		expect(state(2).value).toBe(1);

		runtime.update([{ id: code[0].id, source: 'const sym = "QQQ"' }, ...code.slice(1).map(runtimeCell)]);
		await runtime.run([code[0].id]);
		expect(asked.at(-1)).toEqual({ sql: expect.stringContaining('symbol = ?'), params: ['QQQ'] });
		expect((state(1).value as aq.ColumnTable).get('symbol', 0)).toBe('QQQ');
	});

	it('never splices a value into the text, and sends dates and the database by name', async () => {
		const { asked, sql } = fakeDatabase();
		const hostile = "'; DROP TABLE prices; --";
		const { runtime } = sqlNotebook('```sql database=warehouse\nSELECT ${' + JSON.stringify(hostile) + '}, ${new Date("2020-03-02")}, `x`\n```\n', sql);
		await runtime.run();
		expect(asked).toEqual([{ database: 'warehouse', sql: 'SELECT ?, ?, `x`', params: [hostile, { date: '2020-03-02' }] }]);
	});

	it('shows the database error at its line and column in the cell, past a ${} parameter', async () => {
		// The query's line 2 column 17 is "FORM" in `SELECT ?, close\nFROM prices x FORM`; in the cell, line 2 starts the same.
		const { sql } = fakeDatabase((q) => new SqlQueryError('Parser Error: syntax error at or near "FORM"', 'syntax', 2, q.sql.indexOf('FORM') - q.sql.indexOf('\n')));
		const { runtime, state } = sqlNotebook('```sql\nSELECT ${sym.toLowerCase()}, close\nFROM prices x FORM\n```\n\n```ts\nconst sym = "A"\n```\n', sql);
		await runtime.run();
		expect(state(0).error).toMatchObject({ message: expect.stringContaining('FORM'), line: 2, column: 15 });

		// On line 1, after a parameter: the query's column 14 is the cell's column 32.
		const second = fakeDatabase(() => new SqlQueryError('Binder Error: column "clse" not found', 'syntax', 1, 11));
		const one = sqlNotebook('```sql\nSELECT ${sym.toLowerCase()}, clse\n```\n\n```ts\nconst sym = "A"\n```\n', second.sql);
		await one.runtime.run();
		expect(one.state(0).error).toMatchObject({ line: 1, column: 30 });
	});

	it('says where a ${ is never closed, and refuses objects as parameters', async () => {
		const { sql, asked } = fakeDatabase();
		const broken = sqlNotebook('```sql\nSELECT 1\nWHERE x = ${y\n```\n', sql);
		await broken.runtime.run();
		expect(broken.state(0).error).toMatchObject({ message: expect.stringContaining('never closed'), line: 2, column: 11 });
		const object = sqlNotebook('```sql\nSELECT ${[1, 2]}\n```\n', sql);
		await object.runtime.run();
		expect(object.state(0).error?.message).toContain('parameter 1 is an array');
		expect(asked).toEqual([]);
	});

	it('runs `sql` and sql.on() from TypeScript cells too', async () => {
		const { sql, asked } = fakeDatabase();
		const { runtime, state } = sqlNotebook('```ts\nconst t = await sql`SELECT ${"X"}`\nconst u = await sql.on("warehouse")`SELECT 2`\n```\n\n```ts\nt.get("symbol", 0)\n```\n', sql);
		await runtime.run();
		expect(state(1).value).toBe('X');
		expect(asked[1]).toEqual({ database: 'warehouse', sql: 'SELECT 2', params: [] });
	});
});
