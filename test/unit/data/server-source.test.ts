import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLoadSeries, DataError } from '../../../src/lib/data/index';
import { createServerSource, storeUpload } from '../../../src/lib/server/data/index';
import { fakeFetch, fixture, yahooIwm, yahooNotFound } from './fake-fetch';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'tape-data-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

const CSV = 'date,close\n2020-01-02,1\n';

describe('createServerSource: the data folder', () => {
	it('reads SYMBOL.csv, upper-cased if need be, without touching the network', async () => {
		await writeFile(join(dir, 'IWM.csv'), CSV);
		const fetchImpl = fakeFetch();
		const source = createServerSource({ dataDir: dir, fetchImpl });
		expect(await source.fetchCsv('IWM')).toEqual({ text: CSV, origin: join(dir, 'IWM.csv'), from: 'folder' });
		expect((await source.fetchCsv('iwm')).origin).toBe(join(dir, 'IWM.csv'));
		expect(fetchImpl.calls).toEqual([]);
	});

	it('finds an index as ^RUT.csv first, then RUT.csv', async () => {
		const source = createServerSource({ dataDir: dir, fetchImpl: fakeFetch() });
		await writeFile(join(dir, 'RUT.csv'), CSV);
		expect((await source.fetchCsv('^RUT')).origin).toBe(join(dir, 'RUT.csv'));
		await writeFile(join(dir, '^RUT.csv'), CSV);
		expect((await source.fetchCsv('^RUT')).origin).toBe(join(dir, '^RUT.csv'));
	});

	it('refuses symbols that could name a path, before any file or network access', async () => {
		const fetchImpl = fakeFetch();
		const source = createServerSource({ dataDir: join(dir, 'inner'), fetchImpl });
		await writeFile(join(dir, 'secret.csv'), CSV);
		for (const bad of ['../secret', '..', 'a/b', '.cache', '', 'x\\y', '^^RUT', 'A'.repeat(40)]) {
			await expect(source.fetchCsv(bad), bad).rejects.toThrow(/is not a symbol/);
		}
		expect(fetchImpl.calls).toEqual([]);
	});

	it('lists the price series of the folder and its cache for the symbol picker, not the tables beside them', async () => {
		await writeFile(join(dir, 'IWM.csv'), CSV);
		await writeFile(join(dir, '^RUT.csv'), '\uFEFFDate,Open,High,Low,Close,Adj Close,Volume\r\n2020-01-02,1,1,1,1,1,1\r\n');
		await writeFile(join(dir, 'DGS10.csv'), 'observation_date,DGS10\n2020-01-02,1.88\n');
		await writeFile(join(dir, 'holdings.csv'), 'name,sector,weight\nApple,Tech,0.07\n');
		await writeFile(join(dir, 'notes.txt'), 'Date,Close\n');
		await mkdir(join(dir, '.cache'));
		await writeFile(join(dir, '.cache', 'QQQ.csv'), CSV);
		const source = createServerSource({ dataDir: dir, fetchImpl: fakeFetch() });
		expect(await source.listSymbols!()).toEqual(['DGS10', 'IWM', 'QQQ', '^RUT']);
	});
});

describe('createServerSource: providers and cache', () => {
	it('turns Yahoo’s chart answer into a CSV, caches it, and reuses the cache unless refresh', async () => {
		const fetchImpl = fakeFetch([[/query1\.finance\.yahoo\.com\/v8\/finance\/chart\/IWM\?/, yahooIwm]]);
		const source = createServerSource({ dataDir: dir, fetchImpl });
		const first = await source.fetchCsv('IWM');
		expect(first.origin).toBe(join(dir, '.cache', 'IWM.csv'));
		expect(await readFile(first.origin, 'utf8')).toBe(first.text);
		expect(fetchImpl.calls).toHaveLength(1);

		await source.fetchCsv('IWM');
		expect(fetchImpl.calls).toHaveLength(1);
		await source.fetchCsv('IWM', { refresh: true });
		expect(fetchImpl.calls).toHaveLength(2);
	});

	it('gives loadSeries the Yahoo sessions on their New York dates, the holiday null row dropped with a warning, the live bar once', async () => {
		const warnings: string[] = [];
		const loadSeries = createLoadSeries(createServerSource({ dataDir: dir, fetchImpl: fakeFetch([[/yahoo/, yahooIwm]]) }), { onWarning: (m) => warnings.push(m) });
		const t = await loadSeries('IWM');
		expect((t.array('date') as Date[]).map((d) => d.toISOString())).toEqual(['2013-07-03T00:00:00.000Z', '2013-07-05T00:00:00.000Z', '2013-07-08T00:00:00.000Z']);
		expect(t.array('close')).toEqual([98.28, 100.3, 101]);
		expect(t.array('adjClose')).toEqual([87.74, 89.55, 90.17]);
		expect(warnings).toEqual([`${join(dir, '.cache', 'IWM.csv')}: dropped 1 row(s) with no values (line 3); Yahoo writes such null rows on some holidays`]);
	});

	it('falls through to Stooq when Yahoo has no such symbol, asking Stooq for its own spelling', async () => {
		const fetchImpl = fakeFetch([
			[/yahoo/, yahooNotFound],
			[/stooq\.com\/q\/d\/l\/\?s=qqq\.us&i=d/, () => new Response(fixture('stooq-QQQ.csv'))]
		]);
		const { text } = await createServerSource({ dataDir: dir, fetchImpl }).fetchCsv('QQQ');
		expect(text).toBe(fixture('stooq-QQQ.csv'));
	});

	it('reads FRED rates as date,value (gaps left out) after Yahoo and Stooq decline', async () => {
		const fetchImpl = fakeFetch([
			[/yahoo/, yahooNotFound],
			[/stooq/, () => new Response('No data')],
			[/fred\.stlouisfed\.org\/graph\/fredgraph\.csv\?id=DGS10$/, () => new Response(fixture('fred-DGS10.csv'))]
		]);
		const t = await createLoadSeries(createServerSource({ dataDir: dir, fetchImpl }))('DGS10');
		expect(t.columnNames()).toEqual(['date', 'close']);
		expect(t.array('close')).toEqual([2.52, 2.73, 2.66]);
	});

	it('does not cache an answer that fails validation, nor Stooq’s browser-check page, and says why', async () => {
		const fetchImpl = fakeFetch([
			[/yahoo/, yahooNotFound],
			[/stooq/, () => new Response(fixture('stooq-interstitial.html'), { headers: { 'content-type': 'text/html' } })],
			[/fred/, () => new Response('observation_date,XYZ\n2020-01-02,abc\n')]
		]);
		const error = await createServerSource({ dataDir: dir, fetchImpl }).fetchCsv('XYZ').catch((e) => e);
		expect(error).toBeInstanceOf(DataError);
		expect(error.message).toContain('no data for XYZ: not in');
		expect(error.message).toContain('yahoo: no such symbol');
		expect(error.message).toContain('stooq: stooq answered with a web page instead of CSV');
		expect(error.message).toContain('fred: fred XYZ:2, column value: "abc" is not a number');
		expect(error.message).toContain('drop XYZ.csv there');
		await expect(readdir(join(dir, '.cache'))).rejects.toThrow();
	});

	it('offline and not in the folder: the clear message', async () => {
		const source = createServerSource({ dataDir: dir, fetchImpl: fakeFetch() });
		await expect(source.fetchCsv('IWM')).rejects.toThrow(`no data for IWM: offline and not in ${dir}; drop IWM.csv there or connect to the network and retry`);
	});

	it('offline, a missing index gets the message a missing ETF gets (FRED declining `^RUT` unasked is not an answer)', async () => {
		const source = createServerSource({ dataDir: dir, fetchImpl: fakeFetch() });
		await expect(source.fetchCsv('^RUT')).rejects.toThrow(`no data for ^RUT: offline and not in ${dir}; drop ^RUT.csv there or connect to the network and retry`);
	});

	it('a refresh that fails offline keeps the cached copy and says so', async () => {
		await mkdir(join(dir, '.cache'));
		await writeFile(join(dir, '.cache', 'IWM.csv'), CSV);
		const source = createServerSource({ dataDir: dir, fetchImpl: fakeFetch() });
		await expect(source.fetchCsv('IWM', { refresh: true })).rejects.toThrow(/could not refresh IWM .*the cached copy .*IWM\.csv is kept/);
		expect((await source.fetchCsv('IWM')).text).toBe(CSV);
	});

	it('defaults the folder to TAPE_DATA_DIR', () => {
		const saved = process.env.TAPE_DATA_DIR;
		process.env.TAPE_DATA_DIR = dir;
		try {
			expect(createServerSource().dataDir).toBe(dir);
		} finally {
			if (saved === undefined) delete process.env.TAPE_DATA_DIR;
			else process.env.TAPE_DATA_DIR = saved;
		}
	});
});

describe('storeUpload', () => {
	it('stores a valid CSV as SYMBOL.csv where loadSeries finds it', async () => {
		const stored = await storeUpload(dir, 'iwm', 'Date,Close\n2020-01-03,2\n2020-01-02,1\n');
		expect(stored).toMatchObject({ symbol: 'IWM', file: join(dir, 'IWM.csv'), layout: 'close', rows: 2, first: '2020-01-02', last: '2020-01-03' });
		expect(stored.warnings[0]).toContain('not in date order');
		const t = await createLoadSeries(createServerSource({ dataDir: dir, fetchImpl: fakeFetch() }))('IWM');
		expect(t.array('close')).toEqual([1, 2]);
	});

	it('refuses a CSV that does not parse, naming line and column, and writes nothing', async () => {
		await expect(storeUpload(dir, 'IWM', 'Date,Close\n2020-01-02,x\n')).rejects.toThrow('IWM.csv:2, column Close: "x" is not a number');
		expect(await readdir(dir)).toEqual([]);
	});
});

describe('createServerSource on a folder it cannot write', () => {
	it('still returns a provider’s data, saying it was not cached', async () => {
		// A file where the cache folder should be makes every cache write fail, like a read-only share.
		await writeFile(join(dir, '.cache'), '');
		const source = createServerSource({ dataDir: dir, fetchImpl: fakeFetch([[/yahoo/, yahooIwm]]) });
		const { text, origin } = await source.fetchCsv('IWM');
		expect(text.startsWith('Date,Open,High,Low,Close,Adj Close,Volume\n2013-07-03,')).toBe(true);
		expect(origin).toMatch(/^yahoo IWM \(not cached: E[A-Z]+\)$/);
	});
});
