import { describe, expect, it, vi } from 'vitest';
import { mkdir, readdir, rename, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createBrowserSource } from '../../../src/lib/data/index';
import { createServerSource, SERIES_LIMIT_BYTES } from '../../../src/lib/server/data/index';
import { removeAbandonedDataWrites } from '../../../src/lib/server/data/write-atomic';
import { GET as listSymbols } from '../../../src/routes/api/data/symbols/+server';
import { fakeFetch, yahooIwm } from './fake-fetch';
import { seriesEndpoint } from './series-endpoint';
import { useTempDataDir } from './temp-data-dir';

const data = useTempDataDir('tape-serving-');
const csv = 'Date,Close\n2020-01-02,1\n2020-01-03,2\n';

describe('series files are served compressed, with validators', () => {
	it('gzips when the browser accepts it, and answers 304 with no body to a browser that has the file', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), csv);
		const zipped = await seriesEndpoint('/api/data/series/IWM', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
		expect(zipped.status).toBe(200);
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(zipped.headers.get('cache-control')).not.toContain('no-store');
		expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(csv);
		const etag = zipped.headers.get('etag')!;
		expect(etag).toBeTruthy();

		const again = await seriesEndpoint('/api/data/series/IWM', { headers: { 'if-none-match': etag } });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');

		// Changed in the folder: a new validator, and the new bytes.
		await writeFile(join(data.dir, 'IWM.csv'), csv + '2020-01-06,3\n');
		const changed = await seriesEndpoint('/api/data/series/IWM', { headers: { 'if-none-match': etag } });
		expect(changed.status).toBe(200);
		expect(changed.headers.get('etag')).not.toBe(etag);
		expect(await changed.text()).toContain('2020-01-06,3');
	});

	it('answers each version of a file with its own bytes, compressed once and kept', async () => {
		const gz = { headers: { 'accept-encoding': 'gzip' } };
		const body = async (response: Response) => gunzipSync(Buffer.from(await response.arrayBuffer())).toString();
		await writeFile(join(data.dir, 'IWM.csv'), csv);
		const first = await seriesEndpoint('/api/data/series/IWM', gz);
		const again = await seriesEndpoint('/api/data/series/IWM', gz);
		expect(await body(again)).toBe(csv);
		expect(again.headers.get('content-length')).toBe(first.headers.get('content-length'));
		expect(await body(first)).toBe(csv);
		// Rewritten with the same size within the same second: a new file (inode), so new bytes.
		const same = csv.replace('2020-01-03,2', '2020-01-03,3');
		await writeFile(join(data.dir, 'IWM.new'), same);
		await rename(join(data.dir, 'IWM.new'), join(data.dir, 'IWM.csv'));
		expect(await body(await seriesEndpoint('/api/data/series/IWM', gz))).toBe(same);
		await writeFile(join(data.dir, 'IWM.csv'), csv + '2020-01-06,3\n');
		expect(await body(await seriesEndpoint('/api/data/series/IWM', gz))).toBe(csv + '2020-01-06,3\n');
	});

	it('answers plain CSV, not a progress stream, for a file it has even when progress is asked for', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), csv);
		const response = await seriesEndpoint('/api/data/series/IWM?progress=1');
		expect(response.headers.get('content-type')).toContain('text/csv');
		const events: unknown[] = [];
		expect(await createBrowserSource(seriesEndpoint).fetchCsv('IWM', { onProgress: (p) => events.push(p) })).toMatchObject({ text: csv, from: 'folder' });
		expect(events).toEqual([]);
	});

	it('refuses a series file over the limit by name and limit, without reading it', async () => {
		await writeFile(join(data.dir, 'HUGE.csv'), 'Date,Close\n');
		await truncate(join(data.dir, 'HUGE.csv'), 200 * 1024 * 1024); // sparse: 200 MB by size, nothing on disk
		const response = await seriesEndpoint('/api/data/series/HUGE');
		expect(response.status).toBe(422);
		expect((await response.json()).error).toBe(`HUGE.csv is 200 MB, over the ${SERIES_LIMIT_BYTES / 1024 / 1024} MB a price series may have (20 years of daily bars is under 1 MB): check it is the right file`);
		await expect(createServerSource().fetchCsv('HUGE')).rejects.toThrow('HUGE.csv is 200 MB');
	});
});

describe('a folder named like a CSV in the data folder', () => {
	it('is left out of the symbol list, which still lists the files', async () => {
		await mkdir(join(data.dir, 'DIRX.csv'));
		await writeFile(join(data.dir, 'IWM.csv'), csv);
		const response = await listSymbols({} as never);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ symbols: ['IWM'] });
	});

	it('loading it says it is not a file (422), never a 500', async () => {
		await mkdir(join(data.dir, 'DIRX.csv'));
		const response = await seriesEndpoint('/api/data/series/DIRX');
		expect(response.status).toBe(422);
		expect((await response.json()).error).toBe('DIRX.csv in the data folder is not a file (a folder?): rename it, or put the series in a file of that name');
	});
});

describe('refresh is a same-origin POST', () => {
	it('a GET with ?refresh=1 refetches nothing and says to POST', async () => {
		const fetchImpl = fakeFetch([[/yahoo/, yahooIwm]]);
		vi.stubGlobal('fetch', fetchImpl);
		await mkdir(join(data.dir, '.cache'));
		await writeFile(join(data.dir, '.cache', 'IWM.csv'), csv);
		const response = await seriesEndpoint('/api/data/series/IWM?refresh=1');
		expect(response.status).toBe(405);
		expect((await response.json()).error).toContain('POST');
		expect(fetchImpl.calls).toEqual([]);
	});

	it('a POST that is not JSON (what an HTML form can send) refetches nothing', async () => {
		const fetchImpl = fakeFetch([[/yahoo/, yahooIwm]]);
		vi.stubGlobal('fetch', fetchImpl);
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
			const response = await seriesEndpoint('/api/data/series/IWM', { method: 'POST', headers: { 'content-type': type }, body: '' });
			expect(response.status).toBe(415);
		}
		expect(fetchImpl.calls).toEqual([]);
		const refreshed = await seriesEndpoint('/api/data/series/IWM', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(refreshed.status).toBe(200);
		expect(refreshed.headers.get('x-tape-from')).toBe('provider');
		expect(fetchImpl.calls).toHaveLength(1);
	});
});

describe('a series asked for only if the server has its file (local=1, the page prefetching what a notebook names)', () => {
	it('answers a file it has, and 404 without asking any provider for one it has not', async () => {
		const fetchImpl = fakeFetch([[/yahoo/, yahooIwm]]);
		vi.stubGlobal('fetch', fetchImpl);
		await writeFile(join(data.dir, 'QQQ.csv'), csv);
		expect(await createBrowserSource(seriesEndpoint).fetchCsv('QQQ', { localOnly: true })).toMatchObject({ text: csv, from: 'folder' });
		const missing = await seriesEndpoint('/api/data/series/IWM?local=1');
		expect(missing.status).toBe(404);
		expect((await missing.json()).error).toBe('no file for IWM in the data folder, the sample or the download cache');
		await expect(createBrowserSource(seriesEndpoint).fetchCsv('IWM', { localOnly: true })).rejects.toThrow('no file for IWM');
		expect(fetchImpl.calls).toEqual([]);
		expect(await readdir(data.dir)).toEqual(['QQQ.csv']);
	});
});

describe('temporary files of interrupted data writes', () => {
	it('are removed on start: the store writer’s of dead processes and the old writer’s, in the folder and its cache', async () => {
		await mkdir(join(data.dir, '.cache'));
		const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
		const left = [
			join(data.dir, `.IWM.csv.${dead}.0badc0de.tmp`),
			join(data.dir, '.cache', `.QQQ.csv.${dead}.12345678.tmp`),
			join(data.dir, 'SPY.csv.0123456789ab.tmp')
		];
		for (const file of left) await writeFile(file, 'half');
		const live = join(data.dir, `.MDY.csv.${process.pid}.abcdef01.tmp`);
		await writeFile(live, 'being written');
		await writeFile(join(data.dir, 'IWM.csv'), csv);
		expect(await removeAbandonedDataWrites(data.dir, '.cache')).toBe(3);
		expect((await readdir(data.dir)).sort()).toEqual(['.MDY.csv.' + process.pid + '.abcdef01.tmp', '.cache', 'IWM.csv']);
		expect(await readdir(join(data.dir, '.cache'))).toEqual([]);
	});
});
