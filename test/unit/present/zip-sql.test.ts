import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notebookFromZip, ImportError } from '../../../src/lib/present/import';
import { exportZipResponse } from '../../../src/lib/present/serve.server';
import { SQL_RESULTS_FILE, unzipText, zip } from '../../../src/lib/present/zip';
import { createSql } from '../../../src/lib/runtime/sql';
import { serverDatabases } from '../../../src/lib/server/sql/server-databases';
import { embeddedSql } from '../../../src/lib/sandbox/frame/embedded-sql';

const NOTEBOOK = [
	'```ts',
	"const who = view(Inputs.select(['SPY', 'QQQ']))",
	'```',
	'',
	'```sql output=total',
	'SELECT count(*)::INTEGER AS n FROM holdings',
	'```',
	'',
	'```sql output=one',
	'SELECT weight FROM holdings WHERE name = ${who}',
	'```',
	''
].join('\n');

describe('a zip download carries the SQL results an HTML export does', () => {
	let dir: string;
	const saved: Record<string, string | undefined> = {};

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'tape-zip-sql-'));
		await mkdir(join(dir, 'notebooks'));
		await mkdir(join(dir, 'data'));
		await writeFile(join(dir, 'notebooks', 'weights.md'), NOTEBOOK);
		await writeFile(join(dir, 'data', 'holdings.csv'), 'name,weight\nSPY,0.6\nQQQ,0.4\n');
		for (const key of ['TAPE_NOTEBOOKS_DIR', 'TAPE_DATA_DIR', 'TAPE_SAMPLE_DIR']) saved[key] = process.env[key];
		process.env.TAPE_NOTEBOOKS_DIR = join(dir, 'notebooks');
		process.env.TAPE_DATA_DIR = join(dir, 'data');
		process.env.TAPE_SAMPLE_DIR = '';
	});
	afterAll(async () => {
		await serverDatabases().close();
		for (const [key, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
		await rm(dir, { recursive: true, force: true });
	});

	it('holds the results of the fixed cell, the starting input and what the workspace ran; import reads them back and they answer the cells', async () => {
		const seen = { symbols: [], tables: [], queries: [{ sql: 'SELECT weight FROM holdings WHERE name = ?', params: ['QQQ'] }] };
		const response = await exportZipResponse('weights.md', seen);
		// The Share menu shows this after the file's size and data.
		expect(decodeURIComponent(response.headers.get('x-tape-embedded-sql')!)).toMatch(/^SQL results: 3 \(\d+ KB\)$/);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect(unzipText(bytes)['README.txt']).toContain(`${SQL_RESULTS_FILE} holds 3 SQL results`);

		const imported = notebookFromZip('weights.zip', bytes);
		expect(imported.text).toBe(NOTEBOOK);
		expect(Object.keys(imported.sql)).toHaveLength(3);
		const sql = createSql(embeddedSql(imported.sql));
		expect((await sql`SELECT count(*)::INTEGER AS n FROM holdings`).objects()).toEqual([{ n: 2 }]);
		expect((await sql`SELECT weight FROM holdings WHERE name = ${'SPY'}`).objects()).toEqual([{ weight: 0.6 }]);
		expect((await sql`SELECT weight FROM holdings WHERE name = ${'QQQ'}`).objects()).toEqual([{ weight: 0.4 }]);
	});

	it('refuses a zip whose SQL results are damaged, naming the file', () => {
		const damaged = (content: string) => zip([{ path: 'a.md', content: '# A\n' }, { path: SQL_RESULTS_FILE, content }]);
		expect(() => notebookFromZip('a.zip', damaged('{"not json'))).toThrow(ImportError);
		expect(() => notebookFromZip('a.zip', damaged('{"not json'))).toThrow(/a\.zip: sql-results\.json is not JSON/);
		expect(() => notebookFromZip('a.zip', damaged(JSON.stringify({ x: { ipc: 'AA==', rows: 1, ms: 1, truncated: false } })))).toThrow(/not a query and its result/);
		expect(notebookFromZip('a.zip', zip([{ path: 'a.md', content: '# A\n' }])).sql).toEqual({});
	});
});
