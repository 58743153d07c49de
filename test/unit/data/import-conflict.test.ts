import { describe, expect, it } from 'vitest';
import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importDataFile } from '../../../src/lib/present/import';
import { POST } from '../../../src/routes/api/data/upload/+server';
import { useTempDataDir } from './temp-data-dir';

const data = useTempDataDir('tape-conflict-');

const mine = ['Date,Close', '2020-01-02,100', '2020-01-03,101', '2020-01-06,102', ''].join('\n');
const theirs = ['Date,Close', '2020-01-02,100', '2020-01-03,1', ''].join('\n');

/** The upload as the import sends it: multipart, with its name and fields. */
function upload(name: string, text: string, fields: Record<string, string> = {}) {
	const form = new FormData();
	form.set('file', new File([text], `${name}.csv`, { type: 'text/csv' }));
	form.set('name', name);
	for (const [key, value] of Object.entries(fields)) form.set(key, value);
	const url = new URL('http://localhost/api/data/upload');
	return POST({ request: new Request(url, { method: 'POST', body: form }), url } as never);
}

const trash = async () => (await readdir(join(data.dir, '.trash')).catch(() => [] as string[])).sort();

describe('an import never replaces a data file without asking', () => {
	it('leaves a different file alone and says what differs: rows, date range, first differing line', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), mine);
		const response = await upload('IWM', theirs, { ifExists: 'ask' });
		expect(response.status).toBe(409);
		const { error, conflict } = await response.json();
		expect(error).toBe('IWM.csv is already in the data folder with different content (3 rows, 2020-01-02 to 2020-01-06; the new file has 2 rows, 2020-01-02 to 2020-01-03)');
		expect(conflict).toMatchObject({
			file: 'IWM.csv',
			existing: { rows: 3, first: '2020-01-02', last: '2020-01-06' },
			incoming: { rows: 2, first: '2020-01-02', last: '2020-01-03' },
			firstDifference: { line: 3, existing: '2020-01-03,101', incoming: '2020-01-03,1' }
		});
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(mine);
		expect(await trash()).toEqual([]);
	});

	it('skips an identical file silently, writing nothing', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), mine);
		const response = await upload('IWM', mine, { ifExists: 'ask' });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ kind: 'series', symbol: 'IWM', unchanged: true });
		expect(await trash()).toEqual([]);
	});

	it('replaces the file the user was shown, keeping the old one in the data folder’s trash', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), mine);
		const { conflict } = await (await upload('IWM', theirs, { ifExists: 'ask' })).json();
		const response = await upload('IWM', theirs, { replaces: conflict.revision });
		expect(response.status).toBe(201);
		const { trashed } = await response.json();
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(theirs);
		expect(await trash()).toEqual([trashed]);
		expect(trashed).toMatch(/^IWM\.csv\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
		expect(await readFile(join(data.dir, '.trash', trashed), 'utf8')).toBe(mine);
	});

	it('does not replace a file that changed since the user saw the difference', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), mine);
		const { conflict } = await (await upload('IWM', theirs, { ifExists: 'ask' })).json();
		const newer = mine + '2020-01-07,103\n';
		await writeFile(join(data.dir, 'IWM.csv'), newer);
		const response = await upload('IWM', theirs, { replaces: conflict.revision });
		expect(response.status).toBe(409);
		expect((await response.json()).conflict.existing.rows).toBe(4);
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(newer);
	});

	it('saves under a new name when the user picks one, touching neither file', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), mine);
		const response = await upload('IWM-2', theirs, { ifExists: 'ask' });
		expect(response.status).toBe(201);
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(mine);
		expect(await readFile(join(data.dir, 'IWM-2.csv'), 'utf8')).toBe(theirs);
	});

	it('never reads a huge existing file to compare it: the import is refused by name, the file untouched', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), 'Date,Close\n');
		await truncate(join(data.dir, 'IWM.csv'), 60 * 1024 * 1024);
		const response = await upload('IWM', theirs, { ifExists: 'ask' });
		expect(response.status).toBe(400);
		expect((await response.json()).error).toBe('IWM.csv in the data folder is 60 MB, too large to compare with the new file: move it out of the folder first');
		expect((await stat(join(data.dir, 'IWM.csv'))).size).toBe(60 * 1024 * 1024);
	});

	it('a plain upload (a file dropped on the page) still replaces, but keeps the old file in the trash', async () => {
		await writeFile(join(data.dir, 'holdings.csv'), 'name,weight\nA,1\n');
		const response = await upload('holdings', 'name,weight\nB,2\n');
		expect(response.status).toBe(201);
		const { trashed } = await response.json();
		expect(await readFile(join(data.dir, '.trash', trashed), 'utf8')).toBe('name,weight\nA,1\n');
	});
});

describe('importDataFile, the zip import’s client', () => {
	/** The upload route as the browser reaches it. */
	const route = (async (input: string | URL | Request, init?: RequestInit) => {
		const url = new URL(String(input), 'http://localhost');
		return POST({ request: new Request(url, init), url } as never);
	}) as typeof fetch;

	it('adds a new file, skips an identical one, and returns the difference of a different one without writing', async () => {
		expect(await importDataFile('QQQ', mine, undefined, route)).toEqual({ status: 'added', name: 'QQQ' });
		expect(await importDataFile('QQQ', mine, undefined, route)).toEqual({ status: 'unchanged', name: 'QQQ' });
		const result = await importDataFile('QQQ', theirs, undefined, route);
		expect(result).toMatchObject({ status: 'conflict', conflict: { file: 'QQQ.csv', existing: { rows: 3 }, incoming: { rows: 2 } } });
		expect(await readFile(join(data.dir, 'QQQ.csv'), 'utf8')).toBe(mine);
		if (result.status !== 'conflict') return;
		const replaced = await importDataFile('QQQ', theirs, result.conflict.revision, route);
		expect(replaced).toMatchObject({ status: 'replaced', name: 'QQQ' });
		expect(await readFile(join(data.dir, 'QQQ.csv'), 'utf8')).toBe(theirs);
	});

	it('throws the server’s reason for a file that does not parse', async () => {
		await expect(importDataFile('BAD', 'Date,Close\n2020-01-02,x\n', undefined, route)).rejects.toThrow('data/BAD.csv was not added: BAD.csv:2, column Close: "x" is not a number');
	});
});
