import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBrowserSource, createLoadTable, DataError } from '../../../src/lib/data/index';
import { createServerSource, readTableFile, storeUpload } from '../../../src/lib/server/data/index';
import { commonBuiltins } from '../../../src/lib/runtime/builtins';
import { createRuntime } from '../../../src/lib/runtime/index';
import { GET as getTable } from '../../../src/routes/api/data/tables/[name]/+server';
import { POST } from '../../../src/routes/api/data/upload/+server';
import { useTempDataDir } from './temp-data-dir';
import { fakeFetch } from './fake-fetch';

const HOLDINGS = 'name,sector,weight\n"Apple, Inc.",Tech,0.5\nMicrosoft,Tech,0.3\nExxon,Energy,0.2\n';

const data = useTempDataDir('tape-tables-');


describe('storeUpload: what is not a price series is stored as a table', () => {
	it('stores holdings under their own name, and loadTable reads them back through the server source', async () => {
		const stored = await storeUpload(data.dir, 'holdings', HOLDINGS);
		expect(stored).toEqual({ kind: 'table', name: 'holdings', file: join(data.dir, 'holdings.csv'), columns: ['name', 'sector', 'weight'], rows: 3, warnings: [] });
		expect(await readFile(join(data.dir, 'holdings.csv'), 'utf8')).toBe(HOLDINGS);
		const table = await createLoadTable(createServerSource({ dataDir: data.dir, fetchImpl: fakeFetch() }))('holdings');
		expect(table.array('weight')).toEqual([0.5, 0.3, 0.2]);
	});

	it('keeps the name’s case and spaces, and an economic series with its own columns is a table too', async () => {
		expect(await storeUpload(data.dir, 'Macro 2024.csv', 'date,gdp,cpi\n2024-01-01,1.2,3.1\n')).toMatchObject({ kind: 'table', name: 'Macro 2024', columns: ['date', 'gdp', 'cpi'] });
		expect(await readdir(data.dir)).toEqual(['Macro 2024.csv']);
	});

	it('a date and one column that is not numbers (dates and notes) is a table; with numbers it is a series', async () => {
		expect(await storeUpload(data.dir, 'events', 'date,note\n2024-01-02,Fed meeting\n')).toMatchObject({ kind: 'table', name: 'events' });
		expect(await storeUpload(data.dir, 'dgs10', 'observation_date,DGS10\n2024-01-02,3.95\n')).toMatchObject({ kind: 'series', symbol: 'DGS10', layout: 'series' });
	});

	it('a price file with a bad row is refused as prices (not stored as a table)', async () => {
		await expect(storeUpload(data.dir, 'IWM', 'Date,Close\n2024-01-02,x\n')).rejects.toThrow('IWM.csv:2, column Close: "x" is not a number');
		expect(await readdir(data.dir)).toEqual([]);
	});

	it('refuses a malformed table naming file:line, and writes nothing', async () => {
		await expect(storeUpload(data.dir, 'holdings', 'name,sector,weight\nApple,Tech,0.5\nMicrosoft,0.3\n')).rejects.toThrow('holdings.csv:3: row has 2 values, the header has 3 (name, sector, weight)');
		await expect(storeUpload(data.dir, 'quotes', 'a,b\n"open,1\n')).rejects.toThrow('quotes.csv:2: a quoted value opened on this line is never closed');
		expect(await readdir(data.dir)).toEqual([]);
	});

	it('refuses names that could leave the data folder or reach its cache, and writes nothing anywhere', async () => {
		for (const bad of ['../escape', '../../escape', '..', '.cache/IWM', '.hidden', 'a/b', 'a\\b', '/tmp/abs', 'x\0y', '%2e%2e%2fescape', 'C:escape']) {
			await expect(storeUpload(data.dir, bad, HOLDINGS), bad).rejects.toThrow(DataError);
		}
		expect(await readdir(data.dir)).toEqual([]);
		expect((await readdir(data.root)).sort()).toEqual(['data']);
	});
});

describe('readTableFile', () => {
	it('reads <name>.csv unparsed, says which file is missing, and points at a case mismatch', async () => {
		await writeFile(join(data.dir, 'Holdings.csv'), HOLDINGS);
		expect(await readTableFile(data.dir, 'Holdings')).toEqual({ text: HOLDINGS, origin: join(data.dir, 'Holdings.csv'), from: 'folder' });
		await expect(readTableFile(data.dir, 'holdings')).rejects.toThrow(`no table holdings.csv in ${data.dir}; there is loadTable('Holdings'); drop the CSV on the notebook page`);
	});

	it('never reads outside the folder or inside .cache', async () => {
		await writeFile(join(data.root, 'secret.csv'), 'a\n1\n');
		await mkdir(join(data.dir, '.cache'));
		await writeFile(join(data.dir, '.cache', 'IWM.csv'), 'a\n1\n');
		for (const bad of ['../secret', '../secret.csv', '.cache/IWM', '.cache', join(data.root, 'secret')]) {
			await expect(readTableFile(data.dir, bad), bad).rejects.toThrow(/is not a table name/);
		}
	});

	it('reads a price file as a plain table too', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), 'Date,Close\n2024-01-02,190.5\n');
		const table = await createLoadTable(createServerSource({ dataDir: data.dir, fetchImpl: fakeFetch() }))('IWM');
		expect(table.columnNames()).toEqual(['Date', 'Close']);
		expect(table.get('Close', 0)).toBe(190.5);
	});
});

describe('table endpoints', () => {
	const serverFetch = (async (input: string | URL | Request) => {
		const url = new URL(String(input), 'http://localhost');
		return getTable({ params: { name: decodeURIComponent(url.pathname.split('/').pop()!) }, url, request: new Request(url) } as never);
	}) as typeof fetch;

	it('GET /api/data/tables/<name> serves the CSV to the browser source; loadTable parses it there', async () => {
		await writeFile(join(data.dir, 'holdings.csv'), HOLDINGS);
		const response = await serverFetch('/api/data/tables/holdings.csv');
		expect(response.status).toBe(200);
		expect(response.headers.get('x-tape-origin')).toBe('holdings.csv');
		const table = await createLoadTable(createBrowserSource(serverFetch))('holdings');
		expect(table.numRows()).toBe(3);
	});

	it('answers 400 to names that could leave the folder and 404 to missing files', async () => {
		await writeFile(join(data.root, 'secret.csv'), 'a\n1\n');
		for (const bad of ['..%2Fsecret.csv', '.cache', '%2e%2e%2fsecret']) {
			const response = await serverFetch(`/api/data/tables/${bad}`);
			expect(response.status, bad).toBe(400);
		}
		const missing = await serverFetch('/api/data/tables/nothing');
		expect(missing.status).toBe(404);
		expect((await missing.json()).error).toContain('no table nothing.csv');
	});

	it('POST /api/data/upload stores a dropped holdings file as a table named after the file', async () => {
		const form = new FormData();
		form.append('file', new File([HOLDINGS], 'holdings.csv', { type: 'text/csv' }));
		const url = new URL('http://localhost/api/data/upload');
		const response = await POST({ request: new Request(url, { method: 'POST', body: form }), url } as never);
		expect(response.status).toBe(201);
		expect(await response.json()).toMatchObject({ kind: 'table', name: 'holdings', rows: 3, columns: ['name', 'sector', 'weight'] });
		expect((await stat(join(data.dir, 'holdings.csv'))).isFile()).toBe(true);
	});

	it('POST /api/data/upload refuses a traversal name with 400 and writes nothing', async () => {
		const url = new URL('http://localhost/api/data/upload?name=..%2Fescape');
		const response = await POST({ request: new Request(url, { method: 'POST', body: HOLDINGS, headers: { 'content-type': 'text/csv' } }), url } as never);
		expect(response.status).toBe(400);
		expect((await response.json()).error).toMatch(/is not a table name/);
		expect((await readdir(data.root)).sort()).toEqual(['data']);
		expect(await readdir(data.dir)).toEqual([]);
	});
});

describe('loadTable in a headless run (the CLI’s builtins)', () => {
	it('is a cell global, with a malformed file reported on the cell with its line', async () => {
		await writeFile(join(data.dir, 'holdings.csv'), HOLDINGS);
		await writeFile(join(data.dir, 'broken.csv'), 'a,b\n1,2\n3\n');
		const runtime = createRuntime({ builtins: commonBuiltins(createServerSource({ dataDir: data.dir, fetchImpl: fakeFetch() })) });
		runtime.update([
			{ id: 'a', source: "const holdings = await loadTable('holdings');" },
			{ id: 'b', source: "holdings.rollup({ total: op.sum('weight') }).get('total', 0)" },
			{ id: 'c', source: "await loadTable('broken.csv')" }
		]);
		await runtime.run();
		expect(runtime.state('b')?.value).toBeCloseTo(1);
		expect(runtime.state('c')?.error?.message).toContain(`${join(data.dir, 'broken.csv')}:3: row has 1 value, the header has 2`);
		runtime.dispose();
	});
});
